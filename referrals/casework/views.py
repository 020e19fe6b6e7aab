"""/saksbehandling/: the caseworker's queue and case pages.

Permissions are declared on each view (``permission_required``). The queue answers a
logged-in user without the permission with 403 (it reveals no case); every case view
answers 404 for anything the user may not see — no permission, outside their service
types and districts, or a reference that does not exist — and the refusal is logged.
Cases are fetched only through ``referrals.cases.access``; every view or change of a
person's data writes an access-log entry. Changes only by POST.
"""

import functools
from collections.abc import Callable, Iterable
from typing import Any, Literal
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.debug import sensitive_post_parameters

from portal.documents.downloads import file_download
from portal.form_html import FormSlot, form_html
from portal.http import AuthenticatedHttpRequest
from portal.roles import Role
from referrals.cases import access
from referrals.cases.identity import looks_like_national_id
from referrals.cases.models import AccessLogEntry, Application, Consultation, Decision
from referrals.cases.services import ApplicationError
from referrals.cases.views import ActionView, StaffMixin
from referrals.casework import selectors as casework_selectors
from referrals.casework import services as casework
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
    PersonSearchForm,
    PreliminaryReplyForm,
    QueueFilterForm,
    RequestInformationForm,
    ReturnDecisionForm,
    StatsforvalterOutcomeForm,
    postal_address_form,
    postal_addresses,
)
from referrals.casework.models import DecisionProposal
from referrals.casework.selectors import QueueRow
from referrals.letters.channels import channel_label
from referrals.letters.downloads import courtesy_copy_response
from referrals.letters.models import LetterDispatch, PreliminaryReply
from referrals.matching import selectors as matching_selectors
from referrals.matching import services as matching
from referrals.matching.forms import HelpRequestForm


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


# Rows of the case tables kept per process (a few hundred bytes each).
CASE_ROWS_KEPT = 2048


@functools.lru_cache(maxsize=CASE_ROWS_KEPT)
def _case_row_html(language: str, row: QueueRow) -> str:
    return render_to_string("referrals/casework/_case_row.html", {"case": row})


def case_rows_html(rows: Iterable[QueueRow]) -> list[str]:
    """The HTML of each row of a table of cases (the queue, the person search). A row's
    HTML depends on nothing but its values (a QueueRow, read fresh on every request)
    and the language, so it is kept by those (the ``CASE_ROWS_KEPT`` last used, per
    process): rendering the 50 rows of a queue page through the template was a fifth of
    the page's CPU, and a caseworker sees the same rows again and again."""
    language = get_language()
    return [_case_row_html(language, row) for row in rows]


# The queue table's columns: the sort key (see ``selectors.QUEUE_SORTS``) and heading.
QUEUE_COLUMNS = (
    ("referanse", gettext_lazy("Referanse")),
    ("navn", gettext_lazy("Gjelder")),
    ("tjenestetype", gettext_lazy("Tjenestetype")),
    ("bydel", gettext_lazy("Bydel")),
    ("status", gettext_lazy("Status")),
    ("frist", gettext_lazy("Frist")),
    ("saksbehandler", gettext_lazy("Saksbehandler")),
)


def queue_columns(
    filters: QueryDict, sort: casework_selectors.QueueSort
) -> list[dict[str, object]]:
    """Each column's heading, the link that sorts by it (ascending, or descending when
    it already sorts ascending; the filters kept, back to the first page) and its
    ``aria-sort`` (only on the column the queue is sorted by)."""
    columns: list[dict[str, object]] = []
    for key, label in QUEUE_COLUMNS:
        active = key == sort.key
        query = filters.copy()
        query["sort"] = f"-{key}" if active and not sort.descending else key
        columns.append(
            {
                "key": key,
                "label": label,
                "url": f"?{query.urlencode()}",
                "aria_sort": (("descending" if sort.descending else "ascending") if active else ""),
            }
        )
    return columns


class QueueView(StaffMixin, View):
    permission_required = "referrals.view_application"
    http_method_names = ["get", "head", "options"]

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        filter_data = request.GET.copy()
        filter_data.pop("sort", None)
        filter_data.pop("side", None)
        form = QueueFilterForm(filter_data or None)
        filters = form.filters() if filter_data else casework_selectors.QueueFilters()
        sort = casework_selectors.QueueSort.parse(request.GET.get("sort"))
        data = casework_selectors.queue(user=request.user, filters=filters, sort=sort)
        page = QueuePaginator(
            data["cases"], casework_selectors.QUEUE_PAGE_SIZE, count=data["count"]
        ).get_page(request.GET.get("side"))
        access.log_access(
            user=request.user,
            action=AccessLogEntry.Action.LIST,
            object_type="queue",
            detail=_loggable_query(request.GET)[:200],
        )
        query = request.GET.copy()
        query.pop("side", None)
        if request.GET.get("sort") is not None:
            query["sort"] = sort.value  # a value that was ignored is not passed on
        return render(
            request,
            "referrals/casework/queue.html",
            {
                "form": form,
                "filter_form": form_html(form),
                "sort": sort,
                "columns": queue_columns(filter_data, sort),
                "page": page,
                "rows": case_rows_html(page.object_list),
                "status_counts": data["status_counts"],
                "total": data["total"],
                "query": query.urlencode(),
                "is_caseworker": access.is_caseworker(request.user),
                "today": timezone.localdate(),
                "person_form": form_html(PersonSearchForm()),
            },
        )


def _loggable_query(query: QueryDict) -> str:
    """The query string for the access log, with anything that looks like an identity
    number (typed into the free-text search by mistake) left out."""
    safe = query.copy()
    for key in list(safe):
        if any(looks_like_national_id(value) for value in safe.getlist(key)):
            safe.setlist(key, ["***"])
    return safe.urlencode()


@method_decorator(sensitive_post_parameters("national_id"), name="dispatch")
class PersonSearchView(StaffMixin, View):
    """A person's cases by national identity number: the form is posted, never sent in
    a URL, and the results are the answer to the POST itself (no redirect, so the
    number is in no Location header, link, access-log row or server log). Results are
    only the cases the user may see. The search is access-logged with the cases found,
    never the number."""

    permission_required = "referrals.view_application"
    http_method_names = ["get", "post", "head", "options"]
    template_name = "referrals/casework/person_search.html"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": PersonSearchForm()})

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = PersonSearchForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=422)
        cases = casework_selectors.cases_for_person(
            user=request.user, national_id=form.cleaned_data["national_id"]
        )
        if cases:
            for application in cases:
                access.log_access(
                    user=request.user,
                    action=AccessLogEntry.Action.LIST,
                    object_type="person_search",
                    application=application,
                )
        else:
            access.log_access(
                user=request.user, action=AccessLogEntry.Action.LIST, object_type="person_search"
            )
        rows = casework_selectors.queue_rows([application.pk for application in cases])
        return render(
            request,
            self.template_name,
            {"form": form, "results": rows, "rows": case_rows_html(rows), "searched": True},
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
    if matching_selectors.is_stottekontakt(application):
        context["match_status"] = matching_selectors.status_for(application)
    context["new_consultation_answers"] = casework_selectors.new_consultation_answers(
        consultations, page.get("decisions", [])
    )
    if page["is_caseworker"]:
        assessment = page.get("assessment")
        slots: dict[str, Callable[[], BaseForm]] = {
            # A posted assign form is validated against the colleagues (AssignView).
            "assign_form": lambda: AssignForm(
                choices=casework_selectors.colleague_choices(application),
                prefix="assign",
            ),
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
            "address_form": lambda: postal_address_form(application=application, prefix="address"),
        }
        context.update({name: FormSlot(make, forms.get(name)) for name, make in slots.items()})
        if matching_selectors.is_stottekontakt(application):
            context["may_request_helper"] = matching_selectors.may_request_helper(application)
            context["help_request_form"] = FormSlot(
                lambda: HelpRequestForm(prefix="helper"), forms.get("help_request_form")
            )
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
            and request.user.has_perm(access.APPROVE_PERMISSION)
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


class CaseActionView(CaseMixin, ActionView):
    """A POST that changes a case: the form (``prefix``; shown again in ``form_slot``
    of the case page with its errors, 422) → ``perform`` → ``success_message`` → back
    to the case. A change the case's state does not allow is the error message."""

    permission_required = "referrals.change_application"
    action = AccessLogEntry.Action.CHANGE
    form_slot = ""

    # The target is the case here; a subclass may act on something of the case
    # (``get_target``) and then says which case it belongs to (``case_of``).
    def get_target(self) -> Any:
        return self.get_case()

    def case_of(self, target: Any) -> Application:
        assert isinstance(target, Application)  # the default target is the case
        return target

    def form_invalid(self, target: Any, form: BaseForm) -> HttpResponse:
        slot = self.form_slot or f"{self.prefix}_form"
        return _render_case(self.request, self.case_of(target), status=422, **{slot: form})

    def get_success_url(self, target: Any) -> str:
        return reverse("referrals:case", kwargs={"reference": self.kwargs["reference"]})


class RequestHelperView(CaseActionView):
    """ "Finn støttekontakt": a help request from the granted støttekontakt decision."""

    form_class = HelpRequestForm
    prefix = "helper"
    form_slot = "help_request_form"

    def perform(self, application: Application, data: dict[str, Any]) -> None:
        matching.request_helper(
            application=application,
            unit=data["unit"],
            description=data["description"],
            hours_per_week=data["hours_per_week"],
            preferred_gender=data["preferred_gender"],
            by=self.request.user,
        )

    def get_success_message(
        self, application: Application, data: dict[str, Any], result: object
    ) -> str:
        return _("Forespørselen er sendt til koordinatorene i %(unit)s.") % {
            "unit": data["unit"].name
        }


class AssignToMeView(CaseActionView):
    success_message = gettext_lazy("Saken er tildelt deg.")

    def perform(self, application: Application, data: dict[str, Any]) -> None:
        user = self.request.user
        casework.assign_case(application=application, assignee=user, actor=user)


class AssignView(CaseActionView):
    form_class = AssignForm
    prefix = "assign"

    def get_form_kwargs(self, application: Application) -> dict[str, Any]:
        colleagues = casework_selectors.colleagues(application)
        return {**super().get_form_kwargs(application), "colleagues": colleagues}

    def perform(self, application: Application, data: dict[str, Any]) -> None:
        casework.assign_case(
            application=application, assignee=data["assignee"], actor=self.request.user
        )

    def get_success_message(
        self, application: Application, data: dict[str, Any], result: object
    ) -> str:
        return _("Saken er tildelt %(name)s.") % {"name": data["assignee"].get_full_name()}


class CloseView(CaseActionView):
    form_class = CloseForm
    prefix = "close"
    success_message = gettext_lazy("Saken er avsluttet.")

    def perform(self, application: Application, data: dict[str, Any]) -> None:
        casework.close_case(application=application, actor=self.request.user, reason=data["reason"])


class ReopenView(CaseActionView):
    success_message = gettext_lazy("Saken er gjenåpnet.")

    def perform(self, application: Application, data: dict[str, Any]) -> None:
        casework.reopen_case(application=application, actor=self.request.user)


class NoteView(CaseActionView):
    form_class = NoteForm
    prefix = "note"
    success_message = gettext_lazy("Notatet er lagret.")

    def perform(self, application: Application, data: dict[str, Any]) -> None:
        casework.add_internal_note(
            application=application, author=self.request.user, body=data["body"]
        )


class RequestInformationView(CaseActionView):
    form_class = RequestInformationForm
    prefix = "request"
    success_message = gettext_lazy("Meldingen er sendt. Saken venter på opplysninger.")

    def perform(self, application: Application, data: dict[str, Any]) -> None:
        casework.request_information(
            application=application,
            actor=self.request.user,
            body=data["body"],
            reply_by=data["reply_by"],
        )


class PreliminaryReplyView(CaseActionView):
    form_class = PreliminaryReplyForm
    prefix = "preliminary"

    def perform(self, application: Application, data: dict[str, Any]) -> PreliminaryReply:
        return casework.send_preliminary_reply(
            application=application,
            actor=self.request.user,
            reason=data["reason"],
            expected_date=data["expected_date"],
        )

    def get_success_message(
        self, application: Application, data: dict[str, Any], reply: PreliminaryReply
    ) -> str:
        lines = dispatch_lines(list(reply.dispatches.all()))
        return " ".join([_("Foreløpig svar er laget."), *lines])


class PostalAddressView(CaseActionView):
    """Register or correct the postal addresses; failed paper letters are sent again."""

    prefix = "address"

    def get_target(self) -> Application:
        application = self.get_case()
        # The form that fits the case: with the representative's address or without.
        self.form_class = type(postal_address_form(application=application))
        return application

    def get_form_kwargs(self, application: Application) -> dict[str, Any]:
        return {**super().get_form_kwargs(application), "application": application}

    def perform(self, application: Application, data: dict[str, Any]) -> list[LetterDispatch]:
        return casework.update_postal_addresses(
            application=application,
            actor=self.request.user,
            **postal_addresses(data, on_behalf=bool(application.on_behalf)),
        )

    def get_success_message(
        self, application: Application, data: dict[str, Any], tried: list[LetterDispatch]
    ) -> str:
        return " ".join([_("Postadressen er lagret."), *dispatch_lines(tried)])


class AssessmentView(CaseActionView):
    form_class = AssessmentForm
    prefix = "assessment"
    success_message = gettext_lazy("Kartleggingen er lagret.")

    def perform(self, application: Application, data: dict[str, Any]) -> None:
        casework.save_assessment(application=application, actor=self.request.user, data=data)


class PaperAppealView(CaseActionView):
    form_class = PaperAppealForm
    prefix = "paper"
    form_slot = "paper_appeal_form"
    success_message = gettext_lazy("Klagen er registrert. Vurder saken på nytt.")

    def perform(self, application: Application, data: dict[str, Any]) -> None:
        casework.register_paper_appeal(application=application, actor=self.request.user, **data)


class ForwardAppealView(CaseActionView):
    form_class = ForwardAppealForm
    prefix = "forward"
    success_message = gettext_lazy(
        "Vedtaket er opprettholdt, og klagen er sendt til Statsforvalteren."
    )

    def perform(self, application: Application, data: dict[str, Any]) -> None:
        casework.uphold_and_forward(
            application=application,
            actor=self.request.user,
            comments=data["comments"],
            reassessment=data["reassessment"],
        )


class StatsforvalterOutcomeView(CaseActionView):
    form_class = StatsforvalterOutcomeForm
    prefix = "outcome"
    success_message = gettext_lazy("Statsforvalterens avgjørelse er registrert.")

    def perform(self, application: Application, data: dict[str, Any]) -> None:
        casework.register_statsforvalteren_outcome(
            application=application, actor=self.request.user, **data
        )


class CaseDownloadView(CaseMixin, View):
    """A file of the case handed to a caseworker: read-only, logged as a download."""

    permission_required = "referrals.change_application"
    action = AccessLogEntry.Action.DOWNLOAD
    http_method_names = ["get", "head", "options"]


class CaseFileView(CaseDownloadView):
    def get(
        self, request: AuthenticatedHttpRequest, reference: str, forwarding: int
    ) -> HttpResponseBase:
        item = casework_selectors.get_case_file_for_staff(
            user=request.user, reference=reference, forwarding_id=forwarding
        )
        return file_download(
            item.case_file, content_type="application/pdf", name=f"klagesak-{reference}.pdf"
        )


class ConsultView(CaseActionView):
    form_class = ConsultForm
    prefix = "consult"
    success_message = gettext_lazy("Drøftingen er sendt til enhetslederne.")

    def perform(self, application: Application, data: dict[str, Any]) -> None:
        casework.consult_unit(
            application=application,
            actor=self.request.user,
            unit=data["unit"],
            question=data["question"],
        )


class AnswerConsultationView(CaseActionView):
    """A unit leader answers a consultation sent to their unit."""

    permission_required = "referrals.view_application"
    form_class = AnswerConsultationForm
    form_slot = "answer_form"
    success_message = gettext_lazy("Svaret er lagret på saken.")

    def get_target(self) -> Consultation:
        return access.get_consultation_to_answer(
            user=self.request.user,
            reference=self.kwargs["reference"],
            consultation_id=self.kwargs["consultation"],
        )

    def case_of(self, consultation: Consultation) -> Application:
        return consultation.application

    def get_form_kwargs(self, consultation: Consultation) -> dict[str, Any]:
        return {"prefix": f"answer-{consultation.pk}"}

    def perform(self, consultation: Consultation, data: dict[str, Any]) -> None:
        casework.answer_consultation(
            consultation=consultation,
            actor=self.request.user,
            answer=data["answer"],
            has_free_place=data.get("has_free_place", False),
        )


def dispatch_lines(dispatches: list[LetterDispatch]) -> list[str]:
    """What happened to a letter, per recipient, in the caseworker's words."""
    lines = []
    for dispatch in dispatches:
        recipient = dispatch.get_recipient_display()
        if dispatch.status == LetterDispatch.Status.FAILED:
            line = _(
                "%(recipient)s: brevet kunne ikke sendes ennå og prøves igjen. Brevet er "
                "lagret i saken."
            )
        elif dispatch.channel == "digital":
            line = _(
                "%(recipient)s: brevet er lagt i innboksen på nettsiden, og varsel sendes på "
                "e-post."
            )
        elif dispatch.channel == "paper":
            line = _(
                "%(recipient)s: brevet er lagt i utskriftskøen og må skrives ut og sendes i posten."
            )
        else:
            line = _("%(recipient)s: brevet er sendt med %(channel)s.")
        lines.append(
            line % {"recipient": recipient, "channel": str(channel_label(dispatch.channel))}
        )
    return lines


def report_issued(request: AuthenticatedHttpRequest, decision: Decision, headline: str) -> None:
    """Tell the caseworker a decision was issued: ``headline``, then how its letter went
    to each recipient (``LetterDispatch``); or (the renderer failed,
    ``Decision.letter_pending``) that the decision is stored and the letter follows
    shortly, made by a task, and is sent then."""
    if decision.letter_pending:
        messages.warning(
            request,
            _(
                "Vedtaket er lagret. Brevet kunne ikke lages akkurat nå og lages om kort tid. "
                "Det sendes til innbyggeren når det er klart."
            ),
        )
        return
    dispatches = list(decision.dispatches.all())
    message = " ".join([headline, *dispatch_lines(dispatches)])
    if any(d.status == LetterDispatch.Status.FAILED for d in dispatches):
        messages.warning(request, message)
    else:
        messages.success(request, message)


class ProposalActionView(CaseActionView):
    """Four eyes: a change to a decision awaiting approval, by an approver."""

    permission_required = access.APPROVE_PERMISSION

    def get_target(self) -> DecisionProposal:
        return casework_selectors.get_proposal_to_review(
            user=self.request.user,
            reference=self.kwargs["reference"],
            proposal_id=self.kwargs["proposal"],
        )

    def case_of(self, proposal: DecisionProposal) -> Application:
        return proposal.application


class ApproveDecisionView(ProposalActionView):
    """Four eyes: a different caseworker approves; the letter is then issued."""

    def perform(self, proposal: DecisionProposal, data: dict[str, Any]) -> Decision:
        return casework.approve_decision(proposal=proposal, actor=self.request.user)

    def report_success(
        self, proposal: DecisionProposal, data: dict[str, Any], issued: Decision
    ) -> None:
        report_issued(self.request, issued, _("Vedtaket er godkjent."))


class ReturnDecisionView(ProposalActionView):
    """Four eyes: send the decision back to the caseworker who wrote it, with a comment."""

    form_class = ReturnDecisionForm
    prefix = "return"
    success_message = gettext_lazy("Vedtaket er sendt tilbake til saksbehandleren.")

    def perform(self, proposal: DecisionProposal, data: dict[str, Any]) -> None:
        casework.return_decision(
            proposal=proposal, actor=self.request.user, comment=data["comment"]
        )


class DecisionFormView(CaseActionView):
    """A page with the decision form: its errors, and a change the case's state does not
    allow, are shown on the page with the form (422); a decision made by someone else
    since the form was opened is a conflict (409). Subclasses implement ``render_form``."""

    permission_required = "referrals.decide_application"
    http_method_names = ["get", "post", "head", "options"]

    def render_form(  # pragma: no cover - abstract
        self, target: Any, form: Any, *, status: int, conflict: str | None = None
    ) -> HttpResponse:
        raise NotImplementedError

    def form_invalid(self, target: Any, form: BaseForm) -> HttpResponse:
        return self.render_form(target, form, status=422)

    def application_error(
        self, target: Any, form: BaseForm | None, error: ApplicationError
    ) -> HttpResponse:
        assert form is not None  # a decision form view has a ``form_class``
        if isinstance(error, casework.DecisionConflict):
            return self.render_form(target, form, conflict=str(error.message), status=409)
        form.add_error(None, error.message)
        return self.render_form(target, form, status=422)


class DecisionView(DecisionFormView):
    form_class = DecisionForm

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
        returned: DecisionProposal | None | Literal[False] = False,
    ) -> HttpResponse:
        # ``False``: not read yet (the GET has read it for the form's initial values).
        if returned is False:
            returned = casework.returned_proposal(application, request.user)
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
                "returned": returned,
                "four_eyes": application.service_type.requires_second_approval,
            },
            status=status,
        )

    def render_form(
        self,
        application: Application,
        form: DecisionForm,
        *,
        status: int,
        conflict: str | None = None,
    ) -> HttpResponse:
        return self._render(self.request, application, form, conflict=conflict, status=status)

    def get(self, request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
        application = self.get_case()
        initial: dict[str, object] = {"decisions_seen": application.decisions.count()}
        returned = casework.returned_proposal(application, request.user)
        if returned is not None:
            # Sent back: the caseworker edits what they wrote and resubmits it.
            initial.update(casework_selectors.decision_form_initial(returned))
        form = DecisionForm(application=application, initial=initial)
        return self._render(request, application, form, returned=returned)

    def get_form_kwargs(self, application: Application) -> dict[str, Any]:
        return {"application": application}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if "insert_paragraph" in request.POST:
            return self._insert_paragraph(self.request, self.get_case())
        return super().post(request, *args, **kwargs)

    def perform(
        self, application: Application, data: dict[str, Any]
    ) -> Decision | DecisionProposal:
        four_eyes = application.service_type.requires_second_approval
        service = casework.submit_decision_for_approval if four_eyes else casework.issue_decision
        return service(
            application=application,
            actor=self.request.user,
            decisions_seen=data["decisions_seen"],
            **{field: data[field] for field in casework.DECISION_FIELDS},
        )

    def report_success(
        self, application: Application, data: dict[str, Any], issued: Decision | DecisionProposal
    ) -> None:
        if application.service_type.requires_second_approval:
            messages.success(
                self.request,
                _(
                    "Vedtaket er sendt til godkjenning. Brevet sendes til innbyggeren når en "
                    "annen saksbehandler har godkjent det."
                ),
            )
        else:
            assert isinstance(issued, Decision)  # issued, not proposed: no four eyes
            report_issued(self.request, issued, _("Vedtaket er fattet."))

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


class AttachmentDownloadView(CaseDownloadView):
    def get(
        self, request: AuthenticatedHttpRequest, reference: str, attachment: UUID
    ) -> HttpResponseBase:
        item = access.get_attachment_for_staff(
            user=request.user, reference=reference, public_id=attachment
        )
        return file_download(item.file, content_type=item.content_type, name=item.original_name)


class PreliminaryLetterView(CaseDownloadView):
    def get(
        self, request: AuthenticatedHttpRequest, reference: str, reply: int
    ) -> HttpResponseBase:
        item = access.get_preliminary_reply_for_staff(
            user=request.user, reference=reference, reply_id=reply
        )
        return file_download(
            item.letter, content_type="application/pdf", name=f"forelopig-svar-{reference}.pdf"
        )


class LetterDownloadView(CaseDownloadView):
    def get(
        self, request: AuthenticatedHttpRequest, reference: str, decision: int
    ) -> HttpResponseBase:
        item = access.get_decision_for_staff(
            user=request.user, reference=reference, decision_id=decision
        )
        return file_download(
            item.letter, content_type="application/pdf", name=f"vedtak-{reference}.pdf"
        )


class CourtesyLetterView(CaseDownloadView):
    """The English courtesy copy of a decision letter, for the same people as the letter."""

    def get(
        self, request: AuthenticatedHttpRequest, reference: str, decision: int
    ) -> HttpResponseBase:
        item = access.get_decision_for_staff(
            user=request.user, reference=reference, decision_id=decision
        )
        return courtesy_copy_response(item, reference)
