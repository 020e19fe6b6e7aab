"""The sign-up page, Mine påmeldinger, the e-mail's link page, calendar files and the
sessions on the offer page (catalogue.participation.views)."""

import datetime
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from catalogue.models import Offer
from catalogue.participation import services
from catalogue.participation.models import SignUp
from tests.catalogue.factories import OfferFactory, SessionFactory, SignUpFactory, UnitFactory

pytestmark = pytest.mark.django_db
Status = SignUp.Status


def form_data(session, **extra) -> dict:
    return {
        "session": session.pk,
        "for_whom": "other",
        "name": "Per Hansen",
        "phone": "912 34 567",
        "email": "datter@eksempel.no",
        **extra,
    }


def test_a_logged_in_relative_signs_up_their_father_with_transport_and_a_diet(
    client, login, citizen, django_capture_on_commit_callbacks
):
    session = SessionFactory(places=1)
    SignUpFactory(session=session)  # full
    login(citizen)
    url = reverse("catalogue:signup", kwargs={"slug": session.offer.slug})
    page = client.get(url)
    assert page.status_code == 200
    assert "Fullt – sett deg på venteliste" in page.text
    assert 'value="kari@example.no"' in page.text  # prefilled
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            form_data(
                session,
                needs_transport="on",
                pickup_address="Storgata 1",
                mobility_aid="walker",
                needs_meal="on",
                diet="Glutenfritt",
            ),
            follow=True,
        )
    signup = SignUp.objects.get(name="Per Hansen")
    assert signup.status == Status.WAITING
    assert signup.for_someone_else and signup.user == citizen
    assert (signup.pickup_address, signup.mobility_aid, signup.diet) == (
        "Storgata 1",
        "walker",
        "Glutenfritt",
    )
    assert signup.phone == "+4791234567"
    assert response.redirect_chain[-1][0] == reverse(
        "catalogue:my_signup", kwargs={"pk": signup.pk}
    )
    assert "står på ventelisten, plass 1" in response.text
    assert "På venteliste, plass 1" in response.text
    assert mail.outbox[0].to == ["datter@eksempel.no"]


def test_bad_input_is_shown_next_to_the_field_and_kept(client):
    session = SessionFactory()
    url = reverse("catalogue:signup", kwargs={"slug": session.offer.slug})
    response = client.post(
        url, form_data(session, phone="12", email="", needs_transport="on", name="Per Hansen")
    )
    assert response.status_code == 200
    assert "Skriv et gyldig telefonnummer" in response.text
    assert "Skriv adressen vi skal hente på" in response.text
    assert "Skriv en e-postadresse, så vi kan sende lenken" in response.text
    assert 'value="Per Hansen"' in response.text
    assert not SignUp.objects.exists()


def test_without_an_account_the_link_in_the_e_mail_confirms_the_sign_up(
    client, django_capture_on_commit_callbacks
):
    session = SessionFactory(places=3)
    url = reverse("catalogue:signup", kwargs={"slug": session.offer.slug})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form_data(session, for_whom="self"))
    assert response.url == reverse("catalogue:signup_sent", kwargs={"slug": session.offer.slug})
    signup = SignUp.objects.get()
    assert signup.status == Status.PENDING_EMAIL
    link = re.search(r"http\S+", mail.outbox[0].body).group(0)
    path = link.removeprefix("http://127.0.0.1:8000")
    # Following the link changes nothing (mail scanners follow links); the button does.
    page = client.get(path)
    assert "Bekreft påmeldingen" in page.text
    signup.refresh_from_db()
    assert signup.status == Status.PENDING_EMAIL
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(path, {"action": "confirm"}, follow=True)
    signup.refresh_from_db()
    assert signup.status == Status.CONFIRMED
    assert "Per Hansen er påmeldt." in confirmed.text
    # The old link was replaced by the one in the new e-mail.
    assert client.get(path).status_code == 404
    new_path = (
        re.search(r"http\S+", mail.outbox[1].body).group(0).removeprefix("http://127.0.0.1:8000")
    )
    assert client.get(new_path).status_code == 200


def test_my_sign_ups_list_positions_and_cancel_with_one_click(client, login, citizen, stranger):
    session = SessionFactory(places=1)
    mine = SignUpFactory(session=session, user=citizen, name="Kari Nordmann")
    waiting = SignUpFactory(session=session, status=Status.WAITING, user=stranger)
    login(citizen)
    page = client.get(reverse("catalogue:my_signups"))
    assert "Kari Nordmann" in page.text and "Du kan melde av her til" in page.text
    detail = reverse("catalogue:my_signup", kwargs={"pk": mine.pk})
    client.post(detail, {"action": "cancel"})
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.status == Status.CANCELLED
    assert waiting.status == Status.CONFIRMED
    assert "Du har ingen kommende påmeldinger." in client.get(reverse("catalogue:my_signups")).text


def test_my_sign_ups_reads_the_same_number_of_queries_for_one_or_many(
    client, login, citizen, django_assert_num_queries
):
    """Each row names the offer's unit: read with the sign-ups, not once per row."""
    login(citizen)

    def sign_up_for_another_units_offer():
        offer = OfferFactory(participation=Offer.Participation.SIGNUP, unit=UnitFactory())
        SignUpFactory(session=SessionFactory(offer=offer), user=citizen)

    sign_up_for_another_units_offer()
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("catalogue:my_signups")).status_code == 200
    for _ in range(4):
        sign_up_for_another_units_offer()
    with django_assert_num_queries(len(one)):
        page = client.get(reverse("catalogue:my_signups"))
    assert page.text.count("Deltaker") == 5


def test_someone_else_s_sign_up_is_not_found(client, login, citizen, stranger):
    theirs = SignUpFactory(user=stranger)
    login(citizen)
    for name in ("catalogue:my_signup", "catalogue:my_signup_ics"):
        assert client.get(reverse(name, kwargs={"pk": theirs.pk})).status_code == 404
    client.post(reverse("catalogue:my_signup", kwargs={"pk": theirs.pk}), {"action": "cancel"})
    theirs.refresh_from_db()
    assert theirs.status == Status.CONFIRMED


def test_after_the_deadline_the_page_says_whom_to_call(client, login, citizen):
    session = SessionFactory(starts_at=timezone.now() + datetime.timedelta(hours=3))
    mine = SignUpFactory(session=session, user=citizen)
    login(citizen)
    page = client.get(reverse("catalogue:my_signup", kwargs={"pk": mine.pk}))
    assert "Fristen for å melde av på nett er ute. Ring" in page.text
    assert "987 65 432" in page.text
    assert 'value="cancel"' not in page.text
    client.post(reverse("catalogue:my_signup", kwargs={"pk": mine.pk}), {"action": "cancel"})
    mine.refresh_from_db()
    assert mine.status == Status.CONFIRMED


def test_an_offered_place_is_accepted_from_the_page(client, login, citizen):
    session = SessionFactory(places=1, confirm_within_hours=12)
    taken = SignUpFactory(session=session)
    mine = SignUpFactory(session=session, status=Status.WAITING, user=citizen)
    services.cancel(taken)
    login(citizen)
    url = reverse("catalogue:my_signup", kwargs={"pk": mine.pk})
    assert "svar innen" in client.get(url).text
    client.post(url, {"action": "accept"})
    mine.refresh_from_db()
    assert mine.status == Status.CONFIRMED


def test_the_calendar_file_holds_the_session(client, login, citizen):
    mine = SignUpFactory(user=citizen)
    login(citizen)
    response = client.get(reverse("catalogue:my_signup_ics", kwargs={"pk": mine.pk}))
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in response.content
    assert f"catalogue-session-{mine.session.pk}@".encode() in response.content


def test_the_offer_page_shows_free_places_and_stays_current_when_cached(
    client, citizen, django_capture_on_commit_callbacks
):
    session = SessionFactory(places=2)
    offer_url = session.offer.get_absolute_url()
    assert "2 ledige plasser" in client.get(offer_url).text
    person = services.SignUpData(name="Per Hansen", phone="+4791234567")
    with django_capture_on_commit_callbacks(execute=True):
        services.sign_up(session, person, user=citizen)
    # The page cache holds the page, but the sign-up replaced the offer's places stamp.
    assert "1 ledig plass" in client.get(offer_url).text
    with django_capture_on_commit_callbacks(execute=True):
        services.sign_up(session, person, user=citizen)
    assert "Fullt – sett deg på venteliste" in client.get(offer_url).text


def test_an_open_offer_says_just_come(client):
    session = SessionFactory(offer=OfferFactory())
    page = client.get(session.offer.get_absolute_url())
    assert "Ingen påmelding – bare møt opp" in page.text
    assert reverse("catalogue:signup", kwargs={"slug": session.offer.slug}) not in page.text
    url = reverse("catalogue:signup", kwargs={"slug": session.offer.slug})
    assert client.get(url).status_code == 404


def test_an_unknown_link_is_not_found(client):
    SignUpFactory()
    for name in ("catalogue:token_signup", "catalogue:token_signup_ics"):
        assert client.get(reverse(name, kwargs={"token": "ukjent"})).status_code == 404


def test_sign_ups_without_an_account_are_limited_per_address(client, settings):
    settings.RATELIMIT_SIGNUPS_PER_HOUR = 2
    session = SessionFactory()
    url = reverse("catalogue:signup", kwargs={"slug": session.offer.slug})
    codes = [client.post(url, form_data(session)).status_code for _ in range(3)]
    assert codes == [302, 302, 429]
    assert SignUp.objects.count() == 2
