"""A unit leader on a tablet (768 px wide) opens the participants of today's session,
ticks attendance with taps and the keyboard, saves and sees the no-show, and prints
the day's transport list (read back with pypdf). Zero axe violations on every page."""

import datetime
import io

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from catalogue.models import Offer
from catalogue.participation.models import SignUp
from portal.roles import Role
from tests.browser.axe import assert_accessible
from tests.catalogue.factories import (
    LocationFactory,
    OfferFactory,
    SessionFactory,
    SignUpFactory,
    UnitFactory,
)
from tests.portal.users import user_with_password

pytestmark = [pytest.mark.browser]

TABLET_VIEWPORT = {"width": 768, "height": 1024}


@pytest.fixture
def browser_context_args():
    return {"viewport": TABLET_VIEWPORT, "has_touch": True}


@pytest.fixture
def world(transactional_db):
    unit = UnitFactory(name="Solsiden dagsenter")
    leader = user_with_password(
        Role.UNIT_LEADER, email="leder@eksempel.no", full_name="Lene Leder", is_staff=True
    )
    leader.units.add(unit)
    offer = OfferFactory(
        unit=unit,
        title="Middagsklubben",
        slug="middagsklubben",
        participation=Offer.Participation.SIGNUP,
        locations=[LocationFactory(unit=unit, name="Kafeen", address="Torget 1")],
    )
    starts = (timezone.now() - datetime.timedelta(minutes=30)).replace(second=0, microsecond=0)
    session = SessionFactory(
        offer=offer,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        location=offer.locations.get(),
        places=3,
    )
    people = {
        "per": SignUpFactory(
            session=session,
            name="Per Persen",
            needs_transport=True,
            pickup_address="Kirkeveien 3",
            mobility_aid=SignUp.MobilityAid.WHEELCHAIR,
            needs_meal=True,
            diet="Glutenfri",
        ),
        "anne": SignUpFactory(
            session=session,
            name="Anne Annesen",
            needs_transport=True,
            pickup_address="Allégata 1",
            mobility_aid=SignUp.MobilityAid.WALKER,
        ),
        "ola": SignUpFactory(session=session, name="Ola Olsen", needs_meal=True),
        "kari": SignUpFactory(session=session, name="Kari Kø", status=SignUp.Status.WAITING),
    }
    return {"leader": leader, "offer": offer, "session": session, "people": people}


def test_a_unit_leader_ticks_attendance_on_a_tablet_and_prints_the_transport_list(
    page, log_in, world
):
    people = world["people"]
    log_in(world["leader"])

    page.goto("/tilbud/forvalt/middagsklubben/deltakere/")
    expect(page.locator("h1")).to_contain_text("Deltakere og tidspunkter")
    assert_accessible(page)
    with page.expect_navigation():
        page.locator(
            "section", has=page.get_by_role("heading", name="Kommende tidspunkter")
        ).get_by_role("link").first.click()
    expect(page.locator("h1")).to_contain_text("Middagsklubben")
    participants = page.locator(
        "section", has=page.get_by_role("heading", name="Deltakere", exact=True)
    )
    expect(participants).to_contain_text("Transport fra Kirkeveien 3")
    expect(participants).to_contain_text("Glutenfri")
    waiting = page.locator("section", has=page.get_by_role("heading", name="Venteliste"))
    expect(waiting).to_contain_text("Kari Kø")
    assert_accessible(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Registrer oppmøte").click()
    expect(page.locator("h1")).to_contain_text("Oppmøte")
    assert_accessible(page)
    # Each person is one large touch target, and the page fits the tablet's width.
    for name in ("Per Persen", "Anne Annesen", "Ola Olsen"):
        box = page.locator("label", has_text=name).bounding_box()
        assert box is not None and box["height"] >= 44 and box["width"] >= 44, (name, box)
    assert page.evaluate("document.documentElement.scrollWidth") <= TABLET_VIEWPORT["width"]
    expect(page.get_by_label("Kari Kø")).to_have_count(0)  # on the waiting list

    # Per by a tap on his name; Anne with the keyboard (Space on the focused box).
    page.locator("label", has_text="Per Persen").tap()
    expect(page.get_by_label("Per Persen")).to_be_checked()
    anne = page.get_by_label("Anne Annesen")
    anne.focus()
    page.keyboard.press("Space")
    expect(anne).to_be_checked()
    expect(page.get_by_label("Ola Olsen")).not_to_be_checked()
    with page.expect_navigation():
        page.get_by_role("button", name="Lagre oppmøtet").tap()
    expect(page.locator(".site-messages")).to_contain_text("2 møtte, 1 møtte ikke")
    no_shows = page.locator("section", has=page.get_by_role("heading", name="Møtte ikke"))
    expect(no_shows).to_contain_text("Ola Olsen")
    expect(no_shows).not_to_contain_text("Per Persen")
    expect(page.get_by_label("Per Persen")).to_be_checked()
    assert_accessible(page)
    assert SignUp.objects.get(pk=people["per"].pk).attended is True
    assert SignUp.objects.get(pk=people["anne"].pk).attended is True
    assert SignUp.objects.get(pk=people["ola"].pk).attended is False
    assert SignUp.objects.get(pk=people["kari"].pk).attended is None

    with page.expect_navigation():
        page.get_by_role("link", name="Tilbake til deltakerne").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Transport- og måltidsliste for dagen").click()
    expect(page.locator("h1")).to_contain_text("Transport og måltid")
    transport = page.locator(
        "section", has=page.get_by_role("heading", name="Transport", exact=True)
    )
    expect(transport).to_contain_text("Kirkeveien 3")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned transportlisten (PDF)").click()
    assert download.value.suggested_filename.startswith("transport-middagsklubben-")
    with open(download.value.path(), "rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Transportliste: Middagsklubben" in text
    for expected in ("Per Persen", "Kirkeveien 3", "Rullestol", "Anne Annesen", "Rullator"):
        assert expected in text
    assert "Ola Olsen" not in text and "Kari Kø" not in text
    pickup = timezone.localtime(world["session"].starts_at - datetime.timedelta(minutes=30))
    assert pickup.strftime("%H.%M") in text

    page.goto("/tilbud/forvalt/deltakelse/")
    expect(page.locator("h1")).to_have_text("Deltakelse i tall")
    expect(page.locator("main")).to_contain_text("Middagsklubben")
    assert_accessible(page)


def test_a_unit_leader_adds_a_course_of_eight_weeks_after_a_mistake(page, log_in, world):
    log_in(world["leader"])
    page.goto("/tilbud/forvalt/middagsklubben/deltakere/")
    with page.expect_navigation():
        page.get_by_role("link", name="Nytt tidspunkt eller kurs").click()
    assert_accessible(page)
    next_week = timezone.localdate() + datetime.timedelta(days=7)
    page.get_by_label("Dato").fill(next_week.isoformat())
    page.get_by_label("Fra kl.").fill("11:00")
    page.get_by_label("Til kl.").fill("10:00")
    page.get_by_label("Antall uker").fill("8")
    with page.expect_navigation():
        page.get_by_role("button", name="Legg til").click()
    expect(page.locator("main")).to_contain_text("Slutten må komme etter starten")
    expect(page.get_by_label("Antall uker")).to_have_value("8")
    assert_accessible(page)
    page.get_by_label("Til kl.").fill("12:30")
    with page.expect_navigation():
        page.get_by_role("button", name="Legg til").click()
    expect(page.locator(".site-messages")).to_contain_text("8 tidspunkter er lagt til")
    coming = page.locator("section", has=page.get_by_role("heading", name="Kommende tidspunkter"))
    expect(coming.locator("tbody tr")).to_have_count(9)  # today's and the eight new
    assert world["offer"].sessions.filter(series__isnull=False).count() == 8
