"""/saksbehandling/tilgangslogg/: the access log (Normen: tilgangslogg) for
administrators, outside the Django admin.

Only users with ``referrals.view_accesslogentry`` (the administrator role, see
``portal.roles``) see it; everyone else, signed in or not, gets a 404 and the refusal
is logged. Reading the log is itself logged. The log is append-only: this page only
reads, and there is no way to change or delete a row from it.
"""

from datetime import datetime
from typing import Any, TypedDict

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views import View
from django_stubs_ext import StrOrPromise

from referrals.cases import access
from referrals.cases.models import AccessLogEntry
from referrals.casework.filters import OBJECT_TYPE_CHOICES, ROLE_CHOICES, AccessLogFilter

OBJECT_TYPE = access.ACCESS_LOG_OBJECT_TYPE
PAGE_SIZE = 50


class AccessLogView(View):
    http_method_names = ["get", "head", "options"]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not access.may_view_access_log(request.user):
            access.log_access(
                user=request.user,
                action=AccessLogEntry.Action.LIST,
                object_type=OBJECT_TYPE,
                allowed=False,
            )
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        query = request.GET.copy()
        query.pop("side", None)
        filterset = AccessLogFilter(query or None, queryset=access.access_log_for(request.user))
        valid = not filterset.is_bound or filterset.is_valid()
        rows = filterset.qs.order_by("-at", "-pk") if valid else AccessLogEntry.objects.none()
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("side"))
        shown = [_row(entry) for entry in page.object_list]  # before this read is logged
        # What was searched for is logged from the cleaned values only, so a refused
        # search (an identity number) never reaches the log.
        access.log_access(
            user=request.user,
            action=AccessLogEntry.Action.LIST,
            object_type=OBJECT_TYPE,
            detail=_search_detail(filterset) if valid and filterset.is_bound else "",
        )
        return render(
            request,
            "referrals/casework/access_log.html",
            {
                "filter": filterset,
                "form": filterset.form,
                "page": page,
                "rows": shown,
                "query": query.urlencode(),
            },
        )


ROLE_LABELS = dict(ROLE_CHOICES)
OBJECT_LABELS = dict(OBJECT_TYPE_CHOICES)
ACTION_LABELS = dict(AccessLogEntry.Action.choices)


class AccessLogRow(TypedDict):
    at: datetime
    user: str
    role: StrOrPromise
    unit: str
    action: StrOrPromise
    object_type: StrOrPromise
    object_id: str
    reference: str
    person: str
    detail: str
    allowed: bool


def _row(entry: AccessLogEntry) -> AccessLogRow:
    return {
        "at": entry.at,
        "user": entry.user_label,
        "role": ROLE_LABELS.get(entry.role, entry.role),
        "unit": entry.unit_label,
        "action": ACTION_LABELS.get(entry.action, entry.action),
        "object_type": OBJECT_LABELS.get(entry.object_type, entry.object_type),
        "object_id": entry.object_id,
        "reference": entry.reference,
        "person": entry.person,
        "detail": entry.detail,
        "allowed": entry.allowed,
    }


def _search_detail(filterset: AccessLogFilter) -> str:
    parts = []
    for name, value in filterset.form.cleaned_data.items():
        if value in (None, "", False):
            continue
        if name == "bruker":
            value = value.pk
        parts.append(f"{name}={value}")
    return "; ".join(parts)[:200]
