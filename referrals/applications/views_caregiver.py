"""A caregiver's own application at /soknad/<key>/parorende/<step>/ (pårørendestøtte,
referrals.applications.caregiver): the steps, the review and the submission. The
start page and the receipt are the application's own (``views``)."""

from collections.abc import Iterable
from uuid import UUID

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from portal.http import AuthenticatedHttpRequest
from portal.oidc import has_placeholder_email, verified_national_id
from referrals.applications import (
    caregiver,
    forms,
    forms_caregiver,
    selectors,
    services,
    submitting,
)
from referrals.applications.caregiver import STEPS, STEPS_BY_KEY, STEPS_BY_SLUG, CaregiverStep
from referrals.applications.uploads import MAX_ATTACHMENTS
from referrals.cases import services as case_services
from referrals.cases.models import DRAFT_RETENTION_DAYS, Application, Attachment


def _generic_url(application: Application) -> str:
    """A draft whose service is not for caregivers goes on in the ordinary wizard."""
    return reverse("referrals:apply_step", kwargs={"key": application.public_id, "step": "hvem"})


def _form_for(
    step: CaregiverStep, request: AuthenticatedHttpRequest, application: Application
) -> django_forms.Form:
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    if step.key == "service":
        return forms.ServiceForm(data, initial={"service_type": application.service_type})
    if step.key == "cared_for":
        initial = {
            field: getattr(application, field)
            for field in caregiver.STEP_FIELDS["cared_for"]
            if field.startswith("cared_for_") and field != "cared_for_national_id"
        }
        return forms_caregiver.CaredForForm(
            data, initial=initial, stored_national_id=application.cared_for_national_id
        )
    if step.key == "person":
        initial = {
            field: getattr(application, field)
            for field in services.STEP_FIELDS["person"]
            if field != "person_national_id"
        }
        if not application.person_name:
            initial["person_name"] = request.user.full_name
            initial["person_email"] = (
                "" if has_placeholder_email(request.user) else request.user.email
            )
            initial["person_phone"] = request.user.phone
        if not initial.get("person_language"):
            initial["person_language"] = ""
        return forms_caregiver.CaregiverPersonForm(
            data,
            initial=initial,
            stored_national_id=application.person_national_id,
            # The caregiver applies for themselves: their own number, locked to the
            # session's ID-porten identity when there is one.
            verified_national_id=verified_national_id(request),
        )
    if step.key == "burden":
        return forms_caregiver.BurdenForm(
            data, initial=forms_caregiver.BurdenForm.initial_from(application)
        )
    if step.key == "offers":
        return forms_caregiver.CaregiverOffersForm(
            data,
            initial={"offers": list(application.preferred_offers.all())},
            service_type=application.service_type,
        )
    return forms.AttachmentsForm(data, files, existing_count=application.attachments.count())


def _data_for(step: CaregiverStep, form: django_forms.Form) -> dict[str, object]:
    if step.key in ("offers", "attachments"):
        return {}
    cleaned = dict(form.cleaned_data)
    return {key: value for key, value in cleaned.items() if key in services.STEP_FIELDS[step.key]}


def _neighbour(step: CaregiverStep, direction: int) -> CaregiverStep | None:
    index = step.number - 1 + direction
    return STEPS[index] if 0 <= index < len(STEPS) else None


@sensitive_post_parameters("person_national_id", "cared_for_national_id")
@login_required
@require_http_methods(["GET", "POST"])
def caregiver_step(request: AuthenticatedHttpRequest, key: UUID, step: str) -> HttpResponse:
    sent = selectors.my_submitted_by_key(user=request.user, public_id=key)
    if sent is not None:
        messages.info(request, _("Søknaden er allerede sendt. Du kan følge den her."))
        return redirect("referrals:receipt", reference=sent.reference)
    application = selectors.get_draft_for_user(user=request.user, public_id=key)
    if not caregiver.is_caregiver_application(application):
        return redirect(_generic_url(application))
    current = STEPS_BY_SLUG.get(step)
    if current is None:
        return redirect(caregiver.step_url(application, STEPS[1]))
    if current.key == "review":
        if request.method == "POST":
            return redirect(caregiver.step_url(application, current))
        return _render_review(request, application, forms.ConfirmForm())
    back_to_review = request.GET.get("fra") == "oppsummering"
    form = _form_for(current, request, application)
    if request.method == "POST":
        valid = form.is_valid()
        if current.key == "attachments":
            assert isinstance(form, forms.AttachmentsForm)
            for uploaded, _content_type in getattr(form, "valid_files", []):
                try:
                    services.add_attachment(
                        application=application,
                        uploaded=uploaded,
                        user=request.user,
                        kind=Attachment.Kind.DOCUMENT,
                    )
                except case_services.ApplicationError as error:
                    form.add_error(form.files_field, error.message)
            valid = valid and not form.errors
        if valid:
            notes: list[str] = []
            application = services.save_step(
                application=application,
                step=current.key,
                data=_data_for(current, form),
                step_number=current.number,
                offers=list(form.cleaned_data["offers"]) if current.key == "offers" else None,
                notes=notes,
            )
            for note in notes:
                messages.info(request, note)
            if not caregiver.is_caregiver_application(application):
                return redirect(_generic_url(application))
            if request.POST.get("action") == "save_exit":
                messages.success(
                    request,
                    _(
                        "Utkastet er lagret. Du finner det under «Mine søknader» og på søknadssiden."
                    ),
                )
                return redirect("referrals:my_applications")
            if current.key == "attachments" and request.POST.get("action") == "upload":
                return redirect(caregiver.step_url(application, current))
            if back_to_review:
                return redirect(caregiver.step_url(application, STEPS[-1]))
            return redirect(caregiver.step_url(application, _neighbour(current, +1) or STEPS[-1]))
        application.refresh_from_db()
    previous = _neighbour(current, -1)
    return render(
        request,
        "referrals/apply/caregiver_step.html",
        {
            "application": application,
            "form": form,
            "step": current,
            "total_steps": caregiver.TOTAL_STEPS,
            "back_url": caregiver.step_url(application, STEPS[-1])
            if back_to_review
            else (
                caregiver.step_url(application, previous)
                if previous
                else reverse("referrals:apply_start")
            ),
            "back_to_review": back_to_review,
            "attachments": list(application.attachments.all()),
            "max_attachments": MAX_ATTACHMENTS,
            "retention_days": DRAFT_RETENTION_DAYS,
        },
        status=422 if request.method == "POST" else 200,
    )


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
        "referrals/apply/caregiver_review.html",
        {
            "application": application,
            "form": form,
            "step": STEPS[-1],
            "total_steps": caregiver.TOTAL_STEPS,
            "change_urls": {
                step.key: caregiver.step_url(application, step, back_to_review=True)
                for step in STEPS[:-1]
            },
            "missing": [
                (
                    STEPS_BY_KEY[key],
                    caregiver.step_url(application, STEPS_BY_KEY[key], back_to_review=True),
                )
                for key in missing
                if key in STEPS_BY_KEY
            ],
            "attachments": list(application.attachments.all()),
            "offers": list(application.preferred_offers.select_related("unit")),
            "back_url": caregiver.step_url(application, STEPS[-2]),
            "retention_days": DRAFT_RETENTION_DAYS,
        },
        status=status,
    )


@login_required
@require_POST
def caregiver_submit(
    request: AuthenticatedHttpRequest, key: UUID
) -> HttpResponseRedirect | HttpResponse:
    application = submitting.application_to_submit(request, key)
    if not application.is_draft:
        return redirect("referrals:receipt", reference=application.reference)
    if not caregiver.is_caregiver_application(application):
        return redirect(_generic_url(application))
    return submitting.submit(request, application, _render_review)
