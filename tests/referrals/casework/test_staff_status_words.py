"""The staff pages name statuses in staff words ("… fra søker"); the citizen's pages
keep the words that speak to the citizen ("… fra deg")."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from referrals.cases.models import Application
from referrals.casework import services as casework
from tests.referrals.casework.factories import take

STAFF_WORDS = "Venter på opplysninger fra søker"
CITIZEN_WORDS = "Venter på opplysninger fra deg"


def _awaiting_information(world):
    case = take(world.case, world.staff.north)
    casework.request_information(
        application=case,
        actor=world.staff.north,
        body="Send oss legeerklæringen.",
        reply_by=timezone.localdate() + timedelta(days=14),
    )
    case.refresh_from_db()
    assert case.status == Application.Status.AWAITING_INFORMATION
    return case


def test_the_queue_uses_staff_words_for_the_status(world, login):
    _awaiting_information(world)
    page = login(world.staff.north).get("/saksbehandling/").content.decode()
    assert STAFF_WORDS in page
    assert CITIZEN_WORDS not in page


def test_the_queue_filter_offers_the_staff_words(world, login):
    page = login(world.staff.north).get("/saksbehandling/").content.decode()
    assert f'<option value="awaiting_information">{STAFF_WORDS}</option>' in page


def test_the_case_page_uses_staff_words_for_the_status_and_the_timeline(world, login):
    case = _awaiting_information(world)
    page = login(world.staff.north).get(f"/saksbehandling/{case.reference}/").content.decode()
    assert STAFF_WORDS in page
    assert CITIZEN_WORDS not in page


def test_the_citizen_keeps_the_citizen_words(world, login):
    case = _awaiting_information(world)
    page = login(world.citizen).get(f"/mine-soknader/{case.reference}/").content.decode()
    assert CITIZEN_WORDS in page
    assert STAFF_WORDS not in page


def test_staff_words_in_nynorsk_and_english(world, login):
    case = _awaiting_information(world)
    client = login(world.staff.north)
    for language, words in (
        ("nn", "Ventar på opplysningar frå søkjar"),
        ("en", "Waiting for information from the applicant"),
    ):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        page = client.get(f"/saksbehandling/{case.reference}/").content.decode()
        assert words in page, language
