"""/saksbehandling/<reference>/vedtak/<id>/rett/: correcting an issued decision.

An issued letter is frozen; a correction is a new decision referring to the old one
(``casework.correct_decision``, or ``casework.submit_decision_for_approval`` with
``corrects`` where the service type requires a second approval). The form is prefilled
from what the old decision said (``DecisionContent``) and asks why it is corrected.

For caseworkers who may decide the case (``referrals.decide_application``, within their
service types and districts); anything else is a 404 with the refusal logged. Both the
form and the change are logged as changes in the access log.
"""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from portal.http import AuthenticatedHttpRequest
from referrals.cases import access
from referrals.cases.models import AccessLogEntry, Application, Decision
from referrals.cases.services import ApplicationError
from referrals.casework import selectors as casework_selectors
from referrals.casework import services as casework
from referrals.casework.forms import DecisionForm
from referrals.casework.views import CaseMixin, report_issued

TEMPLATE = "referrals/casework/correction.html"


class CorrectionForm(DecisionForm):
    correction_reason = forms.CharField(
        label=gettext_lazy("Hva er rettet, og hvorfor?"),
        help_text=gettext_lazy(
            "Står i det nye brevet. Det gamle brevet endres ikke, men merkes som erstattet."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": gettext_lazy("Skriv hva som er rettet og hvorfor.")},
    )

    field_order = ["decisions_seen", "correction_reason"]


class CorrectDecisionView(CaseMixin, View):
    permission_required = "referrals.decide_application"
    action = AccessLogEntry.Action.CHANGE
    http_method_names = ["get", "post", "head", "options"]

    def _decision(self, application: Application) -> Decision:
        """A decision of this case (any: the page says when it cannot be corrected);
        else 404 with the refusal logged."""
        decision_id = self.kwargs["decision"]
        decision = application.decisions.filter(pk=decision_id).first()
        if decision is None:
            raise access.refuse(
                user=self.request.user,
                action=self.action,
                object_type="decision",
                reference=application.reference or "",
                object_id=str(decision_id),
            )
        access.log_access(
            user=self.request.user,
            action=self.action,
            object_type="decision",
            object_id=str(decision.pk),
            application=application,
        )
        return decision

    def _blocker(self, application: Application, decision: Decision) -> str:
        """Why this decision cannot be corrected now ("" when it can)."""
        if decision.replaced_at is not None or casework.latest_decision(application) != decision:
            return _("Vedtaket er allerede rettet eller erstattet av et nyere vedtak.")
        if application.status != Application.Status.DECIDED:
            return _("Bare vedtak i en avgjort sak kan rettes.")
        if decision.letter_pending:
            return _("Brevet til vedtaket lages. Vent til det er sendt før du retter vedtaket.")
        awaiting = casework.awaiting_proposal(application)
        if awaiting is not None:
            return _(
                "Et vedtak i saken venter på godkjenning. Det kan ikke sendes et nytt før "
                "det er godkjent eller sendt tilbake."
            )
        return ""

    def _render(
        self,
        request: AuthenticatedHttpRequest,
        application: Application,
        decision: Decision,
        form: CorrectionForm,
        *,
        conflict: str = "",
        status: int = 200,
    ) -> HttpResponse:
        return render(
            request,
            TEMPLATE,
            {
                "application": application,
                "decision": decision,
                "form": form,
                "conflict": conflict,
                "blocker": self._blocker(application, decision),
                "four_eyes": application.service_type.requires_second_approval,
            },
            status=status,
        )

    def get(self, request: AuthenticatedHttpRequest, reference: str, decision: int) -> HttpResponse:
        application = self.get_case()
        item = self._decision(application)
        form = CorrectionForm(
            application=application,
            initial=casework_selectors.correction_initial(
                decision=item, application=application, user=request.user
            ),
        )
        return self._render(request, application, item, form)

    def post(
        self, request: AuthenticatedHttpRequest, reference: str, decision: int
    ) -> HttpResponse:
        application = self.get_case()
        item = self._decision(application)
        form = CorrectionForm(request.POST, application=application)
        if not form.is_valid():
            return self._render(request, application, item, form, status=422)
        data = form.cleaned_data
        four_eyes = application.service_type.requires_second_approval
        values = {field: data[field] for field in casework.DECISION_FIELDS}
        try:
            if four_eyes:
                casework.submit_decision_for_approval(
                    application=application,
                    actor=request.user,
                    decisions_seen=data["decisions_seen"],
                    corrects=item,
                    correction_reason=data["correction_reason"],
                    **values,
                )
            else:
                new = casework.correct_decision(
                    decision=item,
                    actor=request.user,
                    decisions_seen=data["decisions_seen"],
                    correction_reason=data["correction_reason"],
                    **values,
                )
        except casework.DecisionConflict as error:
            return self._render(
                request, application, item, form, conflict=str(error.message), status=409
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
            return self._render(request, application, item, form, status=422)
        if four_eyes:
            messages.success(
                request,
                _(
                    "Rettingen er sendt til godkjenning. Det nye brevet sendes til "
                    "innbyggeren når en annen saksbehandler har godkjent det."
                ),
            )
        else:
            report_issued(
                request, new, _("Vedtaket er rettet, og det nye brevet er sendt til innbyggeren.")
            )
        return redirect("referrals:case", reference=reference)
