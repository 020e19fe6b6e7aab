"""/mine-soknader/: the citizen's own applications (filed by them or about them)."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from portal.documents.downloads import file_download
from portal.http import AuthenticatedHttpRequest
from referrals.applications import forms, selectors, services
from referrals.capacity.selectors import places_held, waiting_list
from referrals.cases import services as case_services
from referrals.cases.access import access_history
from referrals.cases.models import DRAFT_RETENTION_DAYS, Application
from referrals.cases.representation import Aspect, Standing, access_for, may_see
from referrals.letters.downloads import courtesy_copy_response
from referrals.matching import selectors as matching_selectors
from referrals.matching.models import CheckIn


@login_required
@require_safe
def my_applications(request: AuthenticatedHttpRequest) -> HttpResponse:
    applications = []
    for application in selectors.my_applications(request.user):
        access = access_for(user=request.user, application=application)
        applications.append(
            {
                "application": application,
                "status_visible": may_see(access, Aspect.STATUS),
                "status": selectors.list_status(application),
                # The user's own cases (also a caregiver's own application, where the
                # caregiver is the party), apart from those they act in for someone else.
                "own": access.standing == Standing.PERSON,
            }
        )
    return render(
        request,
        "referrals/mine/list.html",
        {
            "applications": applications,
            "own_applications": [entry for entry in applications if entry["own"]],
            "acting_applications": [entry for entry in applications if not entry["own"]],
            "drafts": selectors.my_drafts(request.user),
            "retention_days": DRAFT_RETENTION_DAYS,
            "help_requests": list(matching_selectors.requests_of_requester(request.user)),
        },
    )


def _render_detail(
    request: AuthenticatedHttpRequest,
    application: Application,
    *,
    reply_form: forms.ReplyForm | None = None,
    documents_form: forms.DocumentsForm | None = None,
    status: int = 200,
) -> HttpResponse:
    page = selectors.application_page_data(user=request.user, application=application)
    access = page["access"]
    details_allowed = may_see(access, Aspect.DECISION_DETAILS)
    access_log_allowed = may_see(access, Aspect.ACCESS_LOG)
    context = {
        **page,
        "application": application,
        "waiting": waiting_list(application) if details_allowed else [],
        "places": places_held(application) if details_allowed else [],
        "access_log_allowed": access_log_allowed,
        "access_history": access_history(application) if access_log_allowed else [],
        "reply_form": reply_form or forms.ReplyForm(prefix="reply"),
        "documents_form": documents_form or forms.DocumentsForm(prefix="documents"),
    }
    if details_allowed and matching_selectors.is_stottekontakt(application):
        match_status = matching_selectors.status_for(application)
        match = match_status.match if match_status else None
        context["match_status"] = match_status
        context["match_may_act"] = access.may_act
        if match_status is not None and (match is None or not match.started):
            context["usual_days"] = matching_selectors.usual_days()
        if match is not None and match.started:
            context["match_check_in_week"] = matching_selectors.check_in_due_for(
                match, CheckIn.Side.PERSON
            )
    return render(request, "referrals/mine/detail.html", context, status=status)


# Shared with the personal-data download, which shows the same to the same people.


@login_required
@require_safe
def application_detail(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    application = selectors.get_application_for_user(user=request.user, reference=reference)
    return _render_detail(request, application)


def _files(form: forms.FilesMixin) -> list[UploadedFile[bytes]]:
    return [uploaded for uploaded, _content_type in getattr(form, "valid_files", [])]


@login_required
@require_POST
def reply(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    application = selectors.get_application_to_act_on(user=request.user, reference=reference)
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
    except case_services.ApplicationError as error:
        form.add_error(None, error.message)
        return _render_detail(request, application, reply_form=form, status=422)
    messages.success(request, _("Svaret ditt er sendt til kommunen."))
    return redirect("referrals:application_detail", reference=reference)


@login_required
@require_POST
def add_documents(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    application = selectors.get_application_to_act_on(user=request.user, reference=reference)
    form = forms.DocumentsForm(request.POST, request.FILES, prefix="documents")
    if not form.is_valid():
        return _render_detail(request, application, documents_form=form, status=422)
    try:
        services.add_documents(application=application, user=request.user, files=_files(form))
    except case_services.ApplicationError as error:
        form.add_error(None, error.message)
        return _render_detail(request, application, documents_form=form, status=422)
    messages.success(request, _("Dokumentene er sendt til kommunen."))
    return redirect("referrals:application_detail", reference=reference)


@login_required
@require_safe
def withdraw_confirm(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    application = selectors.get_application_to_act_on(user=request.user, reference=reference)
    return render(request, "referrals/mine/withdraw.html", {"application": application})


@login_required
@require_POST
def withdraw(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    application = selectors.get_application_to_act_on(user=request.user, reference=reference)
    try:
        services.withdraw_application(application=application, user=request.user)
    except case_services.ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Søknaden %(reference)s er trukket tilbake.") % {"reference": reference}
        )
    return redirect("referrals:application_detail", reference=reference)


@login_required
@require_safe
def end_representation_confirm(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    """The person confirms that the one who applied for them loses their access."""
    application = selectors.get_representation_to_end(user=request.user, reference=reference)
    if application.representative_access_ended_at is not None:
        return redirect("referrals:application_detail", reference=reference)
    return render(request, "referrals/mine/end_representation.html", {"application": application})


@login_required
@require_POST
def end_representation(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    application = selectors.get_representation_to_end(user=request.user, reference=reference)
    try:
        application = services.end_representative_access(application=application, user=request.user)
    except case_services.ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Tilgangen til %(name)s er avsluttet.")
            % {"name": application.applicant_name or application.applicant.full_name},
        )
    return redirect("referrals:application_detail", reference=reference)


def _appeal_context(
    request: AuthenticatedHttpRequest, application: Application
) -> dict[str, object]:
    """The decision to appeal: the latest, for those who may read it."""
    decision = selectors.latest_decision(application)
    access = access_for(user=request.user, application=application)
    if decision is not None and not may_see(access, decision):
        decision = None
    return {"application": application, "decision": decision}


@login_required
@require_safe
def appeal_form(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    application = selectors.get_application_to_act_on(user=request.user, reference=reference)
    context = _appeal_context(request, application)
    context["form"] = forms.AppealForm()
    return render(request, "referrals/mine/appeal.html", context)


@login_required
@require_POST
def appeal_submit(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    application = selectors.get_application_to_act_on(user=request.user, reference=reference)
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
    except case_services.ApplicationError as error:
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
@require_safe
def attachment_download(
    request: AuthenticatedHttpRequest, reference: str, attachment: UUID
) -> FileResponse:
    item = selectors.get_attachment_for_user(
        user=request.user, reference=reference, public_id=attachment
    )
    return file_download(item.file, content_type=item.content_type, name=item.original_name)


@login_required
@require_safe
def decision_letter(
    request: AuthenticatedHttpRequest, reference: str, decision: int
) -> FileResponse:
    item = selectors.get_decision_for_user(
        user=request.user, reference=reference, decision_id=decision
    )
    return file_download(
        item.letter, content_type="application/pdf", name=f"vedtak-{reference}.pdf"
    )


@login_required
@require_safe
def decision_letter_english(
    request: AuthenticatedHttpRequest, reference: str, decision: int
) -> HttpResponse:
    """The English courtesy copy, for whoever may read the Norwegian letter."""
    item = selectors.get_decision_for_user(
        user=request.user, reference=reference, decision_id=decision
    )
    return courtesy_copy_response(item, reference)


@login_required
@require_safe
def preliminary_reply_letter(
    request: AuthenticatedHttpRequest, reference: str, reply: int
) -> FileResponse:
    item = selectors.get_preliminary_reply_for_user(
        user=request.user, reference=reference, reply_id=reply
    )
    return file_download(
        item.letter, content_type="application/pdf", name=f"forelopig-svar-{reference}.pdf"
    )
