"""The personal-data download for both sides of volunteering (docs/volunteers.md).

The person (or whoever filed the case): every match of the case with its status and
dates, the helper's first name only once both accepted, and the check-ins the user gave
themselves; nothing of the helper's check-ins or hours. The helper: their profile with
the language of their e-mails, roles, checklist items done, pledge, police certificate
checks (date and result), matches with their own check-ins and hours, and the hours
payroll keeps after the match is gone. In the JSON and in the PDF."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from pypdf import PdfReader

from referrals.matching import services
from referrals.matching.models import CheckIn, HoursReport, Match
from referrals.records.personal_data import personal_data_for, render_personal_data_pdf
from referrals.volunteers.models import HelperProfile
from tests.referrals.helpers import make_user
from tests.referrals.matching.factories import make_helper, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = make_world()
    world["help_request"] = services.request_helper(
        application=world["application"],
        unit=world["unit"],
        description="En mann i 70-årene som liker fisking.",
        by=world["coordinator"],
    )
    return world


def propose(world, helper) -> Match:
    return services.propose(
        help_request=world["help_request"], helper=helper, by=world["coordinator"]
    )


def start(world, match: Match) -> Match:
    match = services.accept_by_helper(match=match, user=match.helper.user)
    return services.accept_by_person(match=match, user=world["citizen"])


def pdf_text(data) -> str:
    reader = PdfReader(io.BytesIO(render_personal_data_pdf(data, language="nb")))
    return " ".join(page.extract_text() for page in reader.pages)


# The person's side.


def test_the_person_gets_every_match_with_the_first_name_only_once_both_accepted(world):
    first = make_helper(world["role"], name="Olga Først")
    declined = propose(world, first)
    services.decline(match=declined, user=first.user, by_helper=True)
    second = make_helper(world["role"], name="Nils Nær")
    match = propose(world, second)

    [application] = personal_data_for(world["citizen"])["applications"]
    assert [m["status"] for m in application["matches"]] == ["proposed", "declined"]
    assert [m["helper_first_name"] for m in application["matches"]] == ["", ""]
    assert application["matches"][1]["ended_reason"] == "Hjelperen takket nei"
    assert application["matches"][1]["ended_at"] is not None
    assert "Olga" not in str(application) and "Nils" not in str(application)

    start(world, match)

    data = personal_data_for(world["citizen"])
    [application] = data["applications"]
    started = application["matches"][0]
    assert started["status_label"] == "Startet"
    assert started["helper_first_name"] == "Nils"
    assert started["person_accepted_at"] is not None and started["started_at"] is not None
    assert application["match"]["helper_name"] == "Nils"
    assert "Nær" not in str(application) and "Olga" not in str(application)
    text = pdf_text(data)
    assert "Støttekontakten din er Nils." in text and "Hjelperen takket nei" in text
    assert "Nær" not in text and "Olga" not in text


def test_the_first_name_stays_after_the_match_ended(world):
    match = start(world, propose(world, make_helper(world["role"], name="Nils Nær")))
    services.end(match=match, reason=Match.EndedReason.POOR_FIT, text="", by=world["coordinator"])

    [application] = personal_data_for(world["citizen"])["applications"]
    [ended] = application["matches"]
    assert (ended["status"], ended["helper_first_name"]) == ("ended", "Nils")
    assert ended["ended_reason"] == "Samarbeidet fungerte ikke"


def test_the_person_gets_only_the_check_ins_they_gave_and_no_hours(world):
    match = start(world, propose(world, make_helper(world["role"], name="Nils Nær")))
    someone_else = make_user()
    CheckIn.objects.create(
        match=match,
        side=CheckIn.Side.PERSON,
        week=2,
        rating=5,
        text="Veldig bra",
        answered_by=world["citizen"],
    )
    CheckIn.objects.create(
        match=match,
        side=CheckIn.Side.PERSON,
        week=6,
        rating=3,
        text="Fra en annen",
        answered_by=someone_else,
    )
    CheckIn.objects.create(
        match=match,
        side=CheckIn.Side.HELPER,
        week=2,
        rating=1,
        text="Hjelperens svar",
        answered_by=match.helper.user,
    )
    services.report_hours(
        match=match,
        month=date(2026, 3, 1),
        hours=Decimal("12.5"),
        note="Tur",
        user=match.helper.user,
    )

    data = personal_data_for(world["citizen"])
    [application] = data["applications"]
    [exported] = application["matches"]
    assert [(c["week"], c["rating"], c["text"]) for c in exported["your_check_ins"]] == [
        (2, 5, "Veldig bra")
    ]
    assert "hours" not in exported
    assert "Fra en annen" not in str(data) and "Hjelperens svar" not in str(data)
    assert "12.5" not in str(data["applications"])
    text = pdf_text(data)
    assert "Uke 2: 5 av 5 – Veldig bra" in text
    assert "Hjelperens svar" not in text and "Fra en annen" not in text and "12,5" not in text


def test_no_matches_for_one_who_may_not_see_the_decisions_details(world):
    propose(world, make_helper(world["role"]))
    stranger = make_user()
    assert personal_data_for(stranger)["applications"] == []
    [application] = personal_data_for(world["citizen"])["applications"]
    assert len(application["matches"]) == 1


# The helper's side.


def test_the_helper_gets_profile_language_roles_checklist_pledge_and_certificate(world):
    helper = make_helper(
        world["role"],
        name="Hege Hjelper",
        language="nn",
        gender="woman",
        birth_year=1975,
        driving_licence=True,
    )

    data = personal_data_for(helper.user)
    exported = data["helper"]
    assert (exported["language"], exported["language_label"]) == ("nn", "Norsk nynorsk")
    assert (exported["gender"], exported["birth_year"], exported["driving_licence"]) == (
        "kvinne",
        1975,
        True,
    )
    [role] = exported["roles"]
    assert role["kind"] == "Støttekontakt (lønnet oppdrag)"
    # The pledge item is done by the helper's signature (in ``pledges``), not ticked.
    assert [done["item"] for done in role["checklist_done"]] == ["Samtale"]
    [check] = role["police_certificate_checks"]
    assert set(check) == {"certificate_dated", "result", "renew_by", "checked_at"}
    assert check["result"] == "Ingen merknader"
    assert len(exported["pledges"]) == 1

    text = pdf_text(data)
    for expected in (
        "Norsk nynorsk",
        "kvinne",
        "1975",
        "Samtale: utført",
        "Ingen merknader",
        "Må fornyes innen",
        "Taushetserklæring signert",
    ):
        assert expected in text, expected


def test_the_helper_gets_matches_check_ins_hours_and_the_hours_kept_for_payroll(world):
    helper = make_helper(world["role"], name="Nils Nær")
    HelperProfile.objects.filter(pk=helper.pk).update(email=helper.user.email)  # as the form
    helper.refresh_from_db()
    match = start(world, propose(world, helper))
    CheckIn.objects.create(
        match=match,
        side=CheckIn.Side.HELPER,
        week=2,
        rating=4,
        text="Fint",
        answered_by=helper.user,
    )
    CheckIn.objects.create(
        match=match,
        side=CheckIn.Side.PERSON,
        week=2,
        rating=2,
        text="Hemmelig",
        answered_by=world["citizen"],
    )
    services.report_hours(
        match=match, month=date(2026, 3, 1), hours=Decimal("12.5"), note="", user=helper.user
    )
    services.end(
        match=match, reason=Match.EndedReason.NO_LONGER_NEEDED, text="", by=world["coordinator"]
    )

    exported = personal_data_for(helper.user)["helper"]
    [mine] = exported["matches"]
    assert mine["ended_reason"] == "Behovet er ikke lenger til stede"
    assert [c["text"] for c in mine["check_ins"]] == ["Fint"]
    [hours] = mine["hours"]
    assert (hours["month"], hours["hours"], hours["reported_at"] is not None) == (
        date(2026, 3, 1),
        Decimal("12.5"),
        True,
    )
    assert exported["hours_kept_for_payroll"] == []

    # A year on the match is deleted (records.retention); payroll keeps the hours.
    Match.objects.filter(pk=match.pk).update(ended_at=timezone.now() - timedelta(days=400))
    Match.objects.filter(pk=match.pk).delete()
    assert HoursReport.objects.filter(match__isnull=True).count() == 1
    HoursReport.objects.create(
        helper_name="Noen Andre",
        helper_email="andre@example.no",
        month=date(2026, 4, 1),
        hours=Decimal("3"),
    )

    data = personal_data_for(helper.user)
    exported = data["helper"]
    assert exported["matches"] == []
    [kept] = exported["hours_kept_for_payroll"]
    assert (kept["month"], kept["hours"], kept["unit"]) == (
        date(2026, 3, 1),
        Decimal("12.5"),
        "Frivilligsentralen",
    )
    text = pdf_text(data)
    assert "mars 2026, Frivilligsentralen 12,5" in text
    assert "april 2026" not in text and "Hemmelig" not in text and "Per Person" not in text


def test_hours_kept_for_payroll_are_found_by_the_log_in_address_only(world):
    victim = make_helper(world["role"], name="Vera Offer")
    match = start(world, propose(world, victim))
    services.report_hours(
        match=match, month=date(2026, 3, 1), hours=Decimal("7"), note="Privat", user=victim.user
    )
    Match.objects.filter(pk=match.pk).delete()
    # Someone types the other helper's e-mail address into their own helper profile.
    snoop = make_helper(world["role"], name="Sara Snok")
    HelperProfile.objects.filter(pk=snoop.pk).update(email=victim.email)

    data = personal_data_for(snoop.user)
    assert data["helper"]["hours_kept_for_payroll"] == []
    assert "Privat" not in pdf_text(data)
