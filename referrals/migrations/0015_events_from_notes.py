"""Timeline events written before the action codes get their code and data back from
the text they were stored with (``note``), so that they read in the reader's language.

The texts are those the code wrote until 0014, in bokmål, and their nynorsk and English
translations (a caseworker using the portal in English wrote English notes). Parameters
come back by regex: names, units and offers as written, dates (written ``dd.mm.yyyy``)
as ISO dates, numbers as numbers. A note that fits no text stays as it is (a legacy
event shows its note). The note of a mapped event is cleared when the bokmål text made
from the code and data gives it back exactly; otherwise it is kept as well.

``action_from_note`` and ``note_from_action`` are plain functions the tests call.
"""

import re
from datetime import date

from django.db import migrations
from django.utils import translation

INTERNAL = "internal"
DECIDED = "decided"
APPEALED = "appealed"
STATUS_CHANGED = "status_changed"
DOCUMENTS_ADDED = "documents_added"

TEXT, TYPED, DATE, NUMBER = "text", "typed", "date", "number"

# (action, the kinds of event that wrote it, the bokmål text, its placeholders), in the
# order they are tried: a text with more fixed words before a looser one.
TEXTS = [
    ("referrals.case.assigned", {INTERNAL}, "Tildelt %(name)s", {"name": TEXT}),
    (
        "referrals.case.reassigned",
        {INTERNAL},
        "Flyttet fra %(old)s til %(new)s",
        {"old": TEXT, "new": TEXT},
    ),
    ("referrals.case.note_added", {INTERNAL}, "Internt notat lagt til", {}),
    ("referrals.case.assessment_updated", {INTERNAL}, "Kartlegging oppdatert", {}),
    (
        "referrals.decision.corrected",
        {DECIDED},
        "Vedtaket av %(date)s er rettet med et nytt vedtak.",
        {"date": DATE},
    ),
    (
        "referrals.decision.correction_reason",
        {INTERNAL},
        "Hva som er rettet: %(reason)s",
        {"reason": TYPED},
    ),
    (
        "referrals.decision.correction_submitted_for_approval",
        {INTERNAL},
        "Retting av vedtak sendt til godkjenning",
        {},
    ),
    (
        "referrals.decision.resubmitted_for_approval",
        {INTERNAL},
        "Vedtak rettet og sendt til godkjenning på nytt",
        {},
    ),
    (
        "referrals.decision.submitted_for_approval",
        {INTERNAL},
        "Vedtak sendt til godkjenning",
        {},
    ),
    (
        "referrals.decision.approved",
        {INTERNAL},
        "Vedtaket er godkjent av %(name)s",
        {"name": TEXT},
    ),
    (
        "referrals.decision.returned",
        {INTERNAL},
        "Vedtaket er sendt tilbake av %(name)s: %(comment)s",
        {"name": TEXT, "comment": TYPED},
    ),
    (
        "referrals.decision.letter_sent",
        {INTERNAL},
        "Vedtaksbrevet er laget og sendt til innbyggeren",
        {},
    ),
    ("referrals.consultation.sent", {INTERNAL}, "Drøfting sendt til %(unit)s", {"unit": TEXT}),
    (
        "referrals.consultation.answered",
        {INTERNAL},
        "Svar på drøfting fra %(unit)s",
        {"unit": TEXT},
    ),
    ("referrals.appeal.received_on_paper", {APPEALED}, "Klage mottatt på papir", {}),
    (
        "referrals.appeal.forwarded",
        {STATUS_CHANGED},
        "Klagen er sendt til Statsforvalteren",
        {},
    ),
    ("referrals.appeal.upheld", {STATUS_CHANGED}, "Vedtaket er stadfestet", {}),
    ("referrals.appeal.reversed", {STATUS_CHANGED}, "Vedtaket er endret", {}),
    (
        "referrals.appeal.quashed",
        {STATUS_CHANGED},
        "Vedtaket er opphevet og sendt tilbake",
        {},
    ),
    (
        "referrals.waiting_list.priority_changed",
        {INTERNAL},
        "Prioritet på ventelisten endret fra %(old)s til %(new)s",
        {"old": NUMBER, "new": NUMBER},
    ),
    ("referrals.place.ended", {INTERNAL}, "Plassen er avsluttet", {}),
    (
        "referrals.place.ending",
        {INTERNAL},
        "Plassen avsluttes og er ledig fra og med %(date)s",
        {"date": DATE},
    ),
    (
        "referrals.place.proposed_from",
        {INTERNAL},
        "Ledig plass på %(offer)s fra %(date)s: foreslått fra ventelisten",
        {"offer": TEXT, "date": DATE},
    ),
    (
        "referrals.place.proposed",
        {INTERNAL},
        "Ledig plass på %(offer)s: foreslått fra ventelisten",
        {"offer": TEXT},
    ),
    (
        "referrals.attachments.archived",
        {INTERNAL},
        "Vedleggene (%(count)d) er overført til arkivet og fjernet fra portalen.",
        {"count": NUMBER},
    ),
]
TEXT_OF = {action: (template, fields) for action, _kinds, template, fields in TEXTS}

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
VALUE_PATTERNS = {TEXT: r".+?", TYPED: r".*?", DATE: r"\d{1,2}\.\d{1,2}\.\d{4}", NUMBER: r"\d+"}


def _pattern(template, fields):
    parts = PLACEHOLDER.split(template)
    regex = ""
    for index, part in enumerate(parts):
        if index % 2:
            if part not in fields:
                return None
            regex += f"(?P<{part}>{VALUE_PATTERNS[fields[part]]})"
        else:
            regex += re.escape(part)
    try:
        return re.compile(regex, re.DOTALL)
    except re.error:  # a translation naming a placeholder twice
        return None


def _patterns():
    """(action, kinds, fields, regex) for the bokmål texts and their translations."""
    result = []
    for action, kinds, template, fields in TEXTS:
        templates = [template]
        for language in ("nn", "en"):
            with translation.override(language):
                translated = translation.gettext(template)
            if translated not in templates:
                templates.append(translated)
        for text in templates:
            pattern = _pattern(text, fields)
            if pattern is not None:
                result.append((action, kinds, fields, pattern))
    return result


_PATTERNS = []


def _value(kind, text):
    if kind == NUMBER:
        return int(text)
    if kind == DATE:
        day, month, year = (int(part) for part in text.split("."))
        return date(year, month, day).isoformat()
    return text


def action_from_note(kind, status, note):
    """``(action, data)`` for an event written before the codes, from its kind, status
    and note; ``None`` when the note fits no text the code wrote (it stays legacy)."""
    if not _PATTERNS:
        _PATTERNS.extend(_patterns())
    if kind == DOCUMENTS_ADDED:
        if re.fullmatch(r"\d+", note.strip()):
            return "referrals.case.documents_added", {"count": int(note.strip())}
        return None
    if not note:
        return None
    for action, kinds, fields, pattern in _PATTERNS:
        if kind not in kinds:
            continue
        match = pattern.fullmatch(note)
        if match is None:
            continue
        try:
            data = {name: _value(fields[name], match.group(name)) for name in fields}
        except ValueError:  # not a date after all
            continue
        return action, data
    if kind == STATUS_CHANGED and status == "closed":
        # The only other text on a closed event: the reason the caseworker typed.
        return "referrals.case.closed", {"reason": note}
    return None


def note_from_action(action, data):
    """The bokmål text the code wrote before 0014 for ``action`` and ``data`` (the
    reverse of ``action_from_note``)."""
    if action == "referrals.case.documents_added":
        return str(data["count"])
    if action == "referrals.case.closed":
        return data["reason"]
    template, fields = TEXT_OF[action]
    values = {}
    for name, kind in fields.items():
        value = data[name]
        if kind == DATE:
            value = date.fromisoformat(value).strftime("%d.%m.%Y")
        values[name] = value
    return template % values


def events_from_notes(apps, schema_editor):
    ApplicationEvent = apps.get_model("referrals", "ApplicationEvent")
    legacy = ApplicationEvent.objects.filter(action="").exclude(note="")
    changed = []
    for event in legacy.only("pk", "kind", "status", "note").iterator(chunk_size=2000):
        mapped = action_from_note(event.kind, event.status, event.note)
        if mapped is None:
            continue
        event.action, event.data = mapped
        if note_from_action(event.action, event.data) == event.note:
            event.note = ""
        changed.append(event)
        if len(changed) >= 500:
            ApplicationEvent.objects.bulk_update(changed, ["action", "data", "note"])
            changed = []
    if changed:
        ApplicationEvent.objects.bulk_update(changed, ["action", "data", "note"])


def notes_from_events(apps, schema_editor):
    """Back: every coded event gets its bokmål text as its note (0014 back then drops
    the codes)."""
    ApplicationEvent = apps.get_model("referrals", "ApplicationEvent")
    changed = []
    coded = ApplicationEvent.objects.exclude(action="").filter(note="")
    for event in coded.only("pk", "action", "data", "note").iterator(chunk_size=2000):
        try:
            event.note = note_from_action(event.action, event.data)
        except (KeyError, ValueError, TypeError):
            continue
        changed.append(event)
        if len(changed) >= 500:
            ApplicationEvent.objects.bulk_update(changed, ["note"])
            changed = []
    if changed:
        ApplicationEvent.objects.bulk_update(changed, ["note"])


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0014_event_action_data"),
    ]

    operations = [
        migrations.RunPython(events_from_notes, notes_from_events, elidable=True),
    ]
