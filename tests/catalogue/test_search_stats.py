"""Search statistics (catalogue.search_stats, catalogue.search_hooks): searches on the
public list and clicks from it are counted per day and text, without personal data,
from rendered and cached pages alike, cheaply, and never at the page's expense; the
daily retention job deletes old rows."""

import datetime
import logging

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalogue import search_stats
from catalogue.search_stats import SearchStat, normalise_query
from portal.roles import Role
from referrals.records import retention
from tests.catalogue.factories import OfferFactory, SearchStatFactory
from tests.factories import make_user

pytestmark = pytest.mark.django_db

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
# tests/catalogue/test_query_counts.py: the list's queries, whatever it shows.
MAX_LIST_QUERIES = 8


@pytest.fixture
def visit(client, django_capture_on_commit_callbacks):
    """GET a page as a browser would, running what waits for the transaction's commit
    (the statistics are written then)."""

    def get(url: str, *, as_client: Client | None = None, **headers):
        with django_capture_on_commit_callbacks(execute=True):
            return (as_client or client).get(url, headers=headers)

    return get


def logged_in(*roles: Role, **kwargs) -> Client:
    user = make_user(*roles, **kwargs)
    user.save()  # make_user sets the password after saving; the session needs it saved
    client = Client()
    client.force_login(user, backend=MODEL_BACKEND)
    return client


def stats() -> dict[str, tuple[int, int, int]]:
    """Today's rows: text -> (searches, no results, clicks)."""
    return {
        row.query: (row.searches, row.no_results, row.clicks)
        for row in SearchStat.objects.filter(day=timezone.localdate())
    }


@pytest.fixture
def offer():
    return OfferFactory(title="Strikkekafé", slug="strikkekafe")


# --- what is stored -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("  Strikke   KAFÉ ", "strikke kafé"),
        ("bingo\tpå\nmandag", "bingo på mandag"),
        ("ola 01019012345", "ola"),  # an identity number
        ("010190 12345 dagsenter", "dagsenter"),  # the same, written in two groups
        ("ring meg på +47 123 45 678", "ring meg på"),  # a phone number
        ("tlf 98.76.54.32 kari", "tlf kari"),
        ("kari@example.no trim", "trim"),
        ("kontakt: per.hansen@eksempel.kommune.no", "kontakt:"),
        ("postnummer 0150 oslo", "postnummer 0150 oslo"),  # four digits stay
        ("buss 20 og 30", "buss 20 og 30"),
        ("a\x00b", "a b"),
        ("x" * 150, "x" * search_stats.MAX_QUERY_LENGTH),
        ("12345678901", ""),
        ("ola@nordmann.no", ""),
        ("   ", ""),
    ],
)
def test_the_text_is_stored_normalised_without_numbers_and_addresses(text, stored):
    assert normalise_query(text) == stored


def test_a_row_holds_nothing_about_who_searched():
    names = {field.name for field in SearchStat._meta.get_fields()}
    assert names == {"id", "day", "query", "searches", "no_results", "clicks"}
    assert SearchStat._meta.get_field("day").get_internal_type() == "DateField"


def test_a_logged_in_citizens_search_is_counted_without_them(visit, offer):
    own = logged_in(Role.CITIZEN, email="ida@eksempel.no", full_name="Ida Innbygger")
    assert visit("/tilbud/?q=strikkekafé", as_client=own).status_code == 200
    row = SearchStat.objects.get()
    assert (row.query, row.searches, row.day) == ("strikkekafé", 1, timezone.localdate())
    stored = " ".join(str(value) for value in SearchStat.objects.values_list().get())
    for personal in ("ida@eksempel.no", "Innbygger", own.session.session_key):
        assert personal not in stored


def test_a_text_with_only_an_identity_number_is_not_stored(visit, offer):
    assert visit("/tilbud/?q=01019012345").status_code == 200
    assert visit("/tilbud/?q=ola%40nordmann.no").status_code == 200
    assert not SearchStat.objects.exists()


# --- searches ---------------------------------------------------------------------------


def test_searches_are_counted_from_rendered_and_cached_pages(visit, offer):
    with CaptureQueriesContext(connection) as rendered:
        assert visit("/tilbud/?q=Strikkekafé").status_code == 200
    with CaptureQueriesContext(connection) as cached:
        assert visit("/tilbud/?q=Strikkekafé&utm_source=x").status_code == 200
    with CaptureQueriesContext(connection):
        assert visit("/tilbud/?q=strikkekafé").status_code == 200  # another page, same text
    # The second page came from the page cache: nothing was counted or listed for it.
    assert any('FROM "catalogue_offer"' in query["sql"] for query in rendered.captured_queries)
    assert not any('FROM "catalogue_offer"' in query["sql"] for query in cached.captured_queries)
    assert stats() == {"strikkekafé": (3, 0, 0)}


def test_a_search_that_finds_nothing_is_counted_as_such_cached_or_not(visit, offer):
    for _ in range(3):
        assert visit("/tilbud/?q=paragliding").status_code == 200
    assert visit("/tilbud/?q=strikkekafé").status_code == 200
    assert stats() == {"paragliding": (3, 3, 0), "strikkekafé": (1, 0, 0)}


def test_a_search_that_a_filter_empties_is_not_a_search_without_results(visit, offer):
    assert visit("/tilbud/?q=strikkekafé&dag=sondag").status_code == 200
    assert visit("/tilbud/?q=strikkekafé&sortering=navn").status_code == 200
    assert stats() == {"strikkekafé": (2, 0, 0)}


def test_only_the_first_page_of_results_counts(visit):
    OfferFactory.create_batch(21)
    assert visit("/tilbud/?q=aktivitet").status_code == 200
    assert visit("/tilbud/?q=aktivitet&side=2").status_code == 200
    assert visit("/tilbud/?q=aktivitet&side=1").status_code == 200
    assert stats() == {"aktivitet": (2, 0, 0)}


def test_the_list_without_a_text_counts_nothing(visit, offer):
    assert visit("/tilbud/").status_code == 200
    assert visit("/tilbud/?q=++&dag=tirsdag").status_code == 200
    assert not SearchStat.objects.exists()


def test_staff_crawlers_and_the_staff_pages_links_are_not_counted(visit, offer):
    staff = logged_in(Role.UNIT_LEADER)
    assert visit("/tilbud/?q=strikkekafé", as_client=staff).status_code == 200
    assert visit("/tilbud/?q=strikkekafé", User_Agent="Mozilla/5.0 (Googlebot/2.1)").status_code
    assert visit("/tilbud/?q=strikkekafé&telles=nei").status_code == 200
    assert not SearchStat.objects.exists()
    assert visit("/tilbud/?q=strikkekafé", User_Agent="Mozilla/5.0 Firefox/140.0").status_code
    assert stats() == {"strikkekafé": (1, 0, 0)}


def test_a_counted_search_costs_one_statement(visit, offer):
    """Counting adds one statement, the upsert, to a rendered page, and is all a cached
    page costs. (The savepoints around it exist only inside the test's transaction; in
    production the upsert runs on its own, in autocommit.)"""

    def statements(url):
        with CaptureQueriesContext(connection) as context:
            assert visit(url).status_code == 200
        return [
            query["sql"].split()[0]
            for query in context.captured_queries
            if "SAVEPOINT" not in query["sql"].upper()
        ]

    # The search reads the catalogue's vocabulary once per catalogue version: a first
    # search under the current one does that.
    visit("/tilbud/?q=annet&telles=nei")
    uncounted = statements("/tilbud/?q=strikkekafé&sortering=relevans&telles=nei")
    cache.clear()
    visit("/tilbud/?q=annet&telles=nei")
    counted = statements("/tilbud/?q=strikkekafé&sortering=relevans")
    assert counted == [*uncounted, "INSERT"]
    assert statements("/tilbud/?q=strikkekafé&sortering=relevans") == ["INSERT"]  # cached
    assert len(counted) <= MAX_LIST_QUERIES


def test_a_database_error_while_counting_never_breaks_the_page(visit, offer, monkeypatch, caplog):
    monkeypatch.setattr(search_stats, "_UPSERT", "INSERT INTO no_such_table VALUES (%s, %s, %s)")
    with caplog.at_level(logging.WARNING, logger="catalogue.search_stats"):
        response = visit("/tilbud/?q=strikkekafé")
    assert response.status_code == 200
    assert "Strikkekafé" in response.content.decode()
    assert "Search statistics not recorded" in caplog.text
    assert "strikkekafé" not in caplog.text  # the text is never logged
    # The savepoint kept the transaction usable.
    assert SearchStat.objects.count() == 0


# --- clicks -------------------------------------------------------------------------------


def test_a_click_from_the_result_list_is_counted(visit, offer):
    visit("/tilbud/?q=Strikkekaf%C3%A9")
    list_url = "http://testserver/tilbud/?q=Strikkekaf%C3%A9&dag=tirsdag&side=2"
    assert visit("/tilbud/strikkekafe/", Referer=list_url).status_code == 200
    # The second time the offer page comes from the page cache: counted all the same.
    with CaptureQueriesContext(connection) as cached:
        assert visit("/tilbud/strikkekafe/", Referer=list_url).status_code == 200
    assert not any("catalogue_openingperiod" in query["sql"] for query in cached.captured_queries)
    assert stats() == {"strikkekafé": (1, 0, 2)}


@pytest.mark.parametrize(
    "referer",
    [
        "https://evil.example/tilbud/?q=strikkekafé",  # another site
        "http://testserver.evil.example/tilbud/?q=strikkekafé",
        "https://testserver/tilbud/?q=strikkekafé",  # another scheme, another origin
        "http://testserver/tilbud/finn/?q=strikkekafé",  # not the list
        "http://testserver/tilbud/forvalt/sok/?q=strikkekafé",
        "http://testserver/tilbud/?q=strikkekafé&telles=nei",  # the staff page's link
        "http://testserver/tilbud/",
        "/tilbud/?q=strikkekafé",
        "not a url ::: [",
    ],
)
def test_clicks_from_elsewhere_are_not_counted(visit, offer, referer):
    visit("/tilbud/?q=strikkekafé")
    assert visit("/tilbud/strikkekafe/", Referer=referer).status_code == 200
    assert stats() == {"strikkekafé": (1, 0, 0)}


def test_a_click_adds_no_row_for_a_text_not_searched_today(visit, offer):
    SearchStatFactory(day=timezone.localdate() - datetime.timedelta(days=1), query="strikk")
    visit("/tilbud/strikkekafe/", Referer="http://testserver/tilbud/?q=strikk")
    assert SearchStat.objects.get().clicks == 0
    assert stats() == {}


def test_a_missing_offer_counts_no_click(visit, offer):
    visit("/tilbud/?q=strikkekafé")
    response = visit("/tilbud/finnes-ikke/", Referer="http://testserver/tilbud/?q=strikkekafé")
    assert response.status_code == 404
    assert stats() == {"strikkekafé": (1, 0, 0)}


def test_the_portal_sends_same_origin_referers_with_the_query(client, settings):
    """The clicks depend on it (catalogue.search_stats): a stricter policy would strip
    the ?q= from the Referer of our own pages."""
    assert settings.SECURE_REFERRER_POLICY == "same-origin"
    assert client.get("/tilbud/")["Referrer-Policy"] == "same-origin"


# --- retention ------------------------------------------------------------------------------


def test_rows_older_than_400_days_are_deleted_by_the_daily_job():
    today = timezone.localdate()
    kept = SearchStatFactory(day=today - datetime.timedelta(days=400))
    SearchStatFactory(day=today - datetime.timedelta(days=401))
    SearchStatFactory(day=today - datetime.timedelta(days=800))
    assert retention.run_retention()["search_stats_deleted"] == 2
    assert list(SearchStat.objects.all()) == [kept]
    assert search_stats.delete_old_stats() == 0
