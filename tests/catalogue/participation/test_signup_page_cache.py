"""The sign-up page's anonymous GET comes from the catalogue's page cache
(catalogue.participation.views.signup, catalogue.page_cache): the same page as rendered
for the request except each visitor's CSRF token, new when a place is taken or the offer
changes, one per language, and never a logged-in visitor's prefilled form."""

import re

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from catalogue import page_cache, params
from catalogue.participation import services, views
from catalogue.participation.models import SignUp
from tests.catalogue.factories import SessionFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# The offer's row and nothing else (the sessions and their places are on the stored page;
# no session table for a visitor without a session cookie).
MAX_CACHED_QUERIES = 1


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def form_data(session, **extra) -> dict:
    return {
        "session": session.pk,
        "for_whom": "other",
        "name": "Per Hansen",
        "phone": "912 34 567",
        "email": "datter@eksempel.no",
        **extra,
    }


def visitor(**headers) -> Client:
    return Client(enforce_csrf_checks=True, **headers)


def url_of(session) -> str:
    return reverse("catalogue:signup", kwargs={"slug": session.offer.slug})


def stored(path: str, language: str = "nb"):
    request = RequestFactory().get(path)
    with translation.override(language):
        key = page_cache.page_key(request, params.canonical(request.GET, views.NO_PARAMS))
        return cache.get(key)


def without_tokens(html: str) -> str:
    return TOKEN.sub('name="csrfmiddlewaretoken" value=""', html)


def uncached(client: Client, path: str, monkeypatch) -> str:
    """The page rendered for the request, as before the cache."""
    with monkeypatch.context() as patch:
        patch.setattr(page_cache, "cacheable", lambda request, params: False)
        return client.get(path).text


def test_the_cached_page_is_the_rendered_page_with_each_visitors_own_token(monkeypatch):
    session = SessionFactory(places=3, offers_transport=True, offers_meal=True)
    url = url_of(session)
    first, second = visitor(), visitor()
    one = first.get(url)  # a miss: rendered and stored
    assert stored(url) is not None
    two = second.get(url)  # a hit
    assert one.status_code == two.status_code == 200
    token_one, token_two = TOKEN.search(one.text)[1], TOKEN.search(two.text)[1]
    assert token_one != token_two
    assert without_tokens(one.text) == without_tokens(two.text)
    assert without_tokens(two.text) == without_tokens(uncached(visitor(), url, monkeypatch))
    # The accessible form is all there: labels, hints tied to their fields.
    assert 'aria-describedby="id_phone_hint"' in two.text
    assert "Enheten ringer dette nummeret hvis noe endrer seg." in two.text
    assert "Hentes på adresse" in two.text
    # Each visitor's token is valid for their own post (a hit sets their CSRF cookie).
    data = form_data(session, email="")
    response = second.post(url, {**data, "csrfmiddlewaretoken": token_two})
    assert response.status_code == 200  # the form's errors, not a CSRF refusal
    assert "Skriv en e-postadresse, så vi kan sende lenken" in response.text


def test_a_query_string_shares_the_page_and_the_language_switcher_keeps_the_path():
    session = SessionFactory()
    url = url_of(session)
    page = visitor().get(url + "?utm=mail").text
    assert stored(url) is not None
    assert f'name="next" value="{url}"' in page
    assert "utm=mail" not in visitor().get(url).text


def test_a_place_taken_shows_at_once(django_capture_on_commit_callbacks):
    session = SessionFactory(places=2)
    url = url_of(session)
    before = visitor().get(url).text
    assert "2 ledige plasser" in before or "2 ledige" in before
    with django_capture_on_commit_callbacks(execute=True):
        services.sign_up(session, _data(), user=None)
        signup = SignUp.objects.get()
        services.confirm_email(signup)
    after = visitor().get(url).text
    assert after != before
    assert "1 ledig" in after


def test_a_change_of_places_by_the_unit_and_an_edit_of_the_offer_show_at_once(
    django_capture_on_commit_callbacks,
):
    from catalogue.participation import unit_services

    session = SessionFactory(places=4)
    url = url_of(session)
    before = without_tokens(visitor().get(url).text)
    with django_capture_on_commit_callbacks(execute=True):
        unit_services.change_places(session=session, places=9)
    changed = without_tokens(visitor().get(url).text)
    assert changed != before and "9 ledige" in changed
    offer = session.offer
    offer.title = "Nytt navn på kurset"
    offer.save()
    assert "Nytt navn på kurset" in visitor().get(url).text


def test_each_language_has_its_own_page():
    session = SessionFactory()
    url = url_of(session)
    norwegian = visitor().get(url)
    english = visitor()
    english.cookies["django_language"] = "en"
    english_page = english.get(url)
    assert stored(url, "nb") is not None and stored(url, "en") is not None
    assert stored(url, "nb") != stored(url, "en")
    assert 'lang="en"' in english_page.text and 'lang="nb"' in norwegian.text
    assert "Meld på" in norwegian.text and "Meld på" not in english_page.text
    # and again from the cache: each language still its own
    assert "Meld på" not in english.get(url).text
    assert "Meld på" in visitor().get(url).text


def test_a_logged_in_visitors_prefilled_form_is_never_stored_nor_served(login, citizen, client):
    session = SessionFactory()
    url = url_of(session)
    login(citizen)
    mine = client.get(url).text
    assert 'value="kari@example.no"' in mine and "Kari Nordmann" in mine
    assert stored(url) is None  # nothing stored for the logged-in visitor
    anonymous = visitor().get(url).text  # stores the anonymous page
    assert stored(url) is not None
    for page in (anonymous, visitor().get(url).text):
        assert "kari@example.no" not in page and "Kari Nordmann" not in page
    again = client.get(url).text  # the logged-in visitor is not served the stored page
    assert 'value="kari@example.no"' in again


def test_a_post_with_errors_keeps_what_was_typed_and_is_never_stored():
    session = SessionFactory()
    url = url_of(session)
    client = visitor()
    token = TOKEN.search(client.get(url).text)[1]
    entry = stored(url)
    response = client.post(
        url, {**form_data(session, phone="12", name="Per Hansen"), "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 200
    assert "Skriv et gyldig telefonnummer" in response.text
    assert 'value="Per Hansen"' in response.text
    assert re.search(r'aria-describedby="[^"]*id_phone_error', response.text)
    assert stored(url) == entry
    assert "Per Hansen" not in visitor().get(url).text


def test_the_cached_get_reads_only_the_offer_row(django_assert_max_num_queries):
    session = SessionFactory()
    url = url_of(session)
    visitor().get(url)  # stores the page
    with django_assert_max_num_queries(MAX_CACHED_QUERIES):
        response = visitor().get(url)
    assert response.status_code == 200


def test_an_unpublished_offer_is_a_404_at_once():
    session = SessionFactory()
    url = url_of(session)
    visitor().get(url)
    offer = session.offer
    offer.status = type(offer).Status.ARCHIVED
    offer.save()
    assert visitor().get(url).status_code == 404


def _data():
    from catalogue.participation.services import SignUpData

    return SignUpData(
        name="Per Hansen",
        phone="+4791234567",
        email="per@eksempel.no",
        for_someone_else=False,
        needs_transport=False,
        pickup_address="",
        mobility_aid=SignUp.MobilityAid.NONE,
        needs_meal=False,
        diet="",
        companion=False,
        language_help="",
        language="nb",
    )


def test_a_logged_in_visitors_form_is_the_form_rendered_for_them(login, citizen, client):
    # The kept form (portal.form_html) with the visitor's details put in is the form a
    # direct rendering gives: the only session chosen, name, phone and e-mail filled in.
    from crispy_forms.utils import render_crispy_form

    from catalogue.participation import selectors
    from catalogue.participation.forms import SignUpForm

    citizen.full_name = 'Kari «O\'Hara» & "Sønn"'
    citizen.save()
    session = SessionFactory()
    login(citizen)
    page = client.get(url_of(session)).text
    direct = render_crispy_form(
        SignUpForm(
            sessions=selectors.sessions_with_places(session.offer_id),
            require_email=False,
            initial={"name": citizen.full_name, "phone": citizen.phone, "email": citizen.email},
        )
    )
    assert direct in page
    assert re.search(r'<input type="radio" name="session" value="\d+"[^>]*checked', page)
