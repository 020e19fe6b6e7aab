"""The application at /soknad/: a start page, eight steps saved as a draft, the review
and submission, and the receipt (page and PDF)."""

import logging
import uuid
from collections.abc import Iterable
from uuid import UUID

from django import forms as django_forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from catalogue.models import Offer, ServiceType
from portal.documents.downloads import bytes_download
from portal.http import AuthenticatedHttpRequest
from portal.oidc import has_placeholder_email, verified_national_id
from referrals.applications import caregiver, forms, selectors, services, submitting
from referrals.applications.pdf import render_receipt_pdf
from referrals.applications.steps import (
    STEPS,
    STEPS_BY_KEY,
    STEPS_BY_SLUG,
    Step,
    applies,
    neighbour,
    position,
    title_for,
)
from referrals.applications.uploads import MAX_ATTACHMENTS
from referrals.cases import services as case_services
from referrals.cases.models import DRAFT_RETENTION_DAYS, Application, Attachment

logger = logging.getLogger(__name__)


def _step_url(application: Application, step: Step, *, back_to_review: bool = False) -> str:
    url = reverse("referrals:apply_step", kwargs={"key": application.public_id, "step": step.slug})
    return url + "?fra=oppsummering" if back_to_review else url


def _service_from_query(request: HttpRequest) -> tuple[ServiceType | None, list[Offer]]:
    """/soknad/?service=<slug>&offer=<slug> from the catalogue's offer page."""
    service_type = None
    offers: list[Offer] = []
    slug = request.GET.get("service", "")
    if slug:
        service_type = selectors.service_types_open().filter(slug=slug[:60]).first()
    offer_slugs = [value[:200] for value in request.GET.getlist("offer")][:5]
    if offer_slugs:
        offers = list(
            Offer.objects.published().filter(
                slug__in=offer_slugs, participation=Offer.Participation.APPLICATION
            )
        )
        if service_type is None and offers:
            service_type = offers[0].service_type
        offers = [
            offer for offer in offers if service_type and offer.service_type_id == service_type.pk
        ]
    return service_type, offers


@require_http_methods(["GET", "POST"])
def apply_start(request: HttpRequest) -> HttpResponse:
    """Step 1 for a new application, and the list of drafts to continue. Visitors who
    are not logged in learn what they need and how to log in, with their choice of
    service and offer kept in the return address."""
    preselected, offers = _service_from_query(request)
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(request.get_full_path())
        return render(
            request,
            "referrals/apply/login_needed.html",
            {
                "service_type": preselected,
                "offers": offers,
                "service_types": selectors.service_types_open(),
                "next": request.get_full_path(),
                "idporten_enabled": getattr(settings, "IDPORTEN_ENABLED", False),
            },
        )
    if request.method == "POST":
        form = forms.ServiceForm(request.POST)
        offer_ids = [value for value in request.POST.getlist("offer") if value.isdigit()][:5]
        if form.is_valid():
            chosen = Offer.objects.published().filter(pk__in=offer_ids)
            application = services.create_draft(
                applicant=request.user,
                service_type=form.cleaned_data["service_type"],
                offers=chosen,
                language=translation.get_language() or "nb",
                start_token=form.cleaned_data.get("start_token"),
            )
            return redirect(_step_url(application, STEPS[1]))
        offers = list(Offer.objects.published().filter(pk__in=offer_ids))
    else:
        initial: dict[str, object] = {"start_token": uuid.uuid4()}
        if preselected:
            initial["service_type"] = preselected
        form = forms.ServiceForm(initial=initial)
    return render(
        request,
        "referrals/apply/start.html",
        {
            "form": form,
            "offers": offers,
            "drafts": selectors.my_drafts(request.user),
            "retention_days": DRAFT_RETENTION_DAYS,
            "step": STEPS[0],
            "step_position": position(STEPS[0], None),
        },
    )


def _prefill_address(
    initial: dict[str, object], request: AuthenticatedHttpRequest, *, prefix: str
) -> None:
    """Where the identity is verified (this session logged in with ID-porten), the
    postal address the user gave for themselves last time; they may change it."""
    if not verified_national_id(request):
        return
    known = selectors.known_postal_address(request.user)
    if known is not None:
        initial[f"{prefix}_address"] = known["street"]
        initial[f"{prefix}_postcode"] = known["postcode"]
        initial[f"{prefix}_place"] = known["place"]


def _form_for(
    step: Step, request: AuthenticatedHttpRequest, application: Application
) -> django_forms.Form:
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    if step.key == "service":
        return forms.ServiceForm(data, initial={"service_type": application.service_type})
    addressee = forms.Addressee.of(application)
    if step.key == "who":
        return forms.WhoForm(
            data,
            initial={
                "on_behalf": {True: "yes", False: "no", None: None}.get(application.on_behalf)
            },
        )
    if step.key == "basis":
        return forms.BasisForm(
            data, initial={"relation": application.relation, "basis": application.basis}
        )
    if step.key == "basis_details":
        kind = (
            Attachment.Kind.GUARDIANSHIP
            if application.basis == Application.Basis.GUARDIANSHIP
            else Attachment.Kind.POWER_OF_ATTORNEY
        )
        return forms.BasisDetailsForm(
            data,
            files,
            initial={
                "power_of_attorney_scope": application.power_of_attorney_scope,
                "cannot_consent_reason": application.cannot_consent_reason,
                "document_later": application.document_later,
            },
            basis=application.basis,
            existing_documents=application.attachments.filter(kind=kind).count(),
            existing_count=application.attachments.count(),
        )
    if step.key == "person":
        initial: dict[str, object] = {
            field: getattr(application, field)
            for field in services.STEP_FIELDS["person"]
            if field != "person_national_id"
        }
        if not application.on_behalf and not application.person_name:
            initial["person_name"] = request.user.full_name
            initial["person_email"] = (
                "" if has_placeholder_email(request.user) else request.user.email
            )
            initial["person_phone"] = request.user.phone
        if not initial.get("person_language"):
            initial["person_language"] = ""
        if application.on_behalf is False and not application.person_address:
            _prefill_address(initial, request, prefix="person")
        return forms.PersonForm(
            data,
            initial=initial,
            stored_national_id=application.person_national_id,
            # Only the applicant's own number is verified, so only when applying for
            # oneself is it locked to the session's ID-porten identity.
            verified_national_id=verified_national_id(request)
            if application.on_behalf is False
            else "",
            addressee=addressee,
        )
    if step.key == "contact":
        initial = {field: getattr(application, field) for field in services.STEP_FIELDS["contact"]}
        if not application.applicant_address:
            _prefill_address(initial, request, prefix="applicant")
        return forms.ContactForm(data, initial=initial, addressee=addressee)
    if step.key == "need":
        return forms.NeedForm(
            data,
            initial=forms.NeedForm.initial_from(application),
            service_type=application.service_type,
            addressee=addressee,
        )
    if step.key == "offers":
        return forms.OffersForm(
            data,
            initial={"offers": list(application.preferred_offers.all())},
            service_type=application.service_type,
            addressee=addressee,
        )
    if step.key == "attachments":
        return forms.AttachmentsForm(data, files, existing_count=application.attachments.count())
    return forms.ConfirmForm(data)


def _store_valid_files(
    request: AuthenticatedHttpRequest, application: Application, form: forms.FilesMixin, kind: str
) -> None:
    """Keep every file that passed the checks, even if the page has other errors."""
    for uploaded, _content_type in getattr(form, "valid_files", []):
        try:
            services.add_attachment(
                application=application, uploaded=uploaded, user=request.user, kind=kind
            )
        except case_services.ApplicationError as error:
            form.add_error(form.files_field, error.message)


def _data_for(step: Step, form: django_forms.Form) -> dict[str, object]:
    cleaned = dict(form.cleaned_data)
    if step.key == "service":
        return {"service_type": cleaned["service_type"]}
    return {key: value for key, value in cleaned.items() if key in services.STEP_FIELDS[step.key]}


@sensitive_post_parameters("person_national_id")
@login_required
@require_http_methods(["GET", "POST"])
def apply_step(request: AuthenticatedHttpRequest, key: UUID, step: str) -> HttpResponse:
    sent = selectors.my_submitted_by_key(user=request.user, public_id=key)
    if sent is not None:
        # Back button after submitting: the application is sent and can no longer change.
        messages.info(request, _("Søknaden er allerede sendt. Du kan følge den her."))
        return redirect("referrals:receipt", reference=sent.reference)
    application = selectors.get_draft_for_user(user=request.user, public_id=key)
    if caregiver.is_caregiver_application(application):
        # A caregiver applies in their own right: that path has its own steps.
        return redirect(caregiver.url_for_step(application, step))
    current = STEPS_BY_SLUG.get(step)
    if current is None:
        return redirect(_step_url(application, STEPS[1]))
    if current.key == "review":
        return review(request, application)
    if not applies(current, application):
        return redirect(_step_url(application, neighbour(application, current, +1) or STEPS[-1]))
    back_to_review = request.GET.get("fra") == "oppsummering"
    form = _form_for(current, request, application)
    if request.method == "POST":
        valid = form.is_valid()
        if current.key in ("basis_details", "attachments"):
            assert isinstance(form, forms.FilesMixin)  # BasisDetailsForm or AttachmentsForm
            kind = (
                form.document_kind
                if isinstance(form, forms.BasisDetailsForm)
                else Attachment.Kind.DOCUMENT
            )
            _store_valid_files(request, application, form, kind)
            valid = valid and not form.errors
        if valid:
            notes: list[str] = []
            application = services.save_step(
                application=application,
                step=current.key,
                data=_data_for(current, form)
                if current.key not in ("offers", "attachments")
                else {},
                step_number=current.number,
                offers=list(form.cleaned_data["offers"]) if current.key == "offers" else None,
                notes=notes,
            )
            for note in notes:
                messages.info(request, note)
            if request.POST.get("action") == "save_exit":
                messages.success(
                    request,
                    _(
                        "Utkastet er lagret. Du finner det under «Mine søknader» og på søknadssiden."
                    ),
                )
                return redirect("referrals:my_applications")
            if current.key == "attachments" and request.POST.get("action") == "upload":
                return redirect(_step_url(application, current))
            following = neighbour(application, current, +1)
            if back_to_review and following and following.key in ("basis", "basis_details"):
                # A changed answer to "for whom" or the basis may need the next question.
                return redirect(_step_url(application, following, back_to_review=True))
            if back_to_review:
                return redirect(_step_url(application, STEPS[-1]))
            return redirect(
                _step_url(application, neighbour(application, current, +1) or STEPS[-1])
            )
        application.refresh_from_db()
    previous = neighbour(application, current, -1)
    return render(
        request,
        "referrals/apply/step.html",
        {
            "application": application,
            "form": form,
            "step": current,
            "step_title": title_for(current, application),
            "step_position": position(current, application),
            "back_url": _step_url(application, STEPS[-1])
            if back_to_review
            else (
                _step_url(application, previous) if previous else reverse("referrals:apply_start")
            ),
            "back_to_review": back_to_review,
            "attachments": list(application.attachments.all()),
            "max_attachments": MAX_ATTACHMENTS,
            "retention_days": DRAFT_RETENTION_DAYS,
            # Applying for oneself without an ID-porten log-in: say how to verify.
            "offer_idporten": current.key == "person"
            and application.on_behalf is False
            and getattr(settings, "IDPORTEN_ENABLED", False)
            and not verified_national_id(request),
        },
        status=422 if request.method == "POST" else 200,
    )


def review(request: HttpRequest, application: Application) -> HttpResponse:
    if request.method == "POST":
        return redirect(_step_url(application, STEPS[-1]))
    return _render_review(request, application, forms.ConfirmForm())


def _render_review(
    request: HttpRequest,
    application: Application,
    form: forms.ConfirmForm,
    *,
    missing: Iterable[str] = (),
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "referrals/apply/review.html",
        {
            "application": application,
            "form": form,
            "step": STEPS[-1],
            "step_title": title_for(STEPS[-1], application),
            "step_position": position(STEPS[-1], application),
            "steps": {step.key: step for step in STEPS},
            "change_urls": {
                step.key: _step_url(application, step, back_to_review=True) for step in STEPS[:-1]
            },
            "missing": [STEPS_BY_KEY[key] for key in missing],
            "attachments": list(application.attachments.all()),
            "offers": list(application.preferred_offers.select_related("unit")),
            "back_url": _step_url(application, neighbour(application, STEPS[-1], -1) or STEPS[-2]),
            "retention_days": DRAFT_RETENTION_DAYS,
        },
        status=status,
    )


@login_required
@require_POST
def apply_submit(request: AuthenticatedHttpRequest, key: UUID) -> HttpResponse:
    # A second submit (double click, back and resubmit) finds no draft any more; if the
    # user filed it, send them to its receipt instead of a 404.
    application = submitting.application_to_submit(request, key)
    if not application.is_draft:
        return redirect("referrals:receipt", reference=application.reference)
    if caregiver.is_caregiver_application(application):
        # Sent from that path's own review (views_caregiver.caregiver_submit).
        return redirect(caregiver.step_url(application, caregiver.STEPS[-1]))
    return submitting.submit(request, application, _render_review)


FROM_MY_APPLICATIONS = "mine"


def _came_from(request: HttpRequest, application: Application) -> tuple[str, str]:
    """Where the delete page was opened (?fra=<step> or ?fra=mine, also posted back):
    the value, and the address to return to when the draft is kept."""
    origin = request.POST.get("fra") or request.GET.get("fra") or ""
    if origin == FROM_MY_APPLICATIONS:
        return origin, reverse("referrals:my_applications")
    step = STEPS_BY_SLUG.get(origin, STEPS[-1])
    return step.slug, _step_url(application, step)


@login_required
@require_safe
def draft_delete_confirm(request: AuthenticatedHttpRequest, key: UUID) -> HttpResponse:
    """Deleting a draft, from any step or from "Mine søknader": first this page."""
    application = selectors.get_draft_for_user(user=request.user, public_id=key)
    origin, keep_url = _came_from(request, application)
    return render(
        request,
        "referrals/apply/delete.html",
        {
            "application": application,
            "origin": origin,
            "keep_url": keep_url,
            "attachments": list(application.attachments.all()),
        },
    )


@login_required
@require_POST
def draft_delete(request: AuthenticatedHttpRequest, key: UUID) -> HttpResponseRedirect:
    """The draft and its attachments (the files too) are deleted."""
    application = selectors.get_draft_for_user(user=request.user, public_id=key)
    origin, _keep_url = _came_from(request, application)
    services.delete_draft(application=application)
    messages.success(request, _("Utkastet er slettet."))
    if origin == FROM_MY_APPLICATIONS:
        return redirect("referrals:my_applications")
    return redirect("referrals:apply_start")


@login_required
@require_POST
def draft_attachment_delete(
    request: AuthenticatedHttpRequest, key: UUID, attachment: UUID
) -> HttpResponseRedirect:
    application = selectors.get_draft_for_user(user=request.user, public_id=key)
    item = selectors.get_draft_attachment_for_user(
        user=request.user, draft=application, public_id=attachment
    )
    services.remove_attachment(attachment=item)
    messages.success(request, _("Filen «%(name)s» er fjernet.") % {"name": item.original_name})
    step = request.POST.get("step", "vedlegg")
    step = step if step in STEPS_BY_SLUG else "vedlegg"
    return redirect(_step_url(application, STEPS_BY_SLUG[step]))


@login_required
@require_safe
def receipt(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    application = selectors.get_application_for_user(user=request.user, reference=reference)
    context = selectors.receipt_data(user=request.user, application=application)
    return render(request, "referrals/apply/receipt.html", {"application": application, **context})


@login_required
@require_safe
def receipt_pdf(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    application = selectors.get_application_for_user(user=request.user, reference=reference)
    pdf = render_receipt_pdf(
        application=application,
        language=translation.get_language() or "nb",
        **selectors.receipt_data(user=request.user, application=application),
    )
    return bytes_download(
        pdf, content_type="application/pdf", name=f"soknad-{application.reference}.pdf"
    )
