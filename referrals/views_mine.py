"""/mine-soknader/: the citizen's own applications (filed by them or about them)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from catalogue.models import Weekday
from portal.roles import Role
from referrals import forms, selectors, services
from referrals.casework_selectors import access_history_for_citizen, waiting_position
from referrals.models import DRAFT_RETENTION_DAYS, Application
from referrals.models_casework import PreliminaryReply, WaitingListEntry

# Roles whose accesses the citizen sees: staff in the municipality, not the citizen's
# own visits (and never anonymous attempts, which are refused anyway).
STAFF_ROLES = (Role.CASEWORKER, Role.UNIT_LEADER, Role.ADMINISTRATOR)


@login_required
def my_applications(request):
    return render(
        request,
        "referrals/mine/list.html",
        {
            "applications": selectors.my_applications(request.user),
            "drafts": selectors.my_drafts(request.user),
            "retention_days": DRAFT_RETENTION_DAYS,
        },
    )


def _render_detail(
    request, application: Application, *, reply_form=None, documents_form=None, status=200
):
    context = selectors.application_page_data(user=request.user, application=application)
    letters_allowed = context["letters_allowed"]
    context.update(
        {
            "application": application,
            "preliminary_replies": list(application.preliminary_replies.all()),
            # Waiting-list places follow from the decision, and the access log is about
            # the person: both only for those who may read the person's letters.
            "waiting": _waiting_list(application) if letters_allowed else [],
            "access_history": _access_history(application) if letters_allowed else [],
            "reply_form": reply_form or forms.ReplyForm(prefix="reply"),
            "documents_form": documents_form or forms.DocumentsForm(prefix="documents"),
        }
    )
    return render(request, "referrals/mine/detail.html", context, status=status)


def _waiting_list(application: Application) -> list[dict]:
    """The person's open places on waiting lists, with their place in each queue."""
    entries = (
        WaitingListEntry.objects.filter(application=application, removed_at__isnull=True)
        .select_related("offer")
        .order_by("offer__title", "weekday", "pk")
    )
    return [
        {
            "offer": entry.offer,
            "weekday": Weekday(entry.weekday).label,
            "position": waiting_position(entry=entry),
            "added_at": entry.added_at,
        }
        for entry in entries
    ]


def _access_history(application: Application) -> list[dict]:
    """Who in the municipality has looked at the case: staff accesses only, newest first
    (the selector leaves refused attempts out and gives role and unit, never names)."""
    # The selector gives the role's label; compare in the same (active) language.
    staff_labels = {str(role.label) for role in STAFF_ROLES}
    return [
        row for row in access_history_for_citizen(application) if str(row["role"]) in staff_labels
    ]


@login_required
def application_detail(request, reference):
    application = selectors.get_application_for_user(user=request.user, reference=reference)
    return _render_detail(request, application)


def _files(form) -> list:
    return [uploaded for uploaded, _content_type in getattr(form, "valid_files", [])]


@login_required
@require_POST
def reply(request, reference):
    application = selectors.get_application_for_user(user=request.user, reference=reference)
    form = forms.ReplyForm(request.POST, request.FILES, prefix="reply")
    if not form.is_valid():
        return _render_detail(request, application, reply_form=form, status=422)
    try:
        services.reply_to_municipality(
            application=application,
            user=request.user,
            body=form.cleaned_data["body"],
            files=_files(form),
        )
    except services.ApplicationError as error:
        form.add_error(None, error.message)
        return _render_detail(request, application, reply_form=form, status=422)
    messages.success(request, _("Svaret ditt er sendt til kommunen."))
    return redirect("referrals:application_detail", reference=reference)


@login_required
@require_POST
def add_documents(request, reference):
    application = selectors.get_application_for_user(user=request.user, reference=reference)
    form = forms.DocumentsForm(request.POST, request.FILES, prefix="documents")
    if not form.is_valid():
        return _render_detail(request, application, documents_form=form, status=422)
    try:
        services.add_documents(application=application, user=request.user, files=_files(form))
    except services.ApplicationError as error:
        form.add_error(None, error.message)
        return _render_detail(request, application, documents_form=form, status=422)
    messages.success(request, _("Dokumentene er sendt til kommunen."))
    return redirect("referrals:application_detail", reference=reference)


@login_required
def withdraw_confirm(request, reference):
    application = selectors.get_application_for_user(user=request.user, reference=reference)
    return render(request, "referrals/mine/withdraw.html", {"application": application})


@login_required
@require_POST
def withdraw(request, reference):
    application = selectors.get_application_for_user(user=request.user, reference=reference)
    try:
        services.withdraw_application(application=application, user=request.user)
    except services.ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Søknaden %(reference)s er trukket tilbake.") % {"reference": reference}
        )
    return redirect("referrals:application_detail", reference=reference)


def _appeal_context(request, application):
    decision = (
        selectors.latest_decision(application)
        if selectors.may_see_letters(user=request.user, application=application)
        else None
    )
    return {"application": application, "decision": decision}


@login_required
def appeal_form(request, reference):
    application = selectors.get_application_for_user(user=request.user, reference=reference)
    context = _appeal_context(request, application)
    context["form"] = forms.AppealForm()
    return render(request, "referrals/mine/appeal.html", context)


@login_required
@require_POST
def appeal_submit(request, reference):
    application = selectors.get_application_for_user(user=request.user, reference=reference)
    context = _appeal_context(request, application)
    form = forms.AppealForm(request.POST)
    context["form"] = form
    if context["decision"] is None:
        form.add_error(None, _("Du kan bare klage på et vedtak du har fått."))
        return render(request, "referrals/mine/appeal.html", context, status=422)
    if not form.is_valid():
        return render(request, "referrals/mine/appeal.html", context, status=422)
    try:
        services.file_appeal(
            application=application,
            user=request.user,
            reasons=form.cleaned_data["reasons"],
            wanted_outcome=form.cleaned_data["wanted_outcome"],
        )
    except services.ApplicationError as error:
        form.add_error(None, error.message)
        return render(request, "referrals/mine/appeal.html", context, status=422)
    messages.success(
        request,
        _(
            "Klagen er sendt. Kommunen vurderer saken på nytt før den eventuelt sendes til Statsforvalteren."
        ),
    )
    return redirect("referrals:application_detail", reference=reference)


@login_required
def attachment_download(request, reference, attachment):
    item = selectors.get_attachment_for_user(
        user=request.user, reference=reference, public_id=attachment
    )
    return _file_response(item.file, item.content_type, item.original_name)


@login_required
def decision_letter(request, reference, decision):
    item = selectors.get_decision_for_user(
        user=request.user, reference=reference, decision_id=decision
    )
    return _file_response(item.letter, "application/pdf", f"vedtak-{reference}.pdf")


@login_required
@require_safe
def decision_letter_english(request, reference, decision):
    """The English courtesy copy, for whoever may read the Norwegian letter."""
    from referrals.views_casework import _courtesy_copy_response

    item = selectors.get_decision_for_user(
        user=request.user, reference=reference, decision_id=decision
    )
    return _courtesy_copy_response(item, reference)


def _get_preliminary_reply_for_user(*, user, reference: str, reply_id: int) -> PreliminaryReply:
    """A preliminary reply letter for someone who may read the case's letters (as for
    decision letters); everyone else gets a 404, and the refusal is logged."""
    application = selectors.get_application_for_user(user=user, reference=reference)
    reply = application.preliminary_replies.filter(pk=reply_id).exclude(letter="").first()
    if reply is None or not selectors.may_see_letters(user=user, application=application):
        selectors.access_logger.warning(
            "Refused access to %s %s for user %s",
            "preliminary_reply",
            f"{reference}/{reply_id}",
            user.pk,
        )
        raise Http404()
    return reply


@login_required
@require_safe
def preliminary_reply_letter(request, reference, reply):
    item = _get_preliminary_reply_for_user(user=request.user, reference=reference, reply_id=reply)
    return _file_response(item.letter, "application/pdf", f"forelopig-svar-{reference}.pdf")


def _file_response(file, content_type: str, name: str) -> FileResponse:
    response = FileResponse(
        file.open("rb"), content_type=content_type, as_attachment=True, filename=name
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
