"""/saksbehandling/: the caseworker's queue and case pages.

Permissions are declared on each view (``permission_required``). The queue answers a
logged-in user without the permission with 403 (it reveals no case); every case view
answers 404 for anything the user may not see — no permission, outside their service
types and districts, or a reference that does not exist — and the refusal is logged.
Cases are fetched only through ``referrals.cases.access``; every view or change of a
person's data writes an access-log entry. Changes only by POST.
"""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from portal.documents.downloads import file_download
from portal.http import AuthenticatedHttpRequest
from portal.roles import Role
from referrals.cases import access
from referrals.cases.models import AccessLogEntry, Application, Decision
from referrals.cases.services import ApplicationError
from referrals.cases.views import StaffMixin
from referrals.casework import selectors as casework_selectors
from referrals.casework import services as casework
from referrals.casework.form_html import FormSlot, form_html
from referrals.casework.forms import (
    AnswerConsultationForm,
    AssessmentForm,
    AssignForm,
    CloseForm,
    ConsultForm,
    DecisionForm,
    ForwardAppealForm,
    NoteForm,
    PaperAppealForm,
    PreliminaryReplyForm,
    QueueFilterForm,
    RequestInformationForm,
    ReturnDecisionForm,
    StatsforvalterOutcomeForm,
)
from referrals.casework.selectors import QueueRow
from referrals.letters.downloads import courtesy_copy_response


class CaseMixin(StaffMixin):
    """Anonymous → log-in; anything else not allowed → 404 with the refusal logged."""

    action = AccessLogEntry.Action.VIEW

    def handle_no_permission(self) -> HttpResponseRedirect:
        if not self.request.user.is_authenticated:
            return redirect_to_login(self.request.get_full_path())
        raise access.refuse(
            user=self.request.user,
            action=self.action,
            object_type="application",
            reference=self.kwargs.get("reference", ""),
        )

    def get_case(self) -> Application:
        return access.get_case_for_staff(
            user=self.request.user,
            reference=self.kwargs["reference"],
            action=self.action,
            permission=self.get_permission_required()[0],
        )


class QueuePaginator(Paginator[Any]):  # over ids; its pages hold QueueRows
    """Pages over the ids of the filtered cases, with the count already known (cached
    by ``referrals.casework.queue_counts``); a page's rows are then read by id. The rows shown
    never depend on the cached count: a page reads up to ``per_page`` ids whatever the
    count says, and a short page corrects a count that lagged behind."""

    def __init__(self, cases: QuerySet[Application], per_page: int, *, count: int) -> None:
        super().__init__(cases.values_list("pk", flat=True), per_page)
        self._known_count = count

    @property
    def count(self) -> int:
        return self._known_count

    def page(self, number: int | str) -> Page[QueueRow]:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        ids = list(self.object_list[bottom : bottom + self.per_page])
        if len(ids) < self.per_page and (ids or number == 1):
            known = bottom + len(ids)
        else:
            known = max(self._known_count, bottom + len(ids))
        if known != self._known_count:
            self._known_count = known
            self.__dict__.pop("num_pages", None)
        # Paginator._get_page is the documented hook for a page; the stubs leave it out.
        page: Page[QueueRow] = self._get_page(  # type: ignore[attr-defined]
            casework_selectors.queue_rows(ids), number, self
        )
        return page


class QueueView(StaffMixin, View):
    permission_required = "referrals.view_application"
    http_method_names = ["get", "head", "options"]

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = QueueFilterForm(request.GET or None)
        filters = form.filters() if request.GET else casework_selectors.QueueFilters()
        data = casework_selectors.queue(user=request.user, filters=filters)
        page = QueuePaginator(
            data["cases"], casework_selectors.QUEUE_PAGE_SIZE, count=data["count"]
        ).get_page(request.GET.get("side"))
        access.log_access(
            user=request.user,
            action=AccessLogEntry.Action.LIST,
            object_type="queue",
            detail=request.GET.urlencode()[:200],
        )
        query = request.GET.copy()
        query.pop("side", None)
        return render(
            request,
            "referrals/casework/queue.html",
            {
                "form": form,
                "filter_form": form_html(form),
                "page": page,
                "status_counts": data["status_counts"],
                "total": data["total"],
                "query": query.urlencode(),
                "is_caseworker": access.is_caseworker(request.user),
                "today": timezone.localdate(),
            },
        )


def _case_context(
    request: AuthenticatedHttpRequest, application: Application, **forms: BaseForm
) -> dict[str, object]:
    holdings = casework_selectors.case_holdings(application)
    page = casework_selectors.case_page_data(
        user=request.user,
        application=application,
        holdings=holdings,
        show_all=request.method == "GET" and request.GET.get("alle") == "1",
    )
    context: dict[str, object] = {**page, "application": application}
    consultations = (
        list(access.consultations_for(user=request.user, application=application))
        if holdings["consultations"]
        else []
    )
    may_answer = access.role_of(request.user) == Role.UNIT_LEADER.value
    for consultation in consultations:
        if may_answer and consultation.answered_at is None:
            bound = forms.get("answer_form")
            consultation.answer_form = (
                bound
                if bound is not None and bound.prefix == f"answer-{consultation.pk}"
                else AnswerConsultationForm(prefix=f"answer-{consultation.pk}")
            )
    context["consultations"] = consultations
    if page["is_caseworker"]:
        colleagues = casework_selectors.colleagues(application)
        assessment = page.get("assessment")
        slots: dict[str, Callable[[], BaseForm]] = {
            "assign_form": lambda: AssignForm(colleagues=colleagues, prefix="assign"),
            "close_form": lambda: CloseForm(prefix="close"),
            "note_form": lambda: NoteForm(prefix="note"),
            "request_form": lambda: RequestInformationForm(prefix="request"),
            "preliminary_form": lambda: PreliminaryReplyForm(prefix="preliminary"),
            "assessment_form": lambda: AssessmentForm(instance=assessment, prefix="assessment"),
            "paper_appeal_form": lambda: PaperAppealForm(prefix="paper"),
            "forward_form": lambda: ForwardAppealForm(prefix="forward"),
            "outcome_form": lambda: StatsforvalterOutcomeForm(prefix="outcome"),
            "return_form": lambda: ReturnDecisionForm(prefix="return"),
            "consult_form": lambda: ConsultForm(prefix="consult"),
        }
        context.update({name: FormSlot(make, forms.get(name)) for name, make in slots.items()})
        context["may_decide"] = (
            request.user.has_perm(access.DECIDE_PERMISSION)
            and application.status in casework.DECIDABLE_STATUSES
        )
        proposal = (
            casework.awaiting_proposal(application) if holdings["awaiting_proposal"] else None
        )
        context["proposal"] = proposal
        context["may_review"] = (
            proposal is not None
            and proposal.drafted_by_id != request.user.pk
            and request.user.has_perm(access.DECIDE_PERMISSION)
        )
    return context


def _render_case(
    request: AuthenticatedHttpRequest,
    application: Application,
    status: int = 200,
    **forms: BaseForm,
) -> HttpResponse:
    return render(
        request,
        "referrals/casework/case.html",
        _case_context(request, application, **forms),
        status=status,
    )


class CaseView(CaseMixin, View):
    permission_required = "referrals.view_application"
    http_method_names = ["get", "head", "options"]

    def get(self, request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
        return _render_case(request, self.get_case())


class CaseChangeView(CaseMixin, View):
    """A POST that changes a case; subclasses implement ``change``."""

    permission_required = "referrals.change_application"
    action = AccessLogEntry.Action.CHANGE
    http_method_names = ["post", "options"]
    success_message = ""

    def post(self, request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
        application = self.get_case()
        try:
            response = self.change(request, application)
        except ApplicationError as error:
            messages.error(request, str(error.message))
            return redirect("referrals:case", reference=reference)
        if response is not None:
            return response
        if self.success_message:
            messages.success(request, self.success_message)
        return redirect("referrals:case", reference=reference)

    def change(  # pragma: no cover - abstract
        self, request: AuthenticatedHttpRequest, application: Application
    ) -> HttpResponse | None:
        raise NotImplementedError


class AssignToMeView(CaseChangeView):
    def change(self, request: AuthenticatedHttpRequest, application: Application) -> None:
        casework.assign_case(application=application, assignee=request.user, actor=request.user)
        self.success_message = _("Saken er tildelt deg.")


class AssignView(CaseChangeView):
    def change(
        self, request: AuthenticatedHttpRequest, application: Application
    ) -> HttpResponse | None:
        form = AssignForm(
            request.POST,
            colleagues=casework_selectors.colleagues(application),
            prefix="assign",
        )
        if not form.is_valid():
            return _render_case(request, application, status=422, assign_form=form)
        assignee = form.cleaned_data["assignee"]
        casework.assign_case(application=application, assignee=assignee, actor=request.user)
        self.success_message = _("Saken er tildelt %(name)s.") % {"name": assignee.get_full_name()}
        return None


class CloseView(CaseChangeView):
    def change(
        self, request: AuthenticatedHttpRequest, application: Application
    ) -> HttpResponse | None:
        form = CloseForm(request.POST, prefix="close")
        if not form.is_valid():
            return _render_case(request, application, status=422, close_form=form)
        casework.close_case(
            application=application, actor=request.user, reason=form.cleaned_data["reason"]
        )
        self.success_message = _("Saken er avsluttet.")
        return None


class ReopenView(CaseChangeView):
    def change(self, request: AuthenticatedHttpRequest, application: Application) -> None:
        casework.reopen_case(application=application, actor=request.user)
        self.success_message = _("Saken er gjenåpnet.")


class NoteView(CaseChangeView):
    def change(
        self, request: AuthenticatedHttpRequest, application: Application
    ) -> HttpResponse | None:
        form = NoteForm(request.POST, prefix="note")
        if not form.is_valid():
            return _render_case(request, application, status=422, note_form=form)
        casework.add_internal_note(
            application=application, author=request.user, body=form.cleaned_data["body"]
        )
        self.success_message = _("Notatet er lagret.")
        return None


class RequestInformationView(CaseChangeView):
    def change(
        self, request: AuthenticatedHttpRequest, application: Application
    ) -> HttpResponse | None:
        form = RequestInformationForm(request.POST, prefix="request")
        if not form.is_valid():
            return _render_case(request, application, status=422, request_form=form)
        casework.request_information(
            application=application,
            actor=request.user,
            body=form.cleaned_data["body"],
            reply_by=form.cleaned_data["reply_by"],
        )
        self.success_message = _("Meldingen er sendt. Saken venter på opplysninger.")
        return None


class PreliminaryReplyView(CaseChangeView):
    def change(
        self, request: AuthenticatedHttpRequest, application: Application
    ) -> HttpResponse | None:
        form = PreliminaryReplyForm(request.POST, prefix="preliminary")
        if not form.is_valid():
            return _render_case(request, application, status=422, preliminary_form=form)
        casework.send_preliminary_reply(
            application=application,
            actor=request.user,
            reason=form.cleaned_data["reason"],
            expected_date=form.cleaned_data["expected_date"],
        )
        self.success_message = _("Foreløpig svar er sendt.")
        return None


class AssessmentView(CaseChangeView):
    def change(
        self, request: AuthenticatedHttpRequest, application: Application
    ) -> HttpResponse | None:
        form = AssessmentForm(request.POST, prefix="assessment")
        if not form.is_valid():
            return _render_case(request, application, status=422, assessment_form=form)
        casework.save_assessment(
            application=application, actor=request.user, data=form.cleaned_data
        )
        self.success_message = _("Kartleggingen er lagret.")
        return None


class PaperAppealView(CaseChangeView):
    def change(
        self, request: AuthenticatedHttpRequest, application: Application
    ) -> HttpResponse | None:
        form = PaperAppealForm(request.POST, prefix="paper")
        if not form.is_valid():
            return _render_case(request, application, status=422, paper_appeal_form=form)
        casework.register_paper_appeal(
            application=application, actor=request.user, **form.cleaned_data
        )
        self.success_message = _("Klagen er registrert. Vurder saken på nytt.")
        return None


class ForwardAppealView(CaseChangeView):
    def change(
        self, request: AuthenticatedHttpRequest, application: Application
    ) -> HttpResponse | None:
        form = ForwardAppealForm(request.POST, prefix="forward")
        if not form.is_valid():
            return _render_case(request, application, status=422, forward_form=form)
        casework.uphold_and_forward(
            application=application, actor=request.user, comments=form.cleaned_data["comments"]
        )
        self.success_message = _(
            "Vedtaket er opprettholdt, og klagen er sendt til Statsforvalteren."
        )
        return None


class StatsforvalterOutcomeView(CaseChangeView):
    def change(
        self, request: AuthenticatedHttpRequest, application: Application
    ) -> HttpResponse | None:
        form = StatsforvalterOutcomeForm(request.POST, prefix="outcome")
        if not form.is_valid():
            return _render_case(request, application, status=422, outcome_form=form)
        casework.register_statsforvalteren_outcome(
            application=application, actor=request.user, **form.cleaned_data
        )
        self.success_message = _("Statsforvalterens avgjørelse er registrert.")
        return None


class CaseFileView(CaseMixin, View):
    permission_required = "referrals.change_application"
    action = AccessLogEntry.Action.DOWNLOAD
    http_method_names = ["get", "head", "options"]

    def get(
        self, request: AuthenticatedHttpRequest, reference: str, forwarding: int
    ) -> HttpResponseBase:
        item = casework_selectors.get_case_file_for_staff(
            user=request.user, reference=reference, forwarding_id=forwarding
        )
        return file_download(
            item.case_file, content_type="application/pdf", name=f"klagesak-{reference}.pdf"
        )


class ConsultView(CaseChangeView):
    def change(
        self, request: AuthenticatedHttpRequest, application: Application
    ) -> HttpResponse | None:
        form = ConsultForm(request.POST, prefix="consult")
        if not form.is_valid():
            return _render_case(request, application, status=422, consult_form=form)
        casework.consult_unit(
            application=application,
            actor=request.user,
            unit=form.cleaned_data["unit"],
            question=form.cleaned_data["question"],
        )
        self.success_message = _("Drøftingen er sendt til enhetslederne.")
        return None


class AnswerConsultationView(CaseMixin, View):
    """A unit leader answers a consultation sent to their unit."""

    permission_required = "referrals.view_application"
    action = AccessLogEntry.Action.CHANGE
    http_method_names = ["post", "options"]

    def post(
        self, request: AuthenticatedHttpRequest, reference: str, consultation: int
    ) -> HttpResponseBase:
        item = access.get_consultation_to_answer(
            user=request.user, reference=reference, consultation_id=consultation
        )
        form = AnswerConsultationForm(request.POST, prefix=f"answer-{item.pk}")
        if not form.is_valid():
            return _render_case(request, item.application, status=422, answer_form=form)
        try:
            casework.answer_consultation(
                consultation=item, actor=request.user, answer=form.cleaned_data["answer"]
            )
        except ApplicationError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Svaret er lagret på saken."))
        return redirect("referrals:case", reference=reference)


def report_issued(request: AuthenticatedHttpRequest, decision: Decision, sent_message: str) -> None:
    """Tell the caseworker a decision was issued: ``sent_message`` when its letter went
    to the citizen; otherwise (the renderer failed, ``Decision.letter_pending``) that the
    decision is stored and the letter follows shortly, made by a task."""
    if decision.letter_pending:
        messages.warning(
            request,
            _(
                "Vedtaket er lagret. Brevet kunne ikke lages akkurat nå og lages om kort tid. "
                "Innbyggeren får beskjed når brevet er klart."
            ),
        )
    else:
        messages.success(request, sent_message)


class ApproveDecisionView(CaseMixin, View):
    """Four eyes: a different caseworker approves; the letter is then issued."""

    permission_required = "referrals.decide_application"
    action = AccessLogEntry.Action.CHANGE
    http_method_names = ["post", "options"]

    def post(
        self, request: AuthenticatedHttpRequest, reference: str, proposal: int
    ) -> HttpResponseBase:
        item = casework_selectors.get_proposal_to_review(
            user=request.user, reference=reference, proposal_id=proposal
        )
        try:
            issued = casework.approve_decision(proposal=item, actor=request.user)
        except ApplicationError as error:
            messages.error(request, str(error.message))
        else:
            report_issued(
                request, issued, _("Vedtaket er godkjent, og brevet er sendt til innbyggeren.")
            )
        return redirect("referrals:case", reference=reference)


class ReturnDecisionView(CaseMixin, View):
    """Four eyes: send the decision back to the caseworker who wrote it, with a comment."""

    permission_required = "referrals.decide_application"
    action = AccessLogEntry.Action.CHANGE
    http_method_names = ["post", "options"]

    def post(
        self, request: AuthenticatedHttpRequest, reference: str, proposal: int
    ) -> HttpResponseBase:
        item = casework_selectors.get_proposal_to_review(
            user=request.user, reference=reference, proposal_id=proposal
        )
        form = ReturnDecisionForm(request.POST, prefix="return")
        if not form.is_valid():
            return _render_case(request, item.application, status=422, return_form=form)
        try:
            casework.return_decision(
                proposal=item, actor=request.user, comment=form.cleaned_data["comment"]
            )
        except ApplicationError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Vedtaket er sendt tilbake til saksbehandleren."))
        return redirect("referrals:case", reference=reference)


class DecisionView(CaseMixin, View):
    permission_required = "referrals.decide_application"
    http_method_names = ["get", "post", "head", "options"]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.action = (
            AccessLogEntry.Action.CHANGE if request.method == "POST" else AccessLogEntry.Action.VIEW
        )
        return super().dispatch(request, *args, **kwargs)

    def _render(
        self,
        request: AuthenticatedHttpRequest,
        application: Application,
        form: DecisionForm,
        *,
        conflict: str | None = None,
        status: int = 200,
    ) -> HttpResponse:
        return render(
            request,
            "referrals/casework/decision.html",
            {
                "application": application,
                "form": form,
                "paragraphs": casework_selectors.reason_paragraphs(
                    service_type=application.service_type
                ),
                "conflict": conflict,
                "decidable": application.status in casework.DECIDABLE_STATUSES,
                "awaiting": casework.awaiting_proposal(application),
                "returned": casework.returned_proposal(application, request.user),
                "four_eyes": application.service_type.requires_second_approval,
            },
            status=status,
        )

    def get(self, request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
        application = self.get_case()
        initial: dict[str, object] = {"decisions_seen": application.decisions.count()}
        returned = casework.returned_proposal(application, request.user)
        if returned is not None:
            # Sent back: the caseworker edits what they wrote and resubmits it.
            initial.update(casework_selectors.decision_form_initial(returned))
        form = DecisionForm(application=application, initial=initial)
        return self._render(request, application, form)

    def post(self, request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
        application = self.get_case()
        if "insert_paragraph" in request.POST:
            return self._insert_paragraph(request, application)
        form = DecisionForm(request.POST, application=application)
        if not form.is_valid():
            return self._render(request, application, form, status=422)
        data = form.cleaned_data
        four_eyes = application.service_type.requires_second_approval
        service = casework.submit_decision_for_approval if four_eyes else casework.issue_decision
        try:
            issued = service(
                application=application,
                actor=request.user,
                decisions_seen=data["decisions_seen"],
                **{field: data[field] for field in casework.DECISION_FIELDS},
            )
        except casework.DecisionConflict as error:
            return self._render(request, application, form, conflict=str(error.message), status=409)
        except ApplicationError as error:
            form.add_error(None, error.message)
            return self._render(request, application, form, status=422)
        if four_eyes:
            messages.success(
                request,
                _(
                    "Vedtaket er sendt til godkjenning. Brevet sendes til innbyggeren når en "
                    "annen saksbehandler har godkjent det."
                ),
            )
            return redirect("referrals:case", reference=reference)
        assert isinstance(issued, Decision)  # issued, not proposed: four eyes returned above
        report_issued(request, issued, _("Vedtaket er fattet, og brevet er sendt til innbyggeren."))
        return redirect("referrals:case", reference=reference)

    def _insert_paragraph(
        self, request: AuthenticatedHttpRequest, application: Application
    ) -> HttpResponse:
        """Without JavaScript: append a reusable paragraph to the reasons and show the
        form again, keeping everything typed. Nothing is saved."""
        data = request.POST.copy()
        paragraph = next(
            (
                p
                for p in casework_selectors.reason_paragraphs(service_type=application.service_type)
                if str(p.pk) == request.POST.get("insert_paragraph")
            ),
            None,
        )
        if paragraph is not None:
            text = paragraph.text_in(application.person_language or "nb")
            data["reasons"] = (data.get("reasons", "").rstrip() + "\n\n" + text).strip()
        form = DecisionForm(initial=data.dict(), application=application)
        form.initial["weekdays"] = data.getlist("weekdays")
        return self._render(request, application, form)


class AttachmentDownloadView(CaseMixin, View):
    permission_required = "referrals.change_application"
    action = AccessLogEntry.Action.DOWNLOAD
    http_method_names = ["get", "head", "options"]

    def get(
        self, request: AuthenticatedHttpRequest, reference: str, attachment: UUID
    ) -> HttpResponseBase:
        item = access.get_attachment_for_staff(
            user=request.user, reference=reference, public_id=attachment
        )
        return file_download(item.file, content_type=item.content_type, name=item.original_name)


class PreliminaryLetterView(CaseMixin, View):
    permission_required = "referrals.change_application"
    action = AccessLogEntry.Action.DOWNLOAD
    http_method_names = ["get", "head", "options"]

    def get(
        self, request: AuthenticatedHttpRequest, reference: str, reply: int
    ) -> HttpResponseBase:
        item = access.get_preliminary_reply_for_staff(
            user=request.user, reference=reference, reply_id=reply
        )
        return file_download(
            item.letter, content_type="application/pdf", name=f"forelopig-svar-{reference}.pdf"
        )


class LetterDownloadView(CaseMixin, View):
    permission_required = "referrals.change_application"
    action = AccessLogEntry.Action.DOWNLOAD
    http_method_names = ["get", "head", "options"]

    def get(
        self, request: AuthenticatedHttpRequest, reference: str, decision: int
    ) -> HttpResponseBase:
        item = access.get_decision_for_staff(
            user=request.user, reference=reference, decision_id=decision
        )
        return file_download(
            item.letter, content_type="application/pdf", name=f"vedtak-{reference}.pdf"
        )


class CourtesyLetterView(CaseMixin, View):
    """The English courtesy copy of a decision letter, for the same people as the letter."""

    permission_required = "referrals.change_application"
    action = AccessLogEntry.Action.DOWNLOAD
    http_method_names = ["get", "head", "options"]

    def get(
        self, request: AuthenticatedHttpRequest, reference: str, decision: int
    ) -> HttpResponseBase:
        item = access.get_decision_for_staff(
            user=request.user, reference=reference, decision_id=decision
        )
        return courtesy_copy_response(item, reference)
