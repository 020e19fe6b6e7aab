"""How a case reads to people: words and colours for statuses, answers as labels.

Used by the templates (through ``referrals_tags``) and by code that builds pages and
documents (the casework queue, the personal-data export)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from catalogue.models import Question, Weekday
from referrals.cases import events
from referrals.cases.models import Appeal, Application, ApplicationEvent, Decision

Status = Application.Status

STATUS_EXPLANATIONS: dict[str, StrOrPromise] = {
    Status.DRAFT: _("Søknaden er ikke sendt ennå."),
    Status.SUBMITTED: _(
        "Søknaden er sendt. Kommunen registrerer den og tar kontakt hvis noe mangler."
    ),
    Status.RECEIVED: _("Kommunen har mottatt søknaden, og en saksbehandler vil se på den."),
    Status.UNDER_ASSESSMENT: _(
        "En saksbehandler vurderer søknaden. Kommunen kan ta kontakt for en samtale eller et hjemmebesøk."
    ),
    Status.AWAITING_INFORMATION: _(
        "Kommunen trenger flere opplysninger fra deg. Se meldingen under og svar innen fristen."
    ),
    Status.DECIDED: _(
        "Kommunen har fattet vedtak. Du kan lese vedtaksbrevet og klage hvis du er uenig."
    ),
    Status.APPEALED: _(
        "Kommunen har mottatt klagen og vurderer saken på nytt. Får du ikke medhold, sendes klagen til Statsforvalteren."
    ),
    Status.WITHDRAWN: _("Søknaden er trukket tilbake. Du kan sende en ny søknad når du vil."),
    Status.CLOSED: _("Saken er avsluttet."),
}

# The statuses as staff read them (the queue, the case page): the model's labels speak
# to the citizen ("… fra deg").
STAFF_STATUS_LABELS: dict[str, StrOrPromise] = {
    Status.DRAFT: _("Utkast, ikke sendt"),
    Status.SUBMITTED: _("Sendt"),
    Status.RECEIVED: _("Mottatt av kommunen"),
    Status.UNDER_ASSESSMENT: _("Under behandling"),
    Status.AWAITING_INFORMATION: _("Venter på opplysninger fra søker"),
    Status.DECIDED: _("Vedtak fattet"),
    Status.APPEALED: _("Klage mottatt"),
    Status.WITHDRAWN: _("Trukket tilbake"),
    Status.CLOSED: _("Avsluttet"),
}

STATUS_COLOURS: dict[str, str] = {
    Status.AWAITING_INFORMATION: "warning",
    Status.DECIDED: "success",
    Status.WITHDRAWN: "neutral",
    Status.CLOSED: "neutral",
    Status.APPEALED: "info",
}

QUESTION_LABELS: dict[str, StrOrPromise] = {
    Question.INTERESTS: _("Interesser"),
    Question.HOURS: _("Timer per uke"),
    Question.WORK: _("Arbeidserfaring og mål"),
    Question.DEMENTIA: _("Hukommelse"),
}


def status_explanation(status: str) -> str:
    return str(STATUS_EXPLANATIONS.get(status, ""))


def staff_status_label(status: str) -> str:
    """A status in the words of the staff pages."""
    return str(STAFF_STATUS_LABELS.get(status, status))


def staff_status_choices() -> list[tuple[str, StrOrPromise]]:
    """The statuses with their staff labels, in the model's order."""
    return [(value, STAFF_STATUS_LABELS[value]) for value in Status.values]


def status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, "accent")


def want_labels(values: Iterable[str] | None) -> list[str]:
    labels = dict(Application.Want.choices)
    return [str(labels[value]) for value in values or [] if value in labels]


def day_labels(values: Iterable[str | int] | None) -> list[str]:
    labels = dict(Weekday.choices)
    return [str(labels[int(value)]) for value in values or [] if int(value) in labels]


def extra_answer_rows(answers: dict[str, str] | None) -> list[tuple[str, str]]:
    return [(str(QUESTION_LABELS.get(key, key)), value) for key, value in (answers or {}).items()]


def yes_no(value: bool | None) -> str:
    if value is None:
        return str(_("Ikke besvart"))
    return str(_("Ja")) if value else str(_("Nei"))


def event_label(event: ApplicationEvent) -> str:
    if event.kind == ApplicationEvent.Kind.STATUS_CHANGED and event.status:
        return str(Status(event.status).label)
    return event.get_kind_display()


def describe_event(event: ApplicationEvent) -> str:
    """What the event says, in the reader's language (``events.describe``); for staff."""
    return events.describe(event)


def citizen_event_text(event: ApplicationEvent) -> str:
    """An event on the citizen's timeline: its label, and what it says where that is
    meant for the citizen (never an internal or legacy text)."""
    label = event_label(event)
    text = events.describe_for_citizen(event)
    return f"{label}: {text}" if text else label


def file_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, size // 1024)} kB"


@dataclass(frozen=True)
class CitizenStatus:
    """The status as the citizen's case page tells it: the label, what it means now,
    and its colour. It follows the appeal (with Statsforvalteren, decided by it) and
    the withdrawal, which the bare status does not say."""

    label: str
    explanation: str
    colour: str


def citizen_status(
    application: Application, *, appeals: Sequence[Appeal], latest_decision: Decision | None
) -> CitizenStatus:
    status = application.status
    label = str(Status(status).label)
    explanation = status_explanation(status)
    colour = status_colour(status)
    latest_appeal = appeals[-1] if appeals else None
    if status == Status.APPEALED and latest_appeal is not None:
        if latest_appeal.status == Appeal.Status.FORWARDED:
            label = str(_("Klagen er sendt til Statsforvalteren"))
            explanation = str(
                _(
                    "Kommunen har vurdert klagen på nytt og opprettholder vedtaket. Klagen "
                    "er sendt til Statsforvalteren, som avgjør den. Du får beskjed når "
                    "Statsforvalteren har avgjort klagen."
                )
            )
    elif status == Status.UNDER_ASSESSMENT and latest_decision and latest_decision.appeal_outcome:
        label = str(_("Ny behandling etter klagen"))
        explanation = str(
            _(
                "Statsforvalteren har opphevet vedtaket. Kommunen behandler saken på nytt "
                "og sender deg et nytt vedtak."
            )
            if latest_decision.appeal_outcome == "quashed"
            else _(
                "Statsforvalteren har endret vedtaket. Kommunen følger opp avgjørelsen og "
                "sender deg et nytt vedtak."
            )
        )
    elif (
        status == Status.CLOSED
        and latest_appeal is not None
        and latest_appeal.status == Appeal.Status.RESOLVED
    ):
        explanation = str(
            _("Statsforvalteren har avgjort klagen og stadfestet vedtaket. Saken er avsluttet.")
        )
    elif status == Status.WITHDRAWN and application.withdrawn_at is not None:
        explanation = str(
            _(
                "Søknaden ble trukket tilbake %(date)s. Kommunen behandler den ikke videre, "
                "og det blir ikke fattet vedtak. Du kan sende en ny søknad når du vil."
            )
            % {"date": date_format(timezone.localtime(application.withdrawn_at), "DATE_FORMAT")}
        )
    return CitizenStatus(label=label, explanation=explanation, colour=colour)


def no_decision_text(status: str) -> str:
    """What the citizen's page says where a decision would be, when there is none."""
    if status == Status.WITHDRAWN:
        return str(_("Søknaden er trukket tilbake, og det blir ikke fattet vedtak."))
    if status == Status.CLOSED:
        return str(_("Saken er avsluttet uten vedtak."))
    return str(_("Det er ikke fattet vedtak ennå. Vedtaksbrevet kommer her når det er klart."))
