"""/saksbehandling/<reference>/vedtak/<id>/rett/: correcting an issued decision.

An issued letter is frozen; a correction is a new decision referring to the old one
(``casework.correct_decision``, or ``casework.submit_decision_for_approval`` with
``corrects`` where the service type requires a second approval). The form is prefilled
from what the old decision said (``DecisionContent``) and asks why it is corrected.

For caseworkers who may decide the case (``referrals.decide_application``, within their
service types and districts); anything else is a 404 with the refusal logged. Both the
form and the change are logged as changes in the access log.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.http import AuthenticatedHttpRequest
from referrals.cases import access
from referrals.cases.models import Application, Decision
from referrals.casework import selectors as casework_selectors
from referrals.casework import services as casework
from referrals.casework.forms import DecisionForm
from referrals.casework.models import DecisionProposal
from referrals.casework.views import DecisionFormView, report_issued

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


class CorrectDecisionView(DecisionFormView):
    form_class = CorrectionForm

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

    def render_form(
        self,
        decision: Decision,
        form: CorrectionForm,
        *,
        status: int,
        conflict: str | None = None,
    ) -> HttpResponse:
        return self._render(
            self.request,
            decision.application,
            decision,
            form,
            conflict=conflict or "",
            status=status,
        )

    def get_target(self) -> Decision:
        return self._decision(self.get_case())

    def get_form_kwargs(self, decision: Decision) -> dict[str, Any]:
        return {"application": decision.application}

    def perform(self, decision: Decision, data: dict[str, Any]) -> Decision | DecisionProposal:
        values = {field: data[field] for field in casework.DECISION_FIELDS}
        if decision.application.service_type.requires_second_approval:
            return casework.submit_decision_for_approval(
                application=decision.application,
                actor=self.request.user,
                decisions_seen=data["decisions_seen"],
                corrects=decision,
                correction_reason=data["correction_reason"],
                **values,
            )
        return casework.correct_decision(
            decision=decision,
            actor=self.request.user,
            decisions_seen=data["decisions_seen"],
            correction_reason=data["correction_reason"],
            **values,
        )

    def report_success(
        self, decision: Decision, data: dict[str, Any], new: Decision | DecisionProposal
    ) -> None:
        if decision.application.service_type.requires_second_approval:
            messages.success(
                self.request,
                _(
                    "Rettingen er sendt til godkjenning. Det nye brevet sendes til "
                    "innbyggeren når en annen saksbehandler har godkjent det."
                ),
            )
        else:
            assert isinstance(new, Decision)  # issued, not proposed: no four eyes
            report_issued(
                self.request,
                new,
                _("Vedtaket er rettet."),
            )
