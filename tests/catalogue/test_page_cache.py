"""The whole-page cache of /tilbud/ and the offer pages for anonymous visitors
(catalogue.page_cache): one page for everyone except each visitor's CSRF token, never a
page with someone's log-in, flash message or shortlist on it, and changes at once."""

import re

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from catalogue import page_cache, params, services, views_public
from catalogue.filters import OfferFilter
from catalogue.models import Offer
from catalogue.shortlist import SESSION_KEY
from portal.roles import Role
from tests.catalogue.factories import CategoryFactory, OfferFactory
from tests.factories import make_user

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LIST = "/tilbud/?dag=tirsdag"


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """A clock that only moves when a test moves it: the database version read for
    the list stays fresh (``DB_CHECK_SECONDS``) unless the test says otherwise."""
    now = [1000.0]
    monkeypatch.setattr(page_cache, "_clock", lambda: now[0])
    monkeypatch.setattr(page_cache, "_db_version", ("", "", float("-inf")))
    return now


def visitor(**headers) -> Client:
    return Client(enforce_csrf_checks=True, **headers)


def stored(path: str, *extra: str, language: str = "nb"):
    """The page cache's entry for an anonymous request of ``path``."""
    request = RequestFactory().get(path)
    declared = views_public.LIST_PARAMS if request.path == "/tilbud/" else views_public.NO_PARAMS
    with translation.override(language):
        key = page_cache.page_key(request, params.canonical(request.GET, declared), *extra)
        return cache.get(key)


def without_tokens(html: str) -> str:
    return TOKEN.sub('name="csrfmiddlewaretoken" value=""', html)


def test_two_visitors_get_the_same_page_with_their_own_csrf_token(
    django_assert_num_queries,
):
    offer = OfferFactory(title="Seniorkafé")
    first, second = visitor(), visitor()
    for path in (LIST, offer.get_absolute_url()):
        one = first.get(path)
        with django_assert_num_queries(0 if path == LIST else 1):  # the offer's row
            two = second.get(path)
        html_one, html_two = one.content.decode(), two.content.decode()
        assert "Seniorkafé" in html_two
        assert without_tokens(html_one) == without_tokens(html_two)
        tokens_one, tokens_two = set(TOKEN.findall(html_one)), set(TOKEN.findall(html_two))
        assert len(tokens_one) == len(tokens_two) == 1  # the same token in every form
        assert tokens_one != tokens_two
        assert one.cookies["csrftoken"].value != two.cookies["csrftoken"].value
        entry = stored(path, "") if path != LIST else stored(path)
        assert entry is not None
        assert tokens_one.pop().encode() not in entry[2]
        assert tokens_two.pop().encode() not in entry[2]


def test_each_visitors_token_works_for_the_language_switcher_and_no_one_elses():
    OfferFactory()
    first, second = visitor(), visitor()
    token_one = TOKEN.search(first.get(LIST).content.decode())[1]
    token_two = TOKEN.search(second.get(LIST).content.decode())[1]  # from the cache

    data = {"language": "nn", "next": LIST}
    assert (
        first.post("/i18n/setlang/", {**data, "csrfmiddlewaretoken": token_two}).status_code == 403
    )
    assert (
        second.post("/i18n/setlang/", {**data, "csrfmiddlewaretoken": token_one}).status_code == 403
    )
    for client, token in ((first, token_one), (second, token_two)):
        response = client.post("/i18n/setlang/", {**data, "csrfmiddlewaretoken": token})
        assert response.status_code == 302
        assert client.cookies["django_language"].value == "nn"


def test_a_hit_has_the_same_headers_as_the_page_it_came_from():
    OfferFactory()
    miss, hit = visitor().get(LIST), visitor().get(LIST)
    assert stored(LIST) is not None
    for name in (
        "Content-Type",
        "Content-Language",
        "Vary",
        "Content-Security-Policy",
        "X-Frame-Options",
        "Referrer-Policy",
        "X-Content-Type-Options",
    ):
        assert hit.get(name) == miss.get(name), name
    assert {"Accept-Language", "Cookie"} <= {v.strip() for v in hit["Vary"].split(",")}
    assert hit["Content-Language"] == "nb"


def test_a_head_request_is_answered_from_the_cache(django_assert_num_queries):
    OfferFactory()
    visitor().get(LIST)
    with django_assert_num_queries(0):
        response = visitor().head(LIST)
    assert response.status_code == 200


@pytest.mark.parametrize("page", ["list", "offer"])
def test_a_publish_an_edit_and_an_archive_show_at_once(page):
    leader = make_user(Role.UNIT_LEADER)
    OfferFactory(title="Turgruppe")
    offer = OfferFactory(title="Seniorkafé", draft=True, categories=[CategoryFactory()])
    path = LIST if page == "list" else offer.get_absolute_url()
    client = visitor()

    before = client.get(path)
    assert before.status_code == (200 if page == "list" else 404)
    assert "Seniorkafé" not in before.content.decode()

    services.publish_offer(offer=offer, user=leader)
    assert "Seniorkafé" in client.get(path).content.decode()
    assert "Seniorkafé" in visitor().get(path).content.decode()

    offer.refresh_from_db()
    offer.title = "Seniorkafé på torget"
    offer.save()
    assert "Seniorkafé på torget" in client.get(path).content.decode()

    services.archive_offer(offer=offer, user=leader)
    after = client.get(path)
    assert after.status_code == (200 if page == "list" else 404)
    assert "Seniorkafé" not in after.content.decode()


def test_a_renamed_category_shows_at_once_on_every_page():
    category = CategoryFactory(name="Trim")
    offer = OfferFactory(categories=[category])
    assert "Trim" in visitor().get(offer.get_absolute_url()).content.decode()
    assert "Trim" in visitor().get("/tilbud/").content.decode()
    category.name = "Trening"
    category.save()
    assert "Trening" in visitor().get(offer.get_absolute_url()).content.decode()
    assert "Trening" in visitor().get("/tilbud/").content.decode()


def test_a_change_made_in_another_process_shows_on_the_list_within_a_second(clock):
    """No signal reaches this process (an update in another gunicorn worker with the
    per-process cache): the list re-reads the database version within a second."""
    offer = OfferFactory(title="Seniorkafé")
    visitor().get(LIST)
    Offer.objects.filter(pk=offer.pk).update(title="Strikkekafé", updated_at=timezone.now())
    assert "Seniorkafé" in visitor().get(LIST).content.decode()  # within the second
    clock[0] += page_cache.DB_CHECK_SECONDS
    assert "Strikkekafé" in visitor().get(LIST).content.decode()


def test_a_new_generation_from_another_server_makes_every_page_a_miss():
    """With Redis every app server reads the generation another one bumped."""
    offer = OfferFactory(title="Seniorkafé")
    visitor().get(LIST)
    visitor().get(offer.get_absolute_url())
    Offer.objects.filter(pk=offer.pk).update(title="Strikkekafé")  # no signal, same updated_at
    cache.set(page_cache.GENERATION_KEY, "set-by-another-server", None)
    assert "Strikkekafé" in visitor().get(LIST).content.decode()
    assert "Strikkekafé" in visitor().get(offer.get_absolute_url()).content.decode()


def test_a_flushed_cache_starts_a_new_generation():
    OfferFactory()
    visitor().get(LIST)
    generation = cache.get(page_cache.GENERATION_KEY)
    cache.clear()
    visitor().get(LIST)
    assert cache.get(page_cache.GENERATION_KEY) not in (None, generation)


def test_a_logged_in_user_gets_their_own_header_and_never_stores_a_page():
    OfferFactory()
    user = make_user(Role.CITIZEN, full_name="Kari Nordmann")
    anonymous = visitor().get(LIST).content.decode()  # stored
    assert "Logg inn" in anonymous
    cache_entry = stored(LIST)

    client = Client()
    client.force_login(user)
    html = client.get(LIST).content.decode()
    assert "Logg ut" in html and "Kari" in html
    assert stored(LIST) == cache_entry  # not replaced by the user's page

    cache.clear()
    client.get(LIST)
    assert stored(LIST) is None
    html = visitor().get(LIST).content.decode()
    assert "Logg ut" not in html and "Kari" not in html


def test_a_flash_message_is_shown_to_its_visitor_only_and_never_stored():
    offer = OfferFactory(title="Seniorkafé")
    path = offer.get_absolute_url()
    citizen, other = Client(), visitor()
    other.get(path)  # the page is in the cache
    citizen.post(reverse("catalogue:shortlist_add", args=[offer.slug]), {"next": path})

    html = citizen.get(path).content.decode()
    assert "er lagt i huskelisten" in html
    assert "er lagt i huskelisten" not in other.get(path).content.decode()
    assert "er lagt i huskelisten" not in citizen.get(path).content.decode()  # shown once
    assert b"er lagt i huskelisten" not in stored(path, "shortlisted")[2]


def test_the_shortlist_button_shows_each_visitors_own_list():
    offer = OfferFactory(title="Seniorkafé")
    path = offer.get_absolute_url()
    citizen = Client()
    session = citizen.session
    session[SESSION_KEY] = [offer.pk]
    session.save()
    citizen.cookies["sessionid"] = session.session_key

    assert "Legg i huskelisten" in visitor().get(path).content.decode()
    assert "Fjern fra huskelisten" in citizen.get(path).content.decode()
    assert "Legg i huskelisten" in visitor().get(path).content.decode()
    assert "Fjern fra huskelisten" in citizen.get(path).content.decode()
    assert b"Fjern fra huskelisten" in stored(path, "shortlisted")[2]
    assert b"Legg i huskelisten" in stored(path, "")[2]


@pytest.mark.parametrize("how", ["cookie", "accept-language"])
def test_nynorsk_and_bokmal_are_never_mixed(how):
    offer = OfferFactory(title="Turgruppe for seniorer", title_nn="Turgruppe for seniorar")
    if how == "cookie":
        nynorsk = visitor()
        nynorsk.cookies["django_language"] = "nn"
    else:
        nynorsk = visitor(HTTP_ACCEPT_LANGUAGE="nn")
    for path in ("/tilbud/", offer.get_absolute_url()):
        for _round in range(2):  # miss, then hit
            nn = nynorsk.get(path)
            nb = visitor().get(path)
            assert "seniorar" in nn.content.decode() and "seniorer" not in nn.content.decode()
            assert '<html lang="nn"' in nn.content.decode() and nn["Content-Language"] == "nn"
            assert "seniorer" in nb.content.decode() and "seniorar" not in nb.content.decode()
            assert '<html lang="nb"' in nb.content.decode() and nb["Content-Language"] == "nb"


def test_the_same_query_in_another_order_shares_a_page_but_repeated_values_keep_theirs():
    OfferFactory()
    visitor().get("/tilbud/?dag=tirsdag&gratis=1")
    assert stored("/tilbud/?gratis=1&dag=tirsdag") is not None
    assert "«beta»" in visitor().get("/tilbud/?q=alfa&q=beta").content.decode()
    assert "«alfa»" in visitor().get("/tilbud/?q=beta&q=alfa").content.decode()


def test_unpublished_and_unknown_offers_are_not_stored():
    draft = OfferFactory(draft=True)
    assert visitor().get(draft.get_absolute_url()).status_code == 404
    assert visitor().get("/tilbud/finnes-ikke/").status_code == 404
    assert stored(draft.get_absolute_url(), "") is None


# --- The key: exactly the parameters the view reads ------------------------------------

NEXT = re.compile(r'name="next" value="([^"]*)"')


@pytest.mark.parametrize("page", ["list", "offer"])
def test_parameters_a_page_does_not_read_share_its_page(page, django_assert_num_queries):
    """Issue 11: a random ``?z=`` made a new entry (and a new render) every time."""
    offer = OfferFactory(title="Seniorkafé")
    path = LIST if page == "list" else offer.get_absolute_url()
    join = "&" if "?" in path else "?"
    first = visitor().get(f"{path}{join}z=first&utm_source=nyhetsbrev").content.decode()
    assert set(NEXT.findall(first)) == {path}  # the first visitor's spelling is not stored
    for junk in ("", "z=1", "z=2&fbclid=abc", "utm_source=x&utm_medium=y"):
        with django_assert_num_queries(0 if page == "list" else 1):  # the offer's row
            html = visitor().get(f"{path}{join}{junk}").content.decode()
        assert without_tokens(html) == without_tokens(first), junk


def test_other_spellings_of_the_same_list_share_its_page(monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(views_public, "PAGE_SIZE", 1)
    OfferFactory(title="Alfa-kafé")
    OfferFactory(title="Beta-kafé")
    page_two = visitor().get("/tilbud/?q=kafé&side=2&dag=tirsdag").content.decode()
    assert "Beta-kafé" in page_two
    for spelling in (
        "/tilbud/?dag=tirsdag&side=02&q=+kaf%C3%A9+",
        "/tilbud/?side=1&side=2&q=tur&q=kafé&dag=tirsdag&z=1",
    ):
        with django_assert_num_queries(0):
            html = visitor().get(spelling).content.decode()
        assert without_tokens(html) == without_tokens(page_two), spelling
    first = visitor().get("/tilbud/?dag=tirsdag").content.decode()
    for spelling in ("/tilbud/?dag=tirsdag&side=1", "/tilbud/?side=abc&dag=tirsdag&gratis="):
        with django_assert_num_queries(0):
            html = visitor().get(spelling).content.decode()
        assert without_tokens(html) == without_tokens(first), spelling


def test_the_list_declares_every_filter_it_reads():
    assert set(OfferFilter.base_filters) | {"side"} == set(views_public.LIST_PARAMS)


INPUTS = ["language", "user", *sorted(OfferFilter.base_filters), "side"]


@pytest.mark.parametrize("varied", INPUTS)
def test_each_input_of_the_list_changes_its_page(varied, monkeypatch):
    """The language, the user and every parameter the list reads are in the key: varying
    one after the other has been cached gives another page."""
    monkeypatch.setattr(views_public, "PAGE_SIZE", 1)
    OfferFactory(title="Alfa-kafé", title_nn="Alfa-kafeen")
    OfferFactory(title="Beta-kor")
    base = visitor().get("/tilbud/").content.decode()
    client = visitor()
    path = "/tilbud/"
    if varied == "language":
        client.cookies["django_language"] = "nn"
    elif varied == "user":
        client.force_login(make_user(Role.CITIZEN, full_name="Kari Nordmann"))
    else:
        path += f"?{varied}=" + ("2" if varied == "side" else "zzz")
    for _round in range(2):  # miss, then (for visitors) hit
        html = client.get(path).content.decode()
        assert without_tokens(html) != without_tokens(base)
        assert without_tokens(visitor().get("/tilbud/").content.decode()) == without_tokens(base)
