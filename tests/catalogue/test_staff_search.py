"""The search quality page /tilbud/forvalt/sok/ (catalogue.views_search_stats): who may
see it, which rows its two tables show, and its links."""

import datetime
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from catalogue import search_stats, views_search_stats
from portal.roles import Role
from tests.catalogue.factories import SearchStatFactory
from tests.factories import make_user

pytestmark = pytest.mark.django_db

URL = "/tilbud/forvalt/sok/"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def logged_in(*roles: Role) -> Client:
    user = make_user(*roles)
    user.save()  # make_user sets the password after saving; the session needs it saved
    client = Client()
    client.force_login(user, backend=MODEL_BACKEND)
    return client


class Tables(HTMLParser):
    """The page's tables by their caption's id: rows of cell texts, and the links."""

    def __init__(self, html: str):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.links: dict[str, str] = {}  # link text -> href (the last one)
        self._table: list[list[str]] | None = None
        self._cell: list[str] | None = None
        self._href: str | None = None
        self._link_text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "caption":
            self._table = self.tables.setdefault(attrs.get("id") or "", [])
        elif tag == "tr" and self._table is not None:
            self._table.append([])
        elif tag in ("td", "th") and self._table is not None:
            self._cell = []
        elif tag == "a":
            self._href, self._link_text = attrs.get("href"), []

    def handle_endtag(self, tag):
        if tag == "table":
            self._table = None
        elif tag in ("td", "th") and self._table is not None and self._cell is not None:
            self._table[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "a" and self._href is not None:
            self.links[" ".join("".join(self._link_text).split())] = self._href
            self._href = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._href is not None:
            self._link_text.append(data)


def body_rows(tables: Tables, caption_id: str) -> list[list[str]]:
    return tables.tables.get(caption_id, [])[1:]  # without the header row


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


# --- access -----------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:login"))


@pytest.mark.parametrize("role", [Role.CITIZEN, Role.CASEWORKER])
def test_citizens_and_caseworkers_are_refused(role):
    SearchStatFactory(query="hemmelig", searches=9, no_results=9)
    response = logged_in(role).get(URL)
    assert response.status_code == 403
    assert "hemmelig" not in response.content.decode()


@pytest.mark.parametrize("role", [Role.UNIT_LEADER, Role.ADMINISTRATOR])
def test_unit_leaders_and_administrators_get_in(role):
    response = logged_in(role).get(URL)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_it_rejects_post():
    assert logged_in(Role.UNIT_LEADER).post(URL).status_code == 405


def test_the_staff_menu_links_to_it():
    page = logged_in(Role.UNIT_LEADER).get(reverse("catalogue:staff_offers")).content.decode()
    assert f'href="{URL}"' in page
    own = logged_in(Role.UNIT_LEADER).get(URL).content.decode()
    assert f'href="{URL}" aria-current="page"' in own


# --- the tables -------------------------------------------------------------------------


def test_the_texts_that_found_nothing_most_often_come_first():
    SearchStatFactory(query="svømming", searches=3, no_results=3, day=days_ago(0))
    SearchStatFactory(query="svømming", searches=2, no_results=2, day=days_ago(29))
    SearchStatFactory(query="svømming", searches=40, no_results=40, day=days_ago(30))  # too old
    SearchStatFactory(query="bowling", searches=9, no_results=4, day=days_ago(3))
    SearchStatFactory(query="sjakk", searches=2, no_results=2)
    SearchStatFactory(query="ola nordmann", searches=1, no_results=1)  # searched only once
    SearchStatFactory(query="trim", searches=50, no_results=0)  # always found something
    tables = Tables(logged_in(Role.UNIT_LEADER).get(URL).content.decode())
    assert [row[:3] for row in body_rows(tables, "zero-caption")] == [
        ["svømming", "5", "5"],
        ["bowling", "4", "9"],
        ["sjakk", "2", "2"],
    ]


def test_the_texts_seldom_followed_by_a_click_show_their_click_rate():
    SearchStatFactory(query="kor", searches=10, no_results=0, clicks=0)
    SearchStatFactory(query="dans", searches=6, no_results=0, clicks=1, day=days_ago(1))
    SearchStatFactory(query="dans", searches=6, no_results=2, clicks=3, day=days_ago(2))
    SearchStatFactory(query="bingo", searches=10, no_results=0, clicks=5)  # 50 %: fine
    SearchStatFactory(query="yoga", searches=4, no_results=0, clicks=0)  # too few searches
    SearchStatFactory(query="tur", searches=20, no_results=16, clicks=0)  # found 4 times
    tables = Tables(logged_in(Role.UNIT_LEADER).get(URL).content.decode())
    assert [row[:4] for row in body_rows(tables, "clicks-caption")] == [
        ["kor", "10", "0", "0 %"],
        ["dans", "10", "4", "40 %"],
    ]


def test_each_row_links_to_the_text_on_the_list_without_counting_it():
    SearchStatFactory(query="strikk & prat", searches=2, no_results=2)
    tables = Tables(logged_in(Role.UNIT_LEADER).get(URL).content.decode())
    href = tables.links["Søk i katalogen: «strikk & prat»"]
    parts = urlsplit(href)
    assert parts.path == reverse("catalogue:offer_list")
    assert parse_qs(parts.query) == {"q": ["strikk & prat"], "telles": ["nei"]}


def test_the_texts_are_escaped():
    SearchStatFactory(query='<script>alert("x")</script>', searches=2, no_results=2)
    page = logged_in(Role.UNIT_LEADER).get(URL).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


def test_empty_tables_say_so():
    page = logged_in(Role.UNIT_LEADER).get(URL).content.decode()
    assert "Ingen søk uten treff i perioden." in page
    assert "Ingen søk med få klikk i perioden." in page
    assert "<table" not in page


def test_it_reads_a_fixed_number_of_queries(django_assert_max_num_queries):
    client = logged_in(Role.UNIT_LEADER)
    for number in range(30):
        SearchStatFactory(query=f"tekst {number}", searches=9, no_results=number % 2)
    with django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200


# --- the lexicon link ---------------------------------------------------------------------


def test_the_lexicon_link_falls_back_to_its_admin_path():
    tables = Tables(logged_in(Role.UNIT_LEADER).get(URL).content.decode())
    assert tables.links["Rediger synonymordlisten"] == views_search_stats.lexicon_url()
    assert views_search_stats.lexicon_url() == "/admin/catalogue/searchsynonym/"


def test_the_lexicon_link_is_the_admins_when_it_has_one(monkeypatch):
    def reverse_stub(name, *args, **kwargs):
        assert name == "admin:catalogue_searchsynonym_changelist"
        return "/admin/katalog/synonymer/"

    monkeypatch.setattr(views_search_stats, "reverse", reverse_stub)
    assert views_search_stats.lexicon_url() == "/admin/katalog/synonymer/"


def test_the_period_is_the_last_30_days():
    first, last = search_stats.period(datetime.date(2026, 3, 30))
    assert (first, last) == (datetime.date(2026, 3, 1), datetime.date(2026, 3, 30))


def test_the_page_is_translated():
    client = logged_in(Role.UNIT_LEADER)
    client.cookies["django_language"] = "nn"
    page = client.get(URL).content.decode()
    assert "Søkjekvalitet" in page
    assert "Søk utan treff" in page
