"""What a timeline event says, in the reader's language.

An event stores an action code (``referrals.case.assigned``) and the facts as JSON data
(``{"name": "Kari Nordmann"}``), never a sentence: the sentence is made when the event
is shown, from the code's text template in the active language (nb, nn or en through
the .po files). What the data holds:

- ``TEXT``: a name or a title, shown as stored (a person's name, a unit, an offer);
- ``TYPED``: free text a person typed (a reason, a comment), shown as typed;
- ``DATE``: a date as ISO ``YYYY-MM-DD``, shown in the reader's ``DATE_FORMAT``;
- ``NUMBER``: a whole number.

Events from before the codes (``action`` blank) show the text they were stored with
(``note``). ``services.record_event`` writes an event and checks its code and data
against this registry.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from referrals.cases.models import ApplicationEvent

TEXT = "text"
TYPED = "typed"
DATE = "date"
NUMBER = "number"


@dataclass(frozen=True)
class Action:
    text: Promise  # a lazy text template with %(name)s placeholders
    fields: Mapping[str, str] = field(default_factory=dict)  # placeholder -> TEXT, TYPED, ...
    citizen: bool = False  # the citizen's timeline shows the text (on an event they see)


ACTIONS: dict[str, Action] = {
    # The case
    "referrals.case.assigned": Action(_("Tildelt %(name)s"), {"name": TEXT}),
    "referrals.case.reassigned": Action(
        _("Flyttet fra %(old)s til %(new)s"), {"old": TEXT, "new": TEXT}
    ),
    "referrals.case.closed": Action(_("Begrunnelse: %(reason)s"), {"reason": TYPED}),
    "referrals.case.note_added": Action(_("Internt notat lagt til")),
    "referrals.case.assessment_updated": Action(_("Kartlegging oppdatert")),
    "referrals.case.person_address_changed": Action(
        _("Postadressen til personen søknaden gjelder er registrert eller rettet")
    ),
    "referrals.case.representative_address_changed": Action(
        _("Postadressen til representanten er registrert eller rettet")
    ),
    "referrals.case.documents_added": Action(
        ngettext_lazy("Ett dokument", "%(count)s dokumenter", "count"),
        {"count": NUMBER},
        citizen=True,
    ),
    # Decisions, their letters and four eyes
    "referrals.decision.corrected": Action(
        _("Vedtaket av %(date)s er rettet med et nytt vedtak."), {"date": DATE}, citizen=True
    ),
    "referrals.decision.correction_reason": Action(
        _("Hva som er rettet: %(reason)s"), {"reason": TYPED}
    ),
    "referrals.decision.submitted_for_approval": Action(_("Vedtak sendt til godkjenning")),
    "referrals.decision.correction_submitted_for_approval": Action(
        _("Retting av vedtak sendt til godkjenning")
    ),
    "referrals.decision.resubmitted_for_approval": Action(
        _("Vedtak rettet og sendt til godkjenning på nytt")
    ),
    "referrals.decision.approved": Action(_("Vedtaket er godkjent av %(name)s"), {"name": TEXT}),
    "referrals.decision.returned": Action(
        _("Vedtaket er sendt tilbake av %(name)s: %(comment)s"),
        {"name": TEXT, "comment": TYPED},
    ),
    "referrals.decision.letter_sent": Action(_("Vedtaksbrevet er laget")),
    # Consultation
    "referrals.consultation.sent": Action(_("Drøfting sendt til %(unit)s"), {"unit": TEXT}),
    "referrals.consultation.answered": Action(_("Svar på drøfting fra %(unit)s"), {"unit": TEXT}),
    # Appeals
    "referrals.appeal.received_on_paper": Action(_("Klage mottatt på papir"), citizen=True),
    "referrals.appeal.forwarded": Action(_("Klagen er sendt til Statsforvalteren"), citizen=True),
    "referrals.appeal.upheld": Action(_("Vedtaket er stadfestet"), citizen=True),
    "referrals.appeal.reversed": Action(_("Vedtaket er endret"), citizen=True),
    "referrals.appeal.quashed": Action(_("Vedtaket er opphevet og sendt tilbake"), citizen=True),
    # Places and waiting lists
    "referrals.waiting_list.priority_changed": Action(
        _("Prioritet på ventelisten endret fra %(old)s til %(new)s"),
        {"old": NUMBER, "new": NUMBER},
    ),
    "referrals.place.ended": Action(_("Plassen er avsluttet")),
    "referrals.place.ending": Action(
        _("Plassen avsluttes og er ledig fra og med %(date)s"), {"date": DATE}
    ),
    "referrals.place.proposed": Action(
        _("Ledig plass på %(offer)s: foreslått fra ventelisten"), {"offer": TEXT}
    ),
    "referrals.place.proposed_from": Action(
        _("Ledig plass på %(offer)s fra %(date)s: foreslått fra ventelisten"),
        {"offer": TEXT, "date": DATE},
    ),
    # Finding a støttekontakt or a volunteer (referrals.matching)
    "referrals.match.help_requested": Action(
        _("Forespørsel om støttekontakt opprettet"), citizen=True
    ),
    "referrals.match.proposed": Action(_("Hjelper foreslått: %(name)s"), {"name": TEXT}),
    "referrals.match.accepted_by_person": Action(_("Personen har godtatt forslaget om hjelper")),
    "referrals.match.accepted_by_helper": Action(_("Hjelperen har godtatt forslaget")),
    "referrals.match.started": Action(_("Støttekontakten er på plass"), citizen=True),
    "referrals.match.declined": Action(
        _("Forslaget om hjelper er avslått: %(reason)s"), {"reason": TEXT}
    ),
    "referrals.match.ended": Action(
        _("Samarbeidet med hjelperen er avsluttet: %(reason)s"), {"reason": TEXT}
    ),
    # Retention
    "referrals.attachments.archived": Action(
        _("Vedleggene (%(count)d) er overført til arkivet og fjernet fra portalen."),
        {"count": NUMBER},
    ),
}


def check(action: str, data: Mapping[str, Any]) -> None:
    """Raise ``ValueError`` unless ``action`` is a known code and ``data`` holds exactly
    its fields, each of the right type (a date as a ``date`` or ISO text)."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown timeline action {action!r}")
    fields = ACTIONS[action].fields
    if set(data) != set(fields):
        raise ValueError(f"{action}: data {sorted(data)} is not {sorted(fields)}")
    for name, kind in fields.items():
        _value(kind, data[name])


def stored(action: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """``data`` as it is stored (JSON): dates as ISO text."""
    check(action, data)
    return {
        name: value.isoformat() if isinstance(value, date) else value
        for name, value in data.items()
    }


def _value(kind: str, value: Any) -> Any:
    if kind == DATE:
        day = value if isinstance(value, date) else date.fromisoformat(value)
        return date_format(day, "DATE_FORMAT")
    if kind == NUMBER:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{value!r} is not a whole number")
        return value
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not text")
    return value


def render(action: str, data: Mapping[str, Any]) -> str:
    """The text of ``action`` with ``data``, in the active language. Raises on an
    unknown code or data that does not fit it."""
    check(action, data)
    entry = ACTIONS[action]
    values = {name: _value(kind, data[name]) for name, kind in entry.fields.items()}
    return str(entry.text % values)


def describe(event: ApplicationEvent) -> str:
    """What the event says, in the reader's language ("" when its kind and status say
    it all). An event from before the codes shows its stored text."""
    if not event.action:
        return event.note
    try:
        return render(event.action, event.data)
    except (ValueError, TypeError, KeyError):
        # A code this version does not know (or data it cannot read): the stored text.
        return event.note


def describe_for_citizen(event: ApplicationEvent) -> str:
    """The part of ``describe`` the citizen sees on an event shown to them: the text of
    codes meant for them, never an internal or legacy text."""
    entry = ACTIONS.get(event.action)
    if entry is None or not entry.citizen or not event.visible_to_citizen:
        return ""
    return describe(event)
