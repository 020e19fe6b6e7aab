"""/saksbehandling/statistikk/: figures per service type and month and the use of the
day centres, as tables, server-drawn charts and CSV; and /saksbehandling/kpr/, the
yearly export to KPR for administrators.

The statistics are aggregates and carry no personal data. The KPR export is the one
place a national identity number leaves the portal: administrators only, everyone else
gets a 404, and every download and every refusal is access-logged (object type
``kpr_export``). The year travels in the query string; the number never does.
"""

import csv
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from portal.documents.downloads import bytes_download
from portal.http import AuthenticatedHttpRequest
from portal.roles import Role
from portal.spreadsheets import spreadsheet_safe
from referrals.cases import access
from referrals.cases.models import AccessLogEntry, Decision
from referrals.cases.views import StaffMixin
from referrals.reporting import charts, kpr, statistics

STATISTICS_COLUMNS = [
    ("service_type", gettext_lazy("Tjenestetype")),
    ("month", gettext_lazy("Måned")),
    ("received", gettext_lazy("Mottatt")),
    ("decided", gettext_lazy("Vedtak")),
    ("granted", gettext_lazy("Innvilget")),
    ("partly_granted", gettext_lazy("Delvis innvilget")),
    ("refused", gettext_lazy("Avslått")),
    ("rejected", gettext_lazy("Avvist")),
    ("median_days", gettext_lazy("Median saksbehandlingstid (dager)")),
    ("p90_days", gettext_lazy("90-persentil (dager)")),
    ("overdue", gettext_lazy("Åpne saker over fristen")),
    ("appeals", gettext_lazy("Klager")),
    ("appeals_granted", gettext_lazy("Klager: medhold hos kommunen")),
    ("appeals_forwarded", gettext_lazy("Klager: sendt til Statsforvalteren")),
    ("appeals_upheld", gettext_lazy("Klager: stadfestet")),
    ("appeals_reversed", gettext_lazy("Klager: endret")),
    ("appeals_quashed", gettext_lazy("Klager: opphevet")),
    ("appeals_withdrawn", gettext_lazy("Klager: trukket")),
    ("appeals_pending", gettext_lazy("Klager: under behandling")),
    ("waiting", gettext_lazy("På venteliste ved månedsslutt")),
]

UTILISATION_COLUMNS = [
    ("unit", gettext_lazy("Enhet")),
    ("offer", gettext_lazy("Tilbud")),
    ("weekday", gettext_lazy("Ukedag")),
    ("capacity", gettext_lazy("Plasser")),
    ("allocated", gettext_lazy("Tildelt")),
    ("free", gettext_lazy("Ledige")),
    ("percent", gettext_lazy("Utnyttelse (prosent)")),
    ("waiting", gettext_lazy("På venteliste")),
]

CHART_MONTHS = 12


def _csv_response(
    filename: str, header: Sequence[object], rows: Sequence[Sequence[object]]
) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow([str(label) for label in header])
    for row in rows:
        writer.writerow([spreadsheet_safe(value) for value in row])
    return response


def _month_cells(row: statistics.MonthRow) -> list[object]:
    return [
        row["month"].strftime("%Y-%m") if key == "month" else ("" if row[key] is None else row[key])
        for key, _label in STATISTICS_COLUMNS
    ]


def _utilisation_cells(utilisation: statistics.Utilisation) -> list[list[object]]:
    return [
        [
            centre["unit"],
            centre["offer"],
            day.label,
            day.capacity,
            day.allocated,
            day.free,
            "" if day.percent is None else day.percent,
            day.waiting,
        ]
        for centre in utilisation["centres"]
        for day in centre["days"]
    ]


def _charts(
    rows: list[statistics.MonthRow], utilisation: statistics.Utilisation
) -> dict[str, object]:
    months = statistics.last_months(count=CHART_MONTHS)
    per_month = statistics.totals_per_month(rows, months)
    # Month on the first line, the year below it on January and on the first month.
    labels = [
        date_format(item["month"], "M")
        + (f"\n{item['month'].year}" if index == 0 or item["month"].month == 1 else "")
        for index, item in enumerate(per_month)
    ]
    flow = [
        charts.Series(_("Mottatt"), [item["received"] for item in per_month]),
        charts.Series(_("Vedtak"), [item["decided"] for item in per_month]),
    ]
    days = utilisation["totals"]
    use = [charts.Series(_("Utnyttelse (prosent)"), [day.percent or 0 for day in days])]
    day_labels = [day.label for day in days]
    return {
        "flow_chart": charts.bar_chart(
            chart_id="chart-flow",
            title=_("Mottatte søknader og vedtak per måned, siste 12 måneder"),
            description=charts.describe(
                [date_format(item["month"], "F Y") for item in per_month], flow
            ),
            categories=labels,
            series=flow,
        ),
        "flow_rows": per_month,
        "use_chart": charts.bar_chart(
            chart_id="chart-use",
            title=_("Utnyttelse av dagsenterplasser per ukedag, alle sentre"),
            description=charts.describe(day_labels, use, unit=" %"),
            categories=day_labels,
            series=use,
            maximum=100,
            unit=" %",
        ),
    }


class StatisticsView(StaffMixin, View):
    """Numbers per service type and month, and the use of the day centres per weekday,
    as tables with charts, or CSV (``?format=csv``, and ``&tabell=kapasitet`` for the
    centres). No personal data. A fixed number of queries."""

    permission_required = "referrals.view_casework_statistics"
    http_method_names = ["get", "head", "options"]

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        rows = statistics.monthly()
        utilisation = statistics.utilisation()
        if request.GET.get("format") == "csv":
            if request.GET.get("tabell") == "kapasitet":
                return _csv_response(
                    "statistikk-kapasitet.csv",
                    [label for _key, label in UTILISATION_COLUMNS],
                    _utilisation_cells(utilisation),
                )
            return _csv_response(
                "statistikk.csv",
                [label for _key, label in STATISTICS_COLUMNS],
                [_month_cells(row) for row in rows],
            )
        return render(
            request,
            "referrals/casework/statistics.html",
            {
                "rows": rows,
                "columns": STATISTICS_COLUMNS,
                "utilisation": utilisation,
                "utilisation_columns": UTILISATION_COLUMNS,
                "may_export_kpr": kpr.may_export(request.user),
                **_charts(rows, utilisation),
            },
        )


def _log_kpr(
    request: HttpRequest,
    *,
    allowed: bool,
    detail: str = "",
    object_id: str = "",
    decisions: Iterable[Decision] = (),
) -> None:
    """One entry for the download or the refusal, and one per person in the file, so
    that each person's own access history shows the export too (one bulk insert)."""
    entry = access.log_access(
        user=request.user,
        action=AccessLogEntry.Action.DOWNLOAD,
        object_type=kpr.OBJECT_TYPE,
        object_id=object_id,
        allowed=allowed,
        detail=detail,
    )
    per_person = [
        AccessLogEntry(
            at=entry.at,
            user=entry.user,
            user_label=entry.user_label,
            role=entry.role,
            unit_label=entry.unit_label,
            application_id_logged=decision.application_id,
            reference=decision.application.reference or "",
            person=access.person_key(decision.application),
            object_type=kpr.OBJECT_TYPE,
            object_id=object_id,
            action=AccessLogEntry.Action.DOWNLOAD,
            detail=detail,
            allowed=True,
        )
        for decision in decisions
    ]
    if per_person:
        AccessLogEntry.objects.bulk_create(per_person)


class KprExportView(View):
    """The yearly KPR export (``?aar=2025``): a page to choose the year, and the CSV.
    Administrators only; for everyone else, signed in or not, a 404, logged."""

    required_role = Role.ADMINISTRATOR
    http_method_names = ["get", "head", "options"]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not kpr.in_role(request.user, self.required_role):
            _log_kpr(request, allowed=False)
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        years = kpr.years()
        default_year = timezone.localdate().year - 1
        raw = request.GET.get("aar")
        if raw is None:
            return self._page(request, years, selected=default_year)
        year = int(raw) if raw.isdigit() else None
        if year is None or year not in years:
            return self._page(
                request,
                years,
                selected=default_year,
                error=_("Velg et år fra listen."),
                status=400,
            )
        text, decisions = kpr.export_csv(year=year)
        _log_kpr(
            request,
            allowed=True,
            object_id=str(year),
            detail=f"aar={year}; rader={len(decisions)}",
            decisions=decisions,
        )
        return bytes_download(
            text.encode(), content_type="text/csv; charset=utf-8", name=f"kpr-{year}.csv"
        )

    def _page(
        self,
        request: HttpRequest,
        years: list[int],
        *,
        selected: int,
        error: str = "",
        status: int = 200,
    ) -> HttpResponse:
        return render(
            request,
            "referrals/casework/kpr.html",
            {"years": years, "selected": selected, "error": error},
            status=status,
        )
