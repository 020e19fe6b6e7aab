"""The day's transport and meal lists (catalogue.participation.lists): who is picked up
where and when, who eats what; only confirmed participants; the page, the PDF (read
back with pypdf) and the CSV (Excel-friendly, no formulas)."""

import csv
import datetime
import io

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from catalogue.models import Offer
from catalogue.participation import lists
from catalogue.participation.models import SignUp
from portal.roles import Role
from tests.catalogue.factories import (
    LocationFactory,
    OfferFactory,
    SessionFactory,
    SignUpFactory,
    UnitFactory,
)
from tests.factories import make_user as _make_user
from tests.portal.html import parse

pytestmark = pytest.mark.django_db
Status = SignUp.Status
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def offer():
    unit = UnitFactory(name="Solsiden dagsenter")
    return OfferFactory(
        unit=unit,
        title="Middagsklubben",
        slug="middagsklubben",
        participation=Offer.Participation.SIGNUP,
        locations=[LocationFactory(unit=unit, name="Kafeen")],
    )


@pytest.fixture
def day():
    return timezone.localdate() + datetime.timedelta(days=3)


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.fixture
def session(offer, day):
    return SessionFactory(
        offer=offer,
        starts_at=at(day, 12),
        ends_at=at(day, 14),
        location=offer.locations.get(),
    )


@pytest.fixture
def people(session):
    return {
        "per": SignUpFactory(
            session=session,
            name="Per Persen",
            phone="+4791234567",
            needs_transport=True,
            pickup_address="Kirkeveien 3",
            mobility_aid=SignUp.MobilityAid.WHEELCHAIR,
            needs_meal=True,
            diet="Glutenfri",
            companion=True,
        ),
        "anne": SignUpFactory(
            session=session,
            name="Anne Annesen",
            needs_transport=True,
            pickup_address="Allégata 1",
            mobility_aid=SignUp.MobilityAid.WALKER,
            needs_meal=True,
            diet="glutenfri",
        ),
        "ola": SignUpFactory(session=session, name="Ola Olsen", needs_meal=True),
        "waiting": SignUpFactory(
            session=session,
            name="Venter Ventesen",
            status=Status.WAITING,
            needs_transport=True,
            pickup_address="Køveien 9",
            needs_meal=True,
        ),
        "cancelled": SignUpFactory(
            session=session,
            name="Borte Bortesen",
            status=Status.CANCELLED,
            needs_transport=True,
            pickup_address="Borteveien 2",
        ),
        "offered": SignUpFactory(
            session=session,
            name="Tilbudt Tilbudsen",
            status=Status.OFFERED,
            needs_transport=True,
            pickup_address="Tilbudsveien 4",
        ),
    }


def test_only_confirmed_participants_are_on_the_lists(offer, day, people):
    day_lists = lists.day_lists(offer, day)
    assert [row.name for row in day_lists.transport] == ["Anne Annesen", "Per Persen"]
    assert [row.name for row in day_lists.meals] == ["Anne Annesen", "Ola Olsen", "Per Persen"]


def test_pickup_is_the_start_minus_the_lead_sorted_by_time_then_address(offer, day, people):
    early = SessionFactory(offer=offer, starts_at=at(day, 9), ends_at=at(day, 10))
    SignUpFactory(session=early, name="Tidlig Tidligsen", needs_transport=True, pickup_address="Ø")
    rows = lists.day_lists(offer, day).transport
    assert [row.name for row in rows] == ["Tidlig Tidligsen", "Anne Annesen", "Per Persen"]
    assert timezone.localtime(rows[0].pickup_at).time() == datetime.time(8, 30)
    assert timezone.localtime(rows[1].pickup_at).time() == datetime.time(11, 30)
    assert rows[2].mobility_aid == "Rullestol" and rows[2].companion
    assert rows[2].phone == "912 34 567"
    with override_settings(PARTICIPATION_PICKUP_LEAD_MINUTES=45):
        rows = lists.day_lists(offer, day).transport
    assert timezone.localtime(rows[1].pickup_at).time() == datetime.time(11, 15)


def test_diets_are_counted_together_whatever_the_case(offer, day, people):
    assert lists.day_lists(offer, day).diets == [("glutenfri", 2)]


def test_other_days_and_other_offers_are_not_on_the_list(offer, day, people):
    next_day = SessionFactory(
        offer=offer,
        starts_at=at(day + datetime.timedelta(days=1), 12),
        ends_at=at(day + datetime.timedelta(days=1), 13),
    )
    SignUpFactory(session=next_day, name="Neste Nestesen", needs_transport=True)
    other = SessionFactory(starts_at=at(day, 12), ends_at=at(day, 13))
    SignUpFactory(session=other, name="Annen Annensen", needs_transport=True)
    names = [row.name for row in lists.day_lists(offer, day).transport]
    assert "Neste Nestesen" not in names and "Annen Annensen" not in names


def test_the_default_day_is_the_next_day_with_a_session(offer, day, session):
    assert lists.default_day(offer) == day
    assert lists.session_days(offer, around=timezone.localdate()) == [day]


# --- the pages ----------------------------------------------------------------------------


@pytest.fixture
def leader_client(client, offer):
    user = _make_user(Role.UNIT_LEADER, email="leder@eksempel.no", full_name="Lene Leder")
    user.save()
    user.units.add(offer.unit)
    client.force_login(user, backend=MODEL_BACKEND)
    return client


def url(name, offer, day, **kwargs):
    address = reverse(f"catalogue:{name}", kwargs={"slug": offer.slug, **kwargs})
    return f"{address}?dag={day.isoformat()}"


def test_the_lists_page_shows_both_lists_with_the_downloads(leader_client, offer, day, people):
    page = parse(leader_client.get(url("staff_day_lists", offer, day)).content)
    transport = page.one("section[aria-labelledby=transport-heading]")
    rows = transport.select("tbody tr")
    assert [r.select("th")[0].text for r in rows] == ["Anne Annesen", "Per Persen"]
    assert "11.30" in rows[0].text and "Allégata 1" in rows[0].text and "Rullator" in rows[0].text
    links = [a.get("href") for a in transport.select("a")]
    assert url("staff_day_list_pdf", offer, day, kind="transport") in links
    assert url("staff_day_list_csv", offer, day, kind="transport") in links
    meal = page.one("section[aria-labelledby=meal-heading]").text
    assert "3 måltider i alt" in meal and "glutenfri (2)" in meal
    assert "Venter Ventesen" not in page.one("main").text


def test_a_day_that_is_not_a_date_shows_the_next_day_and_says_so(leader_client, offer, day, people):
    address = reverse("catalogue:staff_day_lists", kwargs={"slug": offer.slug})
    response = leader_client.get(f"{address}?dag=i-morgen")
    assert response.status_code == 200
    page = parse(response.content)
    assert "Datoen ble ikke forstått" in page.one("main").text
    assert "Per Persen" in page.one("main").text


def pdf_text(content):
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


def test_the_transport_pdf_reads_back_with_the_pickups(leader_client, offer, day, people):
    response = leader_client.get(url("staff_day_list_pdf", offer, day, kind="transport"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
    text = pdf_text(response.content)
    assert "Transportliste" in text and "Middagsklubben" in text
    for expected in ("Per Persen", "Kirkeveien 3", "Rullestol", "Anne Annesen", "11.30"):
        assert expected in text
    assert "Venter Ventesen" not in text and "Borte Bortesen" not in text


def test_the_meal_pdf_reads_back_with_the_diets(leader_client, offer, day, people):
    response = leader_client.get(url("staff_day_list_pdf", offer, day, kind="maltid"))
    text = pdf_text(response.content)
    assert "Måltidsliste" in text
    assert "Glutenfri" in text and "Ola Olsen" in text
    assert "Kirkeveien 3" not in text


def test_the_transport_csv_opens_in_excel_and_holds_no_formula(leader_client, offer, day, people):
    people["per"].pickup_address = "=cmd|' /C calc'!A0"
    people["per"].save()
    response = leader_client.get(url("staff_day_list_csv", offer, day, kind="transport"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="transport-middagsklubben-{day.isoformat()}.csv"'
    )
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Hentes kl.", "Navn", "Telefon", "Hentes på adresse"]
    assert sorted(r[1] for r in rows[1:]) == ["Anne Annesen", "Per Persen"]
    [per] = [r for r in rows if r[1] == "Per Persen"]
    assert per[0] == "11:30"
    assert per[3] == "'=cmd|' /C calc'!A0"
    assert per[4] == "Rullestol" and per[5] == "Ja"


def test_the_meal_csv(leader_client, offer, day, people):
    response = leader_client.get(url("staff_day_list_csv", offer, day, kind="maltid"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Starter kl.", "Navn", "Kosthold og allergier", "Ledsager"]
    assert [r[1:3] for r in rows[1:]] == [
        ["Anne Annesen", "glutenfri"],
        ["Ola Olsen", ""],
        ["Per Persen", "Glutenfri"],
    ]
