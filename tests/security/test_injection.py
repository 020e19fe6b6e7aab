"""Free text is escaped wherever it is shown: HTML pages, e-mails and PDFs; and
WeasyPrint can fetch nothing but the project's own static files.

Hostile text goes into an offer's fields (through tests/catalogue/factories.py) and
into the public error report, then every place that shows it is checked.
"""

import io
import socket

import pytest
from django.core import mail
from django.test import Client
from pypdf import PdfReader
from weasyprint import HTML

from catalogue.models import ErrorReport
from portal.documents import pdf as catalogue_pdf
from portal.documents.pdf import PDF_BASE_URL, RefusedURL, StaticOnlyURLFetcher
from portal.roles import Role
from tests.catalogue.factories import OfferFactory, UnitFactory
from tests.referrals.helpers import MODEL_BACKEND, make_user

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = "<link rel=stylesheet href=file:///etc/passwd>"
CSS_URL = '<div style="background:url(file:///etc/passwd)">x</div>'
STYLE = "<style>@import url(file:///etc/passwd);</style>"
REMOTE = '<img src="http://example.com/x.png">'
PAYLOADS = [SCRIPT, IMG, LINK, CSS_URL, STYLE, REMOTE]
ALL = " ".join(PAYLOADS)  # 220 characters: fits every text field below

# Raw markup that must never reach the output. The HTML-escaped form of each payload
# is what a browser or WeasyPrint shows as plain text.
RAW_MARKERS = [
    "<script>alert(1)",
    "<img src=x",
    "<link rel=stylesheet href=file",
    'style="background:url(file',
    "<style>@import",
    '<img src="http://example.com',
]
PASSWD_MARKERS = [b"root:x:0:0", b"/bin/bash", b"daemon:x:"]


def assert_escaped(html: str, where: str) -> None:
    for marker in RAW_MARKERS:
        assert marker not in html, f"{where}: unescaped {marker!r}"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, f"{where}: payload not shown at all"


@pytest.fixture
def hostile_offer(db):
    unit = UnitFactory(slug="ondsinnet-enhet", name=SCRIPT)
    leader = make_user(Role.UNIT_LEADER, email="leder@example.no", full_name=IMG)
    leader.units.add(unit)
    offer = OfferFactory(
        slug="ondsinnet",
        unit=unit,
        title=SCRIPT,
        summary=ALL,
        description=ALL + "\n\n" + ALL,
        suits=ALL,
        price_text=IMG,
        signup_text=ALL,
        transport_offered=True,
        transport_text=ALL,
        meals_offered=True,
        meals_text=ALL,
        volunteers_involved=True,
        volunteer_text=ALL,
        contact_name=LINK,
        image_alt=REMOTE,
    )
    return offer, leader


# --- HTML pages ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/tilbud/ondsinnet/",
        "/tilbud/?q=alert",
        "/tilbud/",
        "/tilbud/finn/resultat/",
        "/tilbud/ondsinnet/meld-feil/",
    ],
)
def test_offer_text_is_escaped_on_public_pages(hostile_offer, path):
    response = Client().get(path)
    assert response.status_code == 200
    assert_escaped(response.content.decode(), path)


def test_the_query_itself_is_escaped_on_the_catalogue_page(hostile_offer):
    response = Client().get("/tilbud/", {"q": SCRIPT, "kategori": IMG, "sortering": LINK})
    html = response.content.decode()
    for marker in RAW_MARKERS[:3]:
        assert marker not in html


def test_offer_text_is_escaped_in_the_shortlist(hostile_offer):
    client = Client()
    client.post("/tilbud/huskeliste/legg-til/ondsinnet/")
    response = client.get("/tilbud/huskeliste/")
    assert_escaped(response.content.decode(), "shortlist")


def test_offer_text_is_escaped_in_the_staff_preview_and_list(hostile_offer):
    offer, leader = hostile_offer
    client = Client()
    client.force_login(leader, backend=MODEL_BACKEND)
    for path in ("/tilbud/forvalt/ondsinnet/forhandsvis/", "/tilbud/forvalt/"):
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        for marker in RAW_MARKERS:
            assert marker not in html, f"{path}: unescaped {marker!r}"


def test_offer_text_is_escaped_in_the_open_data_api(hostile_offer):
    """JSON is not HTML, but a consumer may paste it into a page: it must be JSON-encoded
    text, and the response must not be served as HTML."""
    response = Client().get("/api/v1/services/")
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["contents"][0]["name"] == SCRIPT


# --- the error report: page, staff page, e-mail ----------------------------------------


def test_a_hostile_error_report_is_escaped_for_staff_and_kept_out_of_the_email(
    hostile_offer, django_capture_on_commit_callbacks
):
    offer, leader = hostile_offer
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):  # e-mails go out on commit
        response = client.post(
            "/tilbud/ondsinnet/meld-feil/",
            {"message": ALL + "\nMitt fødselsnummer er 01017012345", "reporter_email": ""},
        )
    assert response.status_code == 302
    assert ErrorReport.objects.get().message.startswith(SCRIPT)

    staff = Client()
    staff.force_login(leader, backend=MODEL_BACKEND)
    html = staff.get("/tilbud/forvalt/feilmeldinger/").content.decode()
    assert_escaped(html, "staff reports")

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    # E-mails are plain text only: markup in a title is shown as text, never rendered
    # (so it is not HTML-escaped either: "Mat & prat" must not become "Mat &amp; prat").
    assert not getattr(email, "alternatives", [])
    assert email.content_subtype == "plain"
    for text in [email.subject, email.body]:
        assert "01017012345" not in text  # the citizen's message never goes into e-mail
        assert "Mitt fødselsnummer" not in text
        assert "&amp;" not in text and "&lt;" not in text


def test_a_rejected_error_report_echoes_the_text_escaped(hostile_offer):
    response = Client().post(
        "/tilbud/ondsinnet/meld-feil/", {"message": ALL, "reporter_email": IMG}
    )
    assert response.status_code == 200  # the e-mail address is invalid: the form again
    assert_escaped(response.content.decode(), "report form")


def test_the_password_reset_email_does_not_render_a_hostile_name_as_markup(
    db, django_capture_on_commit_callbacks
):
    make_user(Role.CITIZEN, email="kari@example.no", full_name=SCRIPT + IMG)
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/konto/glemt-passord/", {"email": "kari@example.no"})
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    for text in [email.subject, email.body] + [c for c, _m in getattr(email, "alternatives", [])]:
        for marker in RAW_MARKERS[:2]:
            assert marker not in text


# --- PDFs ------------------------------------------------------------------------------


class RecordingFetcher(StaticOnlyURLFetcher):
    """The project's fetcher, recording what WeasyPrint asked for and what it got."""

    requested: list[str] = []
    served: list[str] = []

    def fetch(self, url, headers=None):
        type(self).requested.append(url)
        response = super().fetch(url, headers)
        type(self).served.append(url)
        return response


@pytest.fixture
def recording_fetcher(monkeypatch):
    RecordingFetcher.requested, RecordingFetcher.served = [], []
    monkeypatch.setattr(catalogue_pdf, "StaticOnlyURLFetcher", RecordingFetcher)
    return RecordingFetcher


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"PDF rendering opened a network connection: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


def test_the_offer_pdf_shows_hostile_text_as_text_and_fetches_only_static_files(
    hostile_offer, recording_fetcher, no_network
):
    response = Client().get("/tilbud/ondsinnet/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = response.content
    for marker in PASSWD_MARKERS:
        assert marker not in content
    text = pdf_text(content)
    assert "root:x:0:0" not in text
    assert "<script>alert(1)</script>" in text.replace("\n", "")  # shown as text
    static_prefix = PDF_BASE_URL + "static/"
    assert all(url.startswith(static_prefix) for url in recording_fetcher.requested), (
        recording_fetcher.requested
    )


def test_the_shortlist_pdf_with_a_hostile_offer_fetches_only_static_files(
    hostile_offer, recording_fetcher, no_network
):
    client = Client()
    client.post("/tilbud/huskeliste/legg-til/ondsinnet/")
    response = client.get("/tilbud/huskeliste/pdf/")
    assert response.status_code == 200
    assert all(url.startswith(PDF_BASE_URL) for url in recording_fetcher.requested)
    for marker in PASSWD_MARKERS:
        assert marker not in response.content


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        "FILE:///etc/passwd",
        "http://example.com/x.png",
        "https://example.com/x.png",
        "http://127.0.0.1:5432/",
        "http://169.254.169.254/latest/meta-data/",
        "ftp://example.com/x",
        "data:text/css,body{background:url(file:///etc/passwd)}",
        "https://pdf.invalid@example.com/static/css/pdf.css",
        "https://pdf.invalid.example.com/static/css/pdf.css",
        "https://pdf.invalid/etc/passwd",
        "https://pdf.invalid/static/../../../../etc/passwd",
        "https://pdf.invalid/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "https://pdf.invalid/static//etc/passwd",
        "https://pdf.invalid/static/",
        "https://pdf.invalid/static/finnes-ikke.css",
        "/etc/passwd",
        "//example.com/x.png",
    ],
)
def test_the_pdf_url_fetcher_refuses_anything_but_static_files(url):
    with pytest.raises(RefusedURL):
        StaticOnlyURLFetcher().fetch(url)


def test_the_pdf_url_fetcher_serves_a_static_file():
    from django.contrib.staticfiles import finders

    relative = next(
        path
        for path, _storage in next(iter(finders.get_finders())).list([])
        if path.endswith(".css")
    )
    response = StaticOnlyURLFetcher().fetch(PDF_BASE_URL + "static/" + relative)
    assert response  # contrast: the fetcher is not simply refusing everything


def test_weasyprint_with_the_fetcher_ignores_unescaped_hostile_markup(no_network):
    """If hostile markup ever reached a PDF template unescaped, nothing leaks."""
    html = (
        "<html lang=nb><head><title>x</title>"
        + LINK
        + STYLE
        + "</head><body>"
        + CSS_URL
        + REMOTE
        + '<img src="file:///etc/passwd">'
        + '<object data="file:///etc/passwd"></object>'
        + '<iframe src="file:///etc/passwd"></iframe>'
        + '<a href="file:///etc/passwd">lenke</a><p>Trygg tekst</p></body></html>'
    )
    RecordingFetcher.requested, RecordingFetcher.served = [], []
    content = HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=RecordingFetcher()).write_pdf()
    assert RecordingFetcher.requested  # WeasyPrint did try the URLs …
    assert RecordingFetcher.served == []  # … and got none of them
    for marker in PASSWD_MARKERS:
        assert marker not in content
    assert "Trygg tekst" in pdf_text(content)
