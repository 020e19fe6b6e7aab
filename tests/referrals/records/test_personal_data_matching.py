"""Matches in the personal-data download: the helper's matches (the public description,
status, dates, their own check-ins and hours; never the person), and the person's
match status (the helper's first name only once both accepted), in the JSON and the PDF."""

import io
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from referrals.matching import services
from referrals.matching.models import CheckIn
from referrals.records.personal_data import personal_data_for, render_personal_data_pdf
from tests.referrals.matching.factories import make_helper, make_world

pytestmark = pytest.mark.django_db

DESCRIPTION = "En mann i 70-årene som liker fisking."


@pytest.fixture
def world():
    world = make_world()
    help_request = services.request_helper(
        application=world["application"],
        unit=world["unit"],
        description=DESCRIPTION,
        by=world["coordinator"],
    )
    world["helper"] = make_helper(world["role"], name="Nils Nær")
    world["match"] = services.propose(
        help_request=help_request, helper=world["helper"], by=world["coordinator"]
    )
    return world


def start(world):
    match = services.accept_by_helper(match=world["match"], user=world["helper"].user)
    return services.accept_by_person(match=match, user=world["citizen"])


def pdf_text(data) -> str:
    reader = PdfReader(io.BytesIO(render_personal_data_pdf(data, language="nb")))
    return " ".join(page.extract_text() for page in reader.pages)


def test_the_helper_gets_their_matches_check_ins_and_hours(world):
    match = start(world)
    CheckIn.objects.create(match=match, side=CheckIn.Side.HELPER, week=2, rating=4, text="Fint")
    CheckIn.objects.create(match=match, side=CheckIn.Side.PERSON, week=2, rating=2, text="Hemmelig")
    services.report_hours(
        match=match, month=date(2026, 3, 1), hours=Decimal("12.5"), note="", user=match.helper.user
    )

    data = personal_data_for(world["helper"].user)

    [exported] = data["helper"]["matches"]
    assert exported["description"] == DESCRIPTION
    assert exported["status"] == "Startet"
    assert exported["started_at"] is not None
    assert [(c["week"], c["rating"], c["text"]) for c in exported["check_ins"]] == [(2, 4, "Fint")]
    [hours] = exported["hours"]
    assert (hours["month"], hours["hours"], hours["note"]) == (
        date(2026, 3, 1),
        Decimal("12.5"),
        "",
    )
    assert "Per Person" not in str(exported)
    text = pdf_text(data)
    assert "fisking" in text and "mars 2026 12,5" in text and "Uke 2: 4 av 5" in text
    assert "Per Person" not in text and "Hemmelig" not in text


def test_the_person_sees_the_status_and_the_first_name_only_once_started(world):
    [application] = personal_data_for(world["citizen"])["applications"]
    assert application["match"]["status_label"] == "Foreslått"
    assert application["match"]["helper_name"] == ""
    assert "Nils Nær" not in pdf_text(personal_data_for(world["citizen"]))

    start(world)

    data = personal_data_for(world["citizen"])
    [application] = data["applications"]
    assert application["match"]["status_label"] == "Startet"
    assert application["match"]["helper_name"] == "Nils"  # the first name only
    assert "Støttekontakten din er Nils." in pdf_text(data)


def test_no_match_part_without_a_help_request():
    world = make_world()
    [application] = personal_data_for(world["citizen"])["applications"]
    assert application["match"] is None
