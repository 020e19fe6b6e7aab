"""Correcting an issued decision: a new decision with its own frozen letter that says it
corrects and replaces the old one; the old letter never changes; places follow."""

import hashlib
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import formats, timezone, translation
from pypdf import PdfReader

from referrals.capacity.models import Allocation
from referrals.cases import services as case_services
from referrals.cases.models import AccessLogEntry, Application, Decision
from referrals.casework import services as casework
from referrals.casework.models import DecisionProposal
from tests.referrals.casework.factories import correct, decide, make_case, take


def _bytes(decision) -> bytes:
    with decision.letter.open("rb") as file:
        return file.read()


def _text(decision) -> str:
    reader = PdfReader(io.BytesIO(_bytes(decision)))
    return " ".join("\n".join(page.extract_text() for page in reader.pages).split())


def _date(value) -> str:
    with translation.override("nb"):
        return formats.date_format(timezone.localdate(value), "j. F Y")


def _url(decision) -> str:
    return f"/saksbehandling/{decision.application.reference}/vedtak/{decision.pk}/rett/"


def _form(decision, **overrides):
    content = decision.content
    data = {
        "decisions_seen": decision.application.decisions.count(),
        "correction_reason": "Feil startdato i vedtaket.",
        "outcome": decision.outcome,
        "legal_basis": decision.legal_basis,
        "facts": content.facts,
        "reasons": content.reasons,
        "offer": content.offer_id or "",
        "weekdays": [str(day) for day in content.weekdays],
        "hours": content.hours,
        "start_date": (timezone.localdate() + timedelta(days=14)).isoformat(),
        "review_date": (timezone.localdate() + timedelta(days=200)).isoformat(),
        "transport": "on",
        "meals": "on",
        "egenandel": content.egenandel,
    }
    data.update(overrides)
    return data


@pytest.fixture
def decided(world):
    case = take(world.case, world.staff.north)
    return decide(case, world.staff.north, offer=world.offer, weekdays=[1, 3])


def test_the_form_is_prefilled_from_the_old_decision(world, login, decided):
    response = login(world.staff.north).get(_url(decided))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Søkeren bor alene og har lite nettverk." in html  # the old facts
    assert "Hva er rettet, og hvorfor?" in html
    assert AccessLogEntry.objects.filter(
        user=world.staff.north, object_type="decision", object_id=str(decided.pk), action="change"
    ).exists()
    case_page = login(world.staff.north).get(f"/saksbehandling/{decided.application.reference}/")
    assert _url(decided) in case_page.content.decode()


def test_a_correction_is_a_new_frozen_letter_and_the_old_one_never_changes(
    world, login, decided, django_capture_on_commit_callbacks
):
    old_bytes = _bytes(decided)
    old_sha = decided.letter_sha256
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = login(world.staff.north).post(
            _url(decided), _form(decided, facts="Søkeren bor alene i Nordby.")
        )
    assert response.status_code == 302

    new = Decision.objects.get(replaces=decided)
    old = Decision.objects.get(pk=decided.pk)
    # The old decision: marked as replaced, its letter and checksum exactly as before.
    assert old.replaced_at == new.issued_at
    assert old.letter_sha256 == old_sha
    assert _bytes(old) == old_bytes
    assert hashlib.sha256(_bytes(old)).hexdigest() == old_sha
    # The new one: its own frozen letter that refers to the old decision.
    assert new.letter_sha256 == hashlib.sha256(_bytes(new)).hexdigest() != old_sha
    text = _text(new)
    assert f"Dette vedtaket retter og erstatter vedtaket av {_date(old.issued_at)}." in text
    assert "Feil startdato i vedtaket." in text
    assert "Søkeren bor alene i Nordby." in text
    assert new.content.correction_reason == "Feil startdato i vedtaket."
    # The timeline, and the citizen notified (a reference and a link only).
    case = Application.objects.get(pk=decided.application_id)
    assert case.status == Application.Status.DECIDED
    assert case.events.filter(kind="decided", action="referrals.decision.corrected").exists()
    assert len(mail.outbox) == 1
    assert case.reference in mail.outbox[0].subject
    assert case.person_national_id not in mail.outbox[0].body

    page = login(world.citizen).get(f"/mine-soknader/{case.reference}/").content.decode()
    assert f"/mine-soknader/{case.reference}/vedtak/{old.pk}/" in page
    assert f"/mine-soknader/{case.reference}/vedtak/{new.pk}/" in page
    assert f"Erstattet av vedtak av {_date(new.issued_at)}" in page
    assert page.count("Erstattet av vedtak av") == 1
    # The caseworker's case page tells the two letters apart the same way.
    staff_page = login(world.staff.north).get(f"/saksbehandling/{case.reference}/")
    staff_html = staff_page.content.decode()
    assert f"Erstattet av vedtak av {_date(new.issued_at)}" in staff_html
    assert staff_html.count("Erstattet av vedtak av") == 1


def test_a_correction_needs_a_reason(world, login, decided):
    response = login(world.staff.north).post(_url(decided), _form(decided, correction_reason=""))
    assert response.status_code == 422
    assert "Skriv hva som er rettet og hvorfor." in response.content.decode()
    assert Decision.objects.count() == 1
    with pytest.raises(case_services.ApplicationError):
        correct(decided, world.staff.north, correction_reason="  ")


def test_a_stale_form_gets_a_conflict_and_keeps_the_typed_text(world, login, decided):
    form = _form(decided, reasons="Min lange begrunnelse som ikke må gå tapt.")
    correct(decided, world.staff.north_colleague)
    response = login(world.staff.north).post(_url(decided), form)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Min lange begrunnelse som ikke må gå tapt." in html
    assert Decision.objects.count() == 2
    # The replaced decision cannot be corrected again (only the latest can).
    with pytest.raises(casework.DecisionConflict):
        correct(Decision.objects.get(pk=decided.pk), world.staff.north, decisions_seen=2)


def test_only_caseworkers_for_the_case_may_correct(world, login, decided):
    for user in (
        world.staff.south,
        world.staff.everywhere_support,
        world.staff.leader,
        world.staff.admin,
        world.citizen,
    ):
        client = login(user)
        assert client.get(_url(decided)).status_code == 404, user
        assert client.post(_url(decided), _form(decided)).status_code == 404, user
    assert AccessLogEntry.objects.filter(user=world.staff.south, allowed=False).exists()
    assert Decision.objects.count() == 1
    # A decision of another case, through this case's address, is a 404 too.
    other = make_case(
        applicant=world.citizen,
        service_type=world.case.service_type,
        district=world.case.district,
        person_name="Per Persen",
    )
    take(other, world.staff.north)
    url = f"/saksbehandling/{other.reference}/vedtak/{decided.pk}/rett/"
    assert login(world.staff.north).get(url).status_code == 404


def test_a_correction_moves_ends_and_gives_places(world, decided):
    tuesday, thursday = Allocation.objects.filter(decision=decided).order_by("weekday")
    new = correct(decided, world.staff.north, weekdays=[3, 4])
    tuesday.refresh_from_db()
    thursday.refresh_from_db()
    assert tuesday.ended_at is not None  # Tuesday is no longer granted: the place is freed
    assert thursday.ended_at is None and thursday.decision == new  # Thursday is kept
    assert thursday.start_date == new.content.start_date
    friday = Allocation.objects.get(decision=new, weekday=4)  # a new place on Friday
    assert friday.ended_at is None
    assert sorted(
        Allocation.objects.filter(
            application=decided.application, ended_at__isnull=True
        ).values_list("weekday", flat=True)
    ) == [3, 4]


def test_correcting_to_a_refusal_ends_every_place(world, decided):
    correct(decided, world.staff.north, outcome="refused", offer=None, weekdays=[])
    assert not Allocation.objects.filter(
        application=decided.application, ended_at__isnull=True
    ).exists()


def test_a_correction_needs_a_second_approval_where_the_service_type_requires_it(
    world, login, day_activity, decided
):
    day_activity.requires_second_approval = True
    day_activity.save(update_fields=["requires_second_approval"])
    response = login(world.staff.north).post(_url(decided), _form(decided))
    assert response.status_code == 302
    assert Decision.objects.count() == 1  # nothing issued yet
    proposal = DecisionProposal.objects.get(status="awaiting")
    assert proposal.corrects == decided
    assert proposal.correction_reason == "Feil startdato i vedtaket."
    with pytest.raises(case_services.ApplicationError):
        correct(decided, world.staff.north)  # not without approval
    response = login(world.staff.north_colleague).post(
        f"/saksbehandling/{decided.application.reference}/vedtak/godkjenning/{proposal.pk}/godkjenn/"
    )
    assert response.status_code == 302
    new = Decision.objects.get(replaces=decided)
    assert new.approved_by == world.staff.north_colleague
    assert new.decided_by == world.staff.north
    assert "retter og erstatter vedtaket av" in _text(new)


def test_a_case_not_decided_cannot_be_corrected(world, login, decided):
    from referrals.applications import services

    services.file_appeal(application=decided.application, user=world.citizen, reasons="Uenig.")
    response = login(world.staff.north).get(_url(decided))
    assert response.status_code == 200
    assert "Bare vedtak i en avgjort sak kan rettes." in response.content.decode()
    with pytest.raises(case_services.ApplicationError):
        correct(decided, world.staff.north)


def test_a_nynorsk_letter_states_the_correction_too(world, decided):
    """The sentence is in the letter's language (nynorsk here: the PDF's /Lang); the
    old decision's date, ten days back, appears only through it."""
    earlier = decided.issued_at - timedelta(days=10)
    Decision.objects.filter(pk=decided.pk).update(issued_at=earlier)
    Application.objects.filter(pk=decided.application_id).update(person_language="nn")
    new = correct(Decision.objects.get(pk=decided.pk), world.staff.north)
    assert new.content.language == "nn"
    reader = PdfReader(io.BytesIO(_bytes(new)))
    assert str(reader.trailer["/Root"]["/Lang"]) == "nn"
    with translation.override("nn"):
        old_date = formats.date_format(timezone.localdate(earlier), "j. F Y")
    assert old_date in _text(new)
