"""Timeline events are coded (an action code and JSON data) and read in the reader's
language: the registry, the pages that show events, the data migration from the old
texts, and no writer storing prose."""

import ast
import importlib
from datetime import date
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation

from referrals.cases import events
from referrals.cases import services as case_services
from referrals.cases.models import ApplicationEvent
from referrals.casework.models import AppealForwarding
from referrals.records.personal_data import personal_data_for
from tests.referrals.casework.factories import correct, decide, take

MIGRATION = importlib.import_module("referrals.migrations.0015_events_from_notes")
REFERRALS = Path(settings.BASE_DIR) / "referrals"


def _page(client, url: str, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _long_date(day: date, language: str) -> str:
    with translation.override(language):
        return formats.date_format(day, "DATE_FORMAT")


@pytest.fixture
def corrected(world):
    """Nora, using the portal in bokmål, decides and corrects the decision."""
    with translation.override("nb"):
        case = take(world.case, world.staff.north)
        decision = decide(case, world.staff.north, offer=world.offer, weekdays=[1, 3])
        correct(decision, world.staff.north, correction_reason="Feil startdato i vedtaket.")
    return decision


def test_an_event_recorded_in_bokmal_reads_in_english_and_nynorsk_on_the_case_page(
    world, login, corrected
):
    issued = timezone.localdate(corrected.issued_at)
    url = reverse("referrals:case", kwargs={"reference": world.case.reference})
    client = login(world.staff.north_colleague)

    english = _page(client, url, "en")
    assert f"The decision of {_long_date(issued, 'en')} has been corrected" in english
    # What the caseworker typed stays as typed, inside the reader's sentence.
    assert "What has been corrected: Feil startdato i vedtaket." in english
    assert "er rettet med et nytt vedtak" not in english

    nynorsk = _page(client, url, "nn")
    assert f"Vedtaket av {_long_date(issued, 'nn')} er retta med eit nytt vedtak." in nynorsk
    assert "er rettet med et nytt vedtak" not in nynorsk

    bokmal = _page(client, url, "nb")
    assert f"Vedtaket av {_long_date(issued, 'nb')} er rettet med et nytt vedtak." in bokmal
    assert "Hva som er rettet: Feil startdato i vedtaket." in bokmal


def test_the_citizen_reads_the_event_in_their_language_and_never_an_internal_one(
    world, login, corrected
):
    issued = timezone.localdate(corrected.issued_at)
    url = reverse("referrals:application_detail", kwargs={"reference": world.case.reference})
    client = login(world.citizen)
    english = _page(client, url, "en")
    assert f"The decision of {_long_date(issued, 'en')} has been corrected" in english
    assert "One document" in english  # the documents sent with the application
    nynorsk = _page(client, url, "nn")
    assert "Eitt dokument" in nynorsk
    for page in (english, nynorsk):
        assert "Feil startdato" not in page  # the internal correction reason
        assert "Nora Nord" not in page  # the internal assignment


def test_the_personal_data_export_tells_the_events_in_the_readers_language(world, corrected):
    issued = timezone.localdate(corrected.issued_at)
    with translation.override("en"):
        data = personal_data_for(world.citizen)
    labels = [row["label"] for row in data["applications"][0]["timeline"]]
    assert any(f"The decision of {_long_date(issued, 'en')}" in label for label in labels)
    assert not any("Feil startdato" in label for label in labels)


def test_a_legacy_event_shows_its_note_to_staff_only(world):
    event = ApplicationEvent.objects.create(
        application=world.case, kind=ApplicationEvent.Kind.STATUS_CHANGED, note="Gammel tekst"
    )
    with translation.override("en"):
        assert events.describe(event) == "Gammel tekst"
        assert events.describe_for_citizen(event) == ""


def test_recording_refuses_an_unknown_code_or_data_that_does_not_fit(world):
    with pytest.raises(ValueError):
        case_services.record_internal_event(
            application=world.case, actor=None, action="referrals.case.nonsense"
        )
    with pytest.raises(ValueError):
        case_services.record_internal_event(
            application=world.case, actor=None, action="referrals.case.assigned"
        )
    with pytest.raises(ValueError):
        case_services.record_internal_event(
            application=world.case,
            actor=None,
            action="referrals.place.ending",
            data={"date": "15.03.2026"},
        )
    case_services.record_internal_event(
        application=world.case,
        actor=None,
        action="referrals.place.ending",
        data={"date": date(2026, 3, 15)},
    )
    assert world.case.events.get(action="referrals.place.ending").data == {"date": "2026-03-15"}


# --- every code in every language ----------------------------------------------------

SAMPLES = {events.TEXT: "Solveig Sample", events.TYPED: "Skrevet slik", events.NUMBER: 7}
SAMPLE_DAY = date(2026, 3, 15)


def _sample(action: str) -> dict:
    fields = events.ACTIONS[action].fields
    return {
        name: SAMPLE_DAY.isoformat() if kind == events.DATE else SAMPLES[kind]
        for name, kind in fields.items()
    }


def _msgids(action: str) -> tuple[str, str | None]:
    """The msgid (and plural msgid) of the code's lazy text (the arguments Django's lazy
    proxy keeps)."""
    text = events.ACTIONS[action].text
    if text._kw:  # ngettext_lazy
        return text._kw["singular"], text._kw["plural"]
    return text._args[0], None


@pytest.fixture(scope="module")
def catalogues() -> dict[str, dict[str, polib.POEntry]]:
    result = {}
    for language in ("nn", "en"):
        po = polib.pofile(str(Path(settings.BASE_DIR) / f"locale/{language}/LC_MESSAGES/django.po"))
        result[language] = {entry.msgid: entry for entry in po if not entry.obsolete}
    return result


@pytest.mark.parametrize("action", sorted(events.ACTIONS))
def test_every_code_renders_in_every_language_with_all_its_placeholders(action, catalogues):
    data = _sample(action)
    singular, plural = _msgids(action)
    for language in ("nb", "nn", "en"):
        if language != "nb":
            entry = catalogues[language].get(singular)
            assert entry is not None and "fuzzy" not in entry.flags, (language, singular)
            if plural:
                assert entry.msgid_plural == plural
                assert all(entry.msgstr_plural.values()), (language, singular)
            else:
                assert entry.msgstr, (language, singular)
        with translation.override(language):
            text = events.render(action, data)
        assert "%(" not in text and "%" not in text.replace("%%", ""), (language, text)
        for name, kind in events.ACTIONS[action].fields.items():
            if kind == events.DATE:
                assert _long_date(SAMPLE_DAY, language) in text, (language, text)
            elif kind == events.NUMBER:
                assert "7" in text, (language, text)
            else:
                assert data[name] in text, (language, text)


def test_every_appeal_outcome_has_a_code():
    for outcome in AppealForwarding.Outcome:
        assert f"referrals.appeal.{outcome.value}" in events.ACTIONS


# --- the data migration from the old texts -------------------------------------------

INT, DEC, APP, STA = "internal", "decided", "appealed", "status_changed"

# (kind, status, note as the code before 0014 wrote it, action, data)
OLD_NOTES = [
    (
        INT,
        "under_assessment",
        "Tildelt Nora Nord",
        "referrals.case.assigned",
        {"name": "Nora Nord"},
    ),
    (
        INT,
        "under_assessment",
        "Flyttet fra Kåre Kollega til Nora Nord",
        "referrals.case.reassigned",
        {"old": "Kåre Kollega", "new": "Nora Nord"},
    ),
    (STA, "closed", "Søkeren har flyttet fra kommunen.", "referrals.case.closed", None),
    (INT, "received", "Internt notat lagt til", "referrals.case.note_added", {}),
    (INT, "received", "Kartlegging oppdatert", "referrals.case.assessment_updated", {}),
    (
        DEC,
        "decided",
        "Vedtaket av 05.03.2026 er rettet med et nytt vedtak.",
        "referrals.decision.corrected",
        {"date": "2026-03-05"},
    ),
    (
        INT,
        "decided",
        "Hva som er rettet: Feil startdato: 1. mars, ikke 1. mai.",
        "referrals.decision.correction_reason",
        {"reason": "Feil startdato: 1. mars, ikke 1. mai."},
    ),
    (
        INT,
        "under_assessment",
        "Vedtak sendt til godkjenning",
        "referrals.decision.submitted_for_approval",
        {},
    ),
    (
        INT,
        "decided",
        "Retting av vedtak sendt til godkjenning",
        "referrals.decision.correction_submitted_for_approval",
        {},
    ),
    (
        INT,
        "under_assessment",
        "Vedtak rettet og sendt til godkjenning på nytt",
        "referrals.decision.resubmitted_for_approval",
        {},
    ),
    (
        INT,
        "decided",
        "Vedtaket er godkjent av Kåre Kollega",
        "referrals.decision.approved",
        {"name": "Kåre Kollega"},
    ),
    (
        INT,
        "under_assessment",
        "Vedtaket er sendt tilbake av Kåre Kollega: Begrunnelsen må nevne avlastning.\nOg mer.",
        "referrals.decision.returned",
        {"name": "Kåre Kollega", "comment": "Begrunnelsen må nevne avlastning.\nOg mer."},
    ),
    (
        INT,
        "decided",
        "Vedtaksbrevet er laget og sendt til innbyggeren",
        "referrals.decision.letter_sent",
        {},
    ),
    (
        INT,
        "under_assessment",
        "Drøfting sendt til Månen dagsenter",
        "referrals.consultation.sent",
        {"unit": "Månen dagsenter"},
    ),
    (
        INT,
        "under_assessment",
        "Svar på drøfting fra Månen dagsenter",
        "referrals.consultation.answered",
        {"unit": "Månen dagsenter"},
    ),
    (APP, "appealed", "Klage mottatt på papir", "referrals.appeal.received_on_paper", {}),
    (STA, "appealed", "Klagen er sendt til Statsforvalteren", "referrals.appeal.forwarded", {}),
    (STA, "closed", "Vedtaket er stadfestet", "referrals.appeal.upheld", {}),
    (STA, "under_assessment", "Vedtaket er endret", "referrals.appeal.reversed", {}),
    (
        STA,
        "under_assessment",
        "Vedtaket er opphevet og sendt tilbake",
        "referrals.appeal.quashed",
        {},
    ),
    (
        INT,
        "decided",
        "Prioritet på ventelisten endret fra 3 til 1",
        "referrals.waiting_list.priority_changed",
        {"old": 3, "new": 1},
    ),
    (INT, "decided", "Plassen er avsluttet", "referrals.place.ended", {}),
    (
        INT,
        "decided",
        "Plassen avsluttes og er ledig fra og med 01.04.2026",
        "referrals.place.ending",
        {"date": "2026-04-01"},
    ),
    (
        INT,
        "decided",
        "Ledig plass på Solsiden dagsenter: foreslått fra ventelisten",
        "referrals.place.proposed",
        {"offer": "Solsiden dagsenter"},
    ),
    (
        INT,
        "decided",
        "Ledig plass på Solsiden dagsenter fra 01.04.2026: foreslått fra ventelisten",
        "referrals.place.proposed_from",
        {"offer": "Solsiden dagsenter", "date": "2026-04-01"},
    ),
    (
        INT,
        "decided",
        "Vedleggene (3) er overført til arkivet og fjernet fra portalen.",
        "referrals.attachments.archived",
        {"count": 3},
    ),
    ("documents_added", "received", "2", "referrals.case.documents_added", {"count": 2}),
]


@pytest.mark.parametrize(("kind", "status", "note", "action", "data"), OLD_NOTES)
def test_the_migration_maps_each_old_text_to_its_code_and_data(kind, status, note, action, data):
    if data is None:
        data = {"reason": note}
    assert MIGRATION.action_from_note(kind, status, note) == (action, data)
    # The bokmål text comes back from the code and data (the migration's way back).
    assert MIGRATION.note_from_action(action, data) == note
    # And the code and data fit the registry of today.
    events.check(action, data)


# Codes added after the migration from notes: no note was ever written for them, so
# the migration need not know them.
ADDED_AFTER_THE_MIGRATION = {
    "referrals.case.person_address_changed",
    "referrals.case.representative_address_changed",
    # Finding a støttekontakt (referrals.matching)
    "referrals.match.help_requested",
    "referrals.match.proposed",
    "referrals.match.accepted_by_person",
    "referrals.match.accepted_by_helper",
    "referrals.match.started",
    "referrals.match.declined",
    "referrals.match.ended",
}


def test_every_code_of_the_registry_is_known_to_the_migration():
    assert {row[3] for row in OLD_NOTES} | ADDED_AFTER_THE_MIGRATION == set(events.ACTIONS)


def test_notes_written_by_a_caseworker_using_english_or_nynorsk_are_mapped_too():
    assert MIGRATION.action_from_note("internal", "received", "Assigned to Nora Nord") == (
        "referrals.case.assigned",
        {"name": "Nora Nord"},
    )
    with translation.override("nn"):
        nynorsk = translation.gettext("Drøfting sendt til %(unit)s") % {"unit": "Månen"}
    assert nynorsk != "Drøfting sendt til Månen"
    assert MIGRATION.action_from_note("internal", "received", nynorsk) == (
        "referrals.consultation.sent",
        {"unit": "Månen"},
    )


@pytest.mark.parametrize(
    ("kind", "status", "note"),
    [
        ("internal", "received", "Ringte datteren, hun ringer tilbake."),
        ("internal", "received", "Internt notat lagt til i går"),
        ("decided", "decided", "Tildelt Nora Nord"),  # the right words on the wrong kind
        ("internal", "decided", "Plassen avsluttes og er ledig fra og med 31.02.2026"),
        ("status_changed", "under_assessment", "Noe annet"),
        ("documents_added", "received", "to"),
        ("internal", "received", ""),
    ],
)
def test_unknown_notes_stay_legacy(kind, status, note):
    assert MIGRATION.action_from_note(kind, status, note) is None


def test_the_migration_codes_the_stored_events_and_keeps_unknown_ones(world):
    def old(kind, note):
        return ApplicationEvent.objects.create(
            application=world.case, kind=kind, status="under_assessment", note=note
        )

    assigned = old("internal", "Tildelt Nora Nord")
    english = old("internal", "Assigned to Nora Nord")
    unknown = old("internal", "Ringte datteren.")
    MIGRATION.events_from_notes(apps, None)
    for event in (assigned, english, unknown):
        event.refresh_from_db()
    assert (assigned.action, assigned.data, assigned.note) == (
        "referrals.case.assigned",
        {"name": "Nora Nord"},
        "",
    )
    # Coded, and the English text kept as well: the bokmål text does not give it back.
    assert (english.action, english.note) == ("referrals.case.assigned", "Assigned to Nora Nord")
    assert (unknown.action, unknown.data, unknown.note) == ("", {}, "Ringte datteren.")
    with translation.override("en"):
        assert events.describe(assigned) == "Assigned to Nora Nord"
        assert events.describe(unknown) == "Ringte datteren."

    MIGRATION.notes_from_events(apps, None)
    assigned.refresh_from_db()
    assert assigned.note == "Tildelt Nora Nord"


# --- no writer stores prose ------------------------------------------------------------

WRITERS = {"record_event", "record_internal_event", "change_status", "create"}


def _calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            yield name, node


def _sources():
    for path in sorted(REFERRALS.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def test_no_writer_passes_prose_to_the_timeline():
    offenders = []
    for path, tree in _sources():
        for name, call in _calls(tree):
            if name not in WRITERS:
                continue
            keywords = {keyword.arg for keyword in call.keywords}
            if "note" in keywords:
                offenders.append(f"{path.relative_to(REFERRALS)}:{call.lineno} {name}(note=…)")
            # A bare create only for events whose kind says it all; a code goes through
            # record_event, which checks it.
            if (
                name == "create"
                and ast.unparse(call.func) == "ApplicationEvent.objects.create"
                and path != REFERRALS / "cases" / "services.py"
                and keywords & {"data", "action"}
            ):
                offenders.append(f"{path.relative_to(REFERRALS)}:{call.lineno}")
    assert offenders == []


def test_every_action_code_a_writer_names_is_in_the_registry():
    """A code mistyped at a writer fails here, before a case page meets it."""
    named = set()
    for path, tree in _sources():
        if path == REFERRALS / "cases" / "events.py":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                parts = node.value.split(".")
                # A code: referrals.<thing>.<what>; not a module path (referrals.<room>.…)
                # nor the start of an f-string (the appeal outcomes, tested above).
                if (
                    len(parts) >= 3
                    and parts[0] == "referrals"
                    and all(parts)
                    and " " not in node.value
                    and not (REFERRALS / parts[1]).is_dir()
                ):
                    named.add(node.value)
    assert len(named) > 20, named
    assert named - set(events.ACTIONS) == set()
