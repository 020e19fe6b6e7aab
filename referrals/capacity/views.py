"""/saksbehandling/kapasitet/: the unit leader's places and waiting lists.

The page (GET) is for unit leaders (``referrals.view_allocation``, their units' offers)
and caseworkers (the offers of their service types): anyone else logged in → 403, as
the queue (the page itself names no case). The changes are POST-only; the
object is fetched and access-checked in ``referrals.capacity.services`` (the offer's unit
leaders, or caseworkers whose scope covers the case): anything else → 404, logged.
Every view and change is written to the access log.
"""

from datetime import date, timedelta
from typing import Any, TypedDict

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django_stubs_ext import StrOrPromise

from catalogue.models import Weekday
from portal.http import AuthenticatedHttpRequest
from referrals.capacity import selectors as capacity_selectors
from referrals.capacity import services as capacity
from referrals.capacity.models import Allocation, WaitingListEntry
from referrals.cases import access
from referrals.cases.models import AccessLogEntry
from referrals.cases.views import ActionView, StaffMixin

TEMPLATE = "referrals/casework/capacity.html"
MAX_DAYS_AWAY = 2 * 366  # ``?fra=`` further away than this shows this week


class EndAllocationForm(forms.Form):
    allocation = forms.IntegerField(widget=forms.HiddenInput)
    end_date = forms.DateField(label=gettext_lazy("Plassen er ledig fra og med"))
    confirm = forms.BooleanField(
        label=gettext_lazy("Jeg bekrefter at plassen skal avsluttes"),
        error_messages={"required": gettext_lazy("Bekreft at plassen skal avsluttes.")},
    )

    def __init__(self, *args: Any, allocation: Allocation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.allocation_obj = allocation

    def clean_end_date(self) -> date:
        # Today or later plans the end (the place counts as taken until that day);
        # an earlier day records a place that has already ended.
        value: date = self.cleaned_data["end_date"]
        allocation = self.allocation_obj
        if allocation is not None and value < timezone.localdate(allocation.created_at):
            raise forms.ValidationError(_("Datoen kan ikke være før plassen ble tildelt."))
        return value


class PriorityForm(forms.Form):
    entry = forms.IntegerField(widget=forms.HiddenInput)
    priority = forms.IntegerField(
        label=gettext_lazy("Prioritet"),
        min_value=capacity.HIGHEST_PRIORITY,
        max_value=capacity.LOWEST_PRIORITY,
    )


def _start_from(request: HttpRequest) -> date | None:
    """The first week shown: ``?fra=YYYY-MM-DD`` (any day of it), default this week."""
    value = request.GET.get("fra", "")
    try:
        day: date | None = forms.DateField().clean(value) if value else None
    except forms.ValidationError:
        return None
    today = timezone.localdate()
    if day is None or abs((day - today).days) > MAX_DAYS_AWAY:
        return None
    return day


class FailedChange(TypedDict):
    """The change whose form did not validate, shown again with its errors."""

    kind: str
    id: int
    form: forms.Form


def _render_page(
    request: AuthenticatedHttpRequest,
    *,
    status: int = 200,
    failed: FailedChange | None = None,
    start: date | None = None,
) -> HttpResponse:
    today = timezone.localdate()
    offers = capacity_selectors.overview(user=request.user, today=today, start=start)
    access.log_access(
        user=request.user,
        action=AccessLogEntry.Action.LIST,
        object_type="capacity",
        detail=f"{sum(len(o.allocations) + len(o.waiting) for o in offers)} people",
    )
    first = capacity_selectors.week_start(start or today)
    context = {
        "offers": offers,
        "weekdays": [Weekday(d).label for d in capacity_selectors.WORKING_DAYS],
        "today": today,
        "previous_start": first - timedelta(weeks=capacity_selectors.WEEKS),
        "next_start": first + timedelta(weeks=capacity_selectors.WEEKS),
        "this_week": capacity_selectors.week_start(today),
        "first_monday": first,
        "failed": failed or {},
        "lowest_priority": capacity.LOWEST_PRIORITY,
        "is_unit_leader": capacity_selectors.is_unit_leader(request.user),
    }
    return render(request, TEMPLATE, context, status=status)


class CapacityView(StaffMixin, View):
    """For unit leaders and caseworkers: places per weekday week by week, who has them,
    the waiting list (``capacity_selectors.overview`` scopes the offers and people)."""

    http_method_names = ["get", "head", "options"]

    def has_permission(self) -> bool:
        return capacity_selectors.may_view_capacity(self.request.user)

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        return _render_page(request, start=_start_from(request))


class _CapacityChangeView(ActionView):
    """POST only. Anonymous → log-in; not allowed → 404 (logged by ``capacity``)."""

    kind = ""  # which row of the page shows the form again

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(reverse("referrals:capacity"))
        return super().dispatch(request, *args, **kwargs)

    def done_url(self, target: Allocation | WaitingListEntry, anchor: str = "") -> str:
        """Back to the capacity page for unit leaders; to the case for caseworkers."""
        if self.request.user.has_perm("referrals.view_allocation"):
            return reverse("referrals:capacity") + anchor
        return reverse("referrals:case", kwargs={"reference": target.application.reference})

    def get_success_url(self, target: Allocation | WaitingListEntry) -> str:
        return self.done_url(target, f"#offer-{target.offer_id}")

    def form_invalid(self, target: Allocation | WaitingListEntry, form: forms.Form) -> HttpResponse:
        if not self.request.user.has_perm("referrals.view_allocation"):
            for errors in form.errors.values():
                for error in errors:
                    messages.error(self.request, str(error))  # an ErrorList yields its messages
            return redirect(self.done_url(target))
        failed: FailedChange = {"kind": self.kind, "id": target.pk, "form": form}
        return _render_page(self.request, status=422, failed=failed)


class EndAllocationView(_CapacityChangeView):
    form_class = EndAllocationForm
    kind = "end"

    def get_target(self) -> Allocation:
        return capacity_selectors.get_allocation_for_change(
            user=self.request.user, pk=self.request.POST.get("allocation")
        )

    def get_form_kwargs(self, allocation: Allocation) -> dict[str, Any]:
        return {"allocation": allocation}

    def perform(self, allocation: Allocation, data: dict[str, Any]) -> WaitingListEntry | None:
        return capacity.end_allocation_on(
            allocation=allocation, end_date=data["end_date"], actor=self.request.user
        )

    def get_success_message(
        self, allocation: Allocation, data: dict[str, Any], following: WaitingListEntry | None
    ) -> str:
        end_date = data["end_date"]
        day = Weekday(allocation.weekday).label
        if end_date > timezone.localdate():
            return _planned_end_message(end_date, day, following)
        if following is not None:
            return _(
                "Plassen er avsluttet. Neste på ventelisten for %(day)s, %(name)s "
                "(%(reference)s), er foreslått for saksbehandleren."
            ) % {
                "day": day,
                "name": following.application.person_name,
                "reference": following.application.reference,
            }
        return _("Plassen er avsluttet. Ingen står på ventelisten for %(day)s.") % {"day": day}


def _planned_end_message(
    end_date: date, day: StrOrPromise, following: WaitingListEntry | None
) -> str:
    date = end_date.strftime("%d.%m.%Y")
    if following is None:
        return _(
            "Plassen avsluttes og er ledig fra og med %(date)s. Ingen står på ventelisten "
            "for %(day)s."
        ) % {"date": date, "day": day}
    return _(
        "Plassen avsluttes og er ledig fra og med %(date)s. Neste på ventelisten for "
        "%(day)s, %(name)s (%(reference)s), er foreslått for saksbehandleren."
    ) % {
        "date": date,
        "day": day,
        "name": following.application.person_name,
        "reference": following.application.reference,
    }


class WaitingPriorityView(_CapacityChangeView):
    form_class = PriorityForm
    kind = "priority"

    def get_target(self) -> WaitingListEntry:
        return capacity_selectors.get_waiting_entry_for_change(
            user=self.request.user, pk=self.request.POST.get("entry")
        )

    def perform(self, entry: WaitingListEntry, data: dict[str, Any]) -> None:
        capacity.change_priority(entry=entry, priority=data["priority"], actor=self.request.user)

    def get_success_message(
        self, entry: WaitingListEntry, data: dict[str, Any], result: None
    ) -> str:
        return _("Prioriteten for %(name)s er endret til %(priority)s.") % {
            "name": entry.application.person_name,
            "priority": data["priority"],
        }
