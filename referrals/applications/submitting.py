"""The submit step both wizard paths share (views.apply_submit, the ordinary path, and
views_caregiver.caregiver_submit, the caregiver's own): find the draft, confirm, submit,
and show the path's own review again with what went wrong."""

from collections.abc import Iterable
from typing import Protocol
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from portal.http import AuthenticatedHttpRequest
from portal.oidc import verified_national_id
from referrals.applications import forms, selectors, services
from referrals.cases import services as case_services
from referrals.cases.models import Application


class RenderReview(Protocol):
    def __call__(
        self,
        request: HttpRequest,
        application: Application,
        form: forms.ConfirmForm,
        *,
        missing: Iterable[str] = (),
        status: int = 200,
    ) -> HttpResponse: ...


def application_to_submit(request: AuthenticatedHttpRequest, key: UUID) -> Application:
    """The user's draft, or (a second submit: double click, back and resubmit) the
    application they already filed, so the caller can send them to its receipt instead
    of a 404. Anything else is a 404 (logged)."""
    application = selectors.my_drafts(request.user).filter(
        public_id=key
    ).first() or selectors.my_submitted_by_key(user=request.user, public_id=key)
    if application is None:
        application = selectors.get_draft_for_user(user=request.user, public_id=key)
    return application


def submit(
    request: AuthenticatedHttpRequest,
    application: Application,
    render_review: RenderReview,
) -> HttpResponse:
    """Confirm and submit the draft; on a refusal, the path's review with the message."""
    form = forms.ConfirmForm(request.POST)
    if not form.is_valid():
        return render_review(request, application, form, status=422)
    try:
        application = services.submit_application(
            application=application,
            user=request.user,
            confirmed_truthful=form.cleaned_data["confirmed_truthful"],
            verified_national_id=verified_national_id(request),
        )
    except services.IncompleteApplication as error:
        form.add_error(None, error.message)
        return render_review(request, application, form, missing=error.missing_steps, status=422)
    except case_services.ApplicationError as error:
        form.add_error(None, error.message)
        return render_review(request, application, form, status=422)
    return redirect("referrals:receipt", reference=application.reference)
