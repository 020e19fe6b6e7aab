"""The sign-up page's content kept per process (catalogue.participation.signup_page):
the same page as rendered afresh, the places read on every request (a sign-up by anyone,
by any route, shows on the next GET), each language its own, each logged-in visitor
their own details and nobody else's, and a small fixed number of queries."""

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from catalogue.models import Offer
from catalogue.participation import services, signup_page
from catalogue.participation.models import Session, SignUp
from tests.catalogue.factories import SessionFactory, SignUpFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+(")')
# The session and the user, the offer, its sessions with their places, the user's roles.
MAX_LOGGED_IN_GET_QUERIES = 5


@pytest.fixture(autouse=True)
def nothing_kept():
    signup_page._KEPT.clear()
    yield
    signup_page._KEPT.clear()


def url_of(session: Session) -> str:
    return reverse("catalogue:signup", kwargs={"slug": session.offer.slug})


def without_tokens(html: str) -> str:
    return TOKEN.sub(r"\1\2", html)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_kept_page_is_the_page_rendered_afresh(citizen):
    session = SessionFactory(places=3)
    SessionFactory(offer=session.offer, places=1)
    url = url_of(session)
    client = logged_in(citizen)
    first = client.get(url).text  # rendered and kept
    assert len(signup_page._KEPT) == 1
    second = client.get(url).text  # from what was kept
    signup_page._KEPT.clear()
    fresh = client.get(url).text
    assert without_tokens(first) == without_tokens(second) == without_tokens(fresh)
    assert 'value="kari@example.no"' in second and 'value="Kari Nordmann"' in second
    # Each form's token is the visitor's own and valid for their post.
    assert TOKEN.search(second) and "signup-" not in second


def test_a_sign_up_by_someone_else_shows_on_the_next_get(citizen, stranger):
    session = SessionFactory(places=2)
    url = url_of(session)
    mine = logged_in(citizen)
    assert "2 ledige plasser" in mine.get(url).text
    # Straight into the table: no signal, no cache stamp; the page still shows it.
    SignUpFactory(session=session)
    assert "1 ledig plass" in mine.get(url).text
    services.sign_up(session, services.SignUpData(name="Sigurd", phone="+4791234567"), stranger)
    page = mine.get(url).text
    assert "Fullt – sett deg på venteliste" in page and "1 ledig plass" not in page
    # A cancellation frees the place again.
    SignUp.objects.filter(user=stranger).update(status=SignUp.Status.CANCELLED)
    assert "1 ledig plass" in mine.get(url).text


def test_a_change_to_the_sessions_shows_at_once(citizen):
    session = SessionFactory(places=4)
    url = url_of(session)
    client = logged_in(citizen)
    assert "4 ledige plasser" in client.get(url).text
    Session.objects.filter(pk=session.pk).update(places=7)  # no signal either
    assert "7 ledige plasser" in client.get(url).text
    Session.objects.filter(pk=session.pk).update(offers_transport=False)
    assert "Hentes på adresse" not in client.get(url).text


def test_a_language_switch_shows_the_other_language(citizen):
    session = SessionFactory()
    url = url_of(session)
    client = logged_in(citizen)
    norwegian = client.get(url).text
    assert "Meld på" in norwegian and 'lang="nb"' in norwegian
    client.cookies["django_language"] = "en"
    english = client.get(url).text
    assert 'lang="en"' in english and "Meld på" not in english
    assert "Meld på" not in client.get(url).text  # and again, from what was kept
    client.cookies["django_language"] = "nb"
    assert "Meld på" in client.get(url).text


def test_each_visitor_sees_their_own_details_and_nobody_elses(citizen, stranger):
    session = SessionFactory()
    url = url_of(session)
    no_phone = UserFactory(full_name="Ola <b>Uten</b> Telefon", phone="")
    stranger.phone = "+4798765432"
    stranger.save()
    kari = logged_in(citizen).get(url).text
    sigurd = logged_in(stranger).get(url).text
    ola = logged_in(no_phone).get(url).text
    anonymous = Client().get(url).text
    assert 'value="kari@example.no"' in kari and "stranger@example.no" not in kari
    assert 'value="stranger@example.no"' in sigurd and 'value="987 65 432"' in sigurd
    assert "Kari Nordmann" not in sigurd and "kari@example.no" not in sigurd
    assert 'value="Ola &lt;b&gt;Uten&lt;/b&gt; Telefon"' in ola and "<b>Uten" not in ola
    # No phone: the field shows no value at all, as a form rendered afresh.
    [phone] = re.findall(r'<input[^>]*name="phone"[^>]*>', ola)
    assert "value=" not in phone
    for name in ("Kari Nordmann", "Sigurd Fremmed", "kari@example.no", "Uten"):
        assert name not in anonymous
    assert "Har du en konto?" in anonymous and "Har du en konto?" not in kari


def test_a_logged_in_get_makes_a_few_queries_however_many_sessions(
    citizen, django_assert_max_num_queries
):
    session = SessionFactory()
    for _ in range(7):
        SessionFactory(offer=session.offer)
    client = logged_in(citizen)
    client.get(url_of(session))
    with django_assert_max_num_queries(MAX_LOGGED_IN_GET_QUERIES):
        assert client.get(url_of(session)).status_code == 200


def test_a_post_with_errors_is_rendered_for_its_request_and_never_kept(citizen):
    session = SessionFactory()
    url = url_of(session)
    client = logged_in(citizen)
    client.get(url)
    kept = dict(signup_page._KEPT)
    response = client.post(url, {"session": session.pk, "name": "Per Hansen", "phone": "12"})
    assert response.status_code == 200
    assert "Skriv et gyldig telefonnummer" in response.text
    assert 'value="Per Hansen"' in response.text
    assert response.text.startswith("<!doctype html>") or "<title>Feil:" in response.text
    assert dict(signup_page._KEPT) == kept


def test_the_offers_query_compiled_once_is_the_same_at_any_time():
    # selectors.signup_offer compiles Offer.objects.published() once per process.
    def compiled():
        query = Offer.objects.published().filter(slug="x").query
        return query.sql_with_params()

    with time_machine.travel(datetime.datetime(2026, 1, 1, 12, tzinfo=datetime.UTC)):
        before = compiled()
    with time_machine.travel(datetime.datetime(2031, 7, 1, 3, tzinfo=datetime.UTC)):
        assert compiled() == before


def test_only_a_published_offer_taking_sign_ups_has_the_page(citizen):
    session = SessionFactory()
    url = url_of(session)
    client = logged_in(citizen)
    assert client.get(url).status_code == 200
    offer = session.offer
    for changes in ({"participation": Offer.Participation.OPEN}, {"status": Offer.Status.DRAFT}):
        Offer.objects.filter(pk=offer.pk).update(**changes)
        assert client.get(url).status_code == 404
        Offer.objects.filter(pk=offer.pk).update(
            participation=Offer.Participation.SIGNUP, status=Offer.Status.PUBLISHED
        )
        assert client.get(url).status_code == 200
    assert client.get(url.replace(offer.slug, offer.slug + "-x")).status_code == 404


def test_the_places_are_put_into_the_kept_page_as_a_fresh_render_shows_them(citizen):
    session = SessionFactory(places=2)
    other = SessionFactory(offer=session.offer, places=1)
    url = url_of(session)
    client = logged_in(citizen)
    client.get(url)
    SignUpFactory(session=other)
    SignUpFactory(session=session, status=SignUp.Status.WAITING)
    kept = client.get(url).text
    assert len(signup_page._KEPT) == 1  # the same sessions: kept once, places put in
    signup_page._KEPT.clear()
    assert without_tokens(kept) == without_tokens(client.get(url).text)
    assert "2 ledige plasser" in kept and "Fullt – sett deg på venteliste" in kept
