"""PDFs of one offer and of the filtered catalogue, read back with pypdf."""

import contextlib
import datetime
import io
import threading
import time

import pytest
from django.core.cache import cache
from django.urls import reverse
from pypdf import PdfReader

from catalogue.models import Weekday
from portal.documents.pdf import PDF_BASE_URL, RefusedURL, StaticOnlyURLFetcher, render_pdf
from tests.catalogue.factories import CategoryFactory, OfferFactory, OpeningPeriodFactory

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_offer_pdf_has_title_schedule_and_contact(client, settings):
    settings.MUNICIPALITY_NAME = "Fjordvik kommune"
    offer = OfferFactory(
        title="Turgruppe ved fjorden", contact_name="Per Hansen", contact_phone="99 88 77 66"
    )
    OpeningPeriodFactory(
        offer=offer,
        weekday=Weekday.THURSDAY,
        opens=datetime.time(9, 30),
        closes=datetime.time(11, 0),
    )

    response = client.get(reverse("catalogue:offer_pdf", args=[offer.slug]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Turgruppe ved fjorden" in text
    assert "Fjordvik kommune" in text
    assert "tirsdag" in text.lower() and "10.00–14.00" in text
    assert "torsdag" in text.lower() and "09.30–11.00" in text and "09:30" not in text
    assert "Per Hansen" in text and "998 87 766" in text


def test_offer_pdf_is_tagged_with_language_and_title(client):
    offer = OfferFactory(title="Strikkekafé")
    reader = PdfReader(
        io.BytesIO(client.get(reverse("catalogue:offer_pdf", args=[offer.slug])).content)
    )
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nb"
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert "Strikkekafé" in reader.metadata.title
    # A4: 595 × 842 points.
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_offer_pdf_follows_the_page_language(client):
    offer = OfferFactory(title="Dagsenter", title_nn="Dagsenteret på nynorsk")
    response = client.get(
        reverse("catalogue:offer_pdf", args=[offer.slug]), headers={"accept-language": "nn"}
    )
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.trailer["/Root"]["/Lang"] == "nn"
    assert "Dagsenteret på nynorsk" in pdf_text(response.content)


@pytest.mark.parametrize("trait", ["draft", "archived"])
def test_offer_pdf_is_404_for_unpublished_offers(client, trait):
    offer = OfferFactory(**{trait: True})
    assert client.get(reverse("catalogue:offer_pdf", args=[offer.slug])).status_code == 404


def test_brochure_lists_filtered_published_offers_with_contents(client):
    social = CategoryFactory(slug="sosial", name="Sosialt")
    physical = CategoryFactory(slug="fysisk", name="Fysisk aktivitet")
    OfferFactory(title="Seniorkafé", categories=[social])
    OfferFactory(title="Mannsforeningen", categories=[social])
    OfferFactory(title="Stavgang", categories=[physical])
    OfferFactory(title="Hemmelig utkast", categories=[social], draft=True)

    response = client.get(reverse("catalogue:catalogue_pdf") + "?kategori=sosial")

    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Innhold" in text
    assert "Seniorkafé" in text and "Mannsforeningen" in text
    assert "Stavgang" not in text
    assert "Hemmelig utkast" not in text


def test_brochure_with_bad_filters_does_not_fail(client):
    OfferFactory(title="Sangkor")
    response = client.get(
        reverse("catalogue:catalogue_pdf") + "?dag=blursday&kategori=%00&gratis=kanskje"
    )
    assert response.status_code == 200
    assert "Sangkor" in pdf_text(response.content)


def test_pdf_views_reject_post(client):
    offer = OfferFactory()
    assert client.post(reverse("catalogue:offer_pdf", args=[offer.slug])).status_code == 405


class TestUrlFetcher:
    def test_it_refuses_file_urls(self):
        with pytest.raises(ValueError):
            StaticOnlyURLFetcher().fetch("file:///etc/passwd")

    @pytest.mark.parametrize(
        "url",
        [
            "http://127.0.0.1:8000/static/css/pdf.css",
            "https://example.com/static/css/pdf.css",
            "http://169.254.169.254/latest/meta-data/",
            f"{PDF_BASE_URL}static/../../../etc/passwd",
            f"{PDF_BASE_URL}static/%2e%2e/%2e%2e/etc/passwd",
            f"{PDF_BASE_URL}media/letter.pdf",
            "data:text/plain,hello",
        ],
    )
    def test_it_refuses_anything_but_our_static_files(self, url):
        with pytest.raises((RefusedURL, ValueError)):
            StaticOnlyURLFetcher().fetch(url)

    def test_it_serves_our_static_files(self):
        response = StaticOnlyURLFetcher().fetch(f"{PDF_BASE_URL}static/css/pdf.css")
        assert b"@page" in response.read()
        assert response.content_type == "text/css"

    def test_a_template_cannot_pull_in_local_files(self, tmp_path, settings):
        template_dir = tmp_path / "templates"
        template_dir.mkdir()
        (template_dir / "evil.html").write_text(
            '<!doctype html><html lang="nb"><head><title>x</title>'
            '<link rel="stylesheet" href="file:///etc/passwd"></head>'
            '<body><p>Hei</p><img src="file:///etc/passwd" alt="x">'
            '<img src="http://127.0.0.1:1/secret.png" alt="y"></body></html>'
        )
        settings.TEMPLATES = [
            {**settings.TEMPLATES[0], "DIRS": [template_dir, *settings.TEMPLATES[0]["DIRS"]]}
        ]
        content = render_pdf("evil.html", {}, language="nb")
        text = pdf_text(content)
        assert "Hei" in text
        assert "root:" not in text


def test_a_brochure_is_cached_until_an_offer_changes(client):
    offer = OfferFactory(title="Seniorkafé")
    url = reverse("catalogue:catalogue_pdf")
    first = client.get(url).content
    assert client.get(url).content == first  # served from the cache
    offer.title = "Seniorkafé på Torget"
    offer.save()
    assert "Seniorkafé på Torget" in pdf_text(client.get(url).content)


def test_the_brochure_is_cut_at_a_printable_size(client, monkeypatch):
    from catalogue import views_pdf

    monkeypatch.setattr(views_pdf, "BROCHURE_MAX_OFFERS", 2)
    for title in ("A-kafé", "B-kor", "C-tur"):
        OfferFactory(title=title)
    text = pdf_text(client.get(reverse("catalogue:catalogue_pdf")).content)
    assert "A-kafé" in text and "B-kor" in text and "C-tur" not in text
    assert "de første 2 tilbudene" in text


# --- Stored PDFs: each rendered once per catalogue version, language and selection ----


@pytest.fixture
def renders(monkeypatch):
    """The PDFs the public views render (each is still rendered for real)."""
    from catalogue import views_pdf, views_shortlist

    made = []

    def counting(template_name, context, *, language):
        made.append((template_name, language))
        return render_pdf(template_name, context, language=language)

    monkeypatch.setattr(views_pdf, "render_pdf", counting)
    monkeypatch.setattr(views_shortlist, "render_pdf", counting)
    return made


def test_unknown_parameters_and_values_never_render_the_brochure_again(client, renders):
    CategoryFactory(slug="sosial")
    OfferFactory(title="Seniorkafé")
    url = reverse("catalogue:catalogue_pdf")
    first = client.get(url).content
    for junk in (
        "?z=1",
        "?z=2&utm_source=nyhetsbrev",
        "?kategori=finnes-ikke&dag=blursday",
        "?q=+&gratis=&side=3",
        "?sortering=tilfeldig",
    ):
        response = client.get(url + junk)
        assert response.status_code == 200
        assert response.content == first, junk
    assert len(renders) == 1

    filtered = client.get(url + "?kategori=sosial&dag=tirsdag").content
    assert len(renders) == 2
    for spelling in (
        "?dag=tirsdag&kategori=sosial",
        "?kategori=sosial&dag=tirsdag&dag=tirsdag&z=9",
    ):
        assert client.get(url + spelling).content == filtered, spelling
    assert len(renders) == 2


def test_a_changed_catalogue_renders_the_brochure_again(client, renders):
    offer = OfferFactory(title="Seniorkafé")
    district = offer.locations.get().district
    url = reverse("catalogue:catalogue_pdf")
    client.get(url)
    assert len(renders) == 1

    offer.title = "Seniorkafé på torget"
    offer.save()
    assert "Seniorkafé på torget" in pdf_text(client.get(url).content)
    assert len(renders) == 2

    # A renamed district touches no offer, and an update in another process sends this
    # one no signal: the brochure shows the new name all the same.
    type(district).objects.filter(pk=district.pk).update(name="Fjellsiden")
    assert "Fjellsiden" in pdf_text(client.get(url).content)
    assert len(renders) == 3
    client.get(url)
    assert len(renders) == 3


def test_each_language_renders_its_own_brochure_once(client, renders):
    OfferFactory(title="Turgruppe for seniorer", title_nn="Turgruppe for seniorar")
    url = reverse("catalogue:catalogue_pdf")
    for round_ in range(3):
        for language in ("nb", "nn", "en"):
            junk = f"?z={round_}" if round_ else ""
            response = client.get(url + junk, headers={"accept-language": language})
            assert PdfReader(io.BytesIO(response.content)).trailer["/Root"]["/Lang"] == language
            if language == "nn":
                assert "seniorar" in pdf_text(response.content)
    assert sorted(language for _template, language in renders) == ["en", "nb", "nn"]


def test_an_offer_sheet_and_a_shortlist_are_rendered_once_per_version(client, renders):
    offer = OfferFactory(title="Seniorkafé")
    url = reverse("catalogue:offer_pdf", args=[offer.slug])
    first = client.get(url).content
    assert client.get(url + "?z=1").content == first
    assert len(renders) == 1
    offer.title = "Strikkekafé"
    offer.save()
    assert "Strikkekafé" in pdf_text(client.get(url).content)
    assert len(renders) == 2

    client.post(reverse("catalogue:shortlist_add", args=[offer.slug]))
    shortlist = reverse("catalogue:shortlist_pdf")
    assert "Strikkekafé" in pdf_text(client.get(shortlist).content)
    client.get(shortlist + "?z=1")
    assert len(renders) == 3
    other = OfferFactory(title="Turgruppe")
    client.post(reverse("catalogue:shortlist_add", args=[other.slug]))
    assert "Turgruppe" in pdf_text(client.get(shortlist).content)
    assert len(renders) == 4


def test_when_every_render_slot_is_taken_a_new_pdf_is_refused_at_once(client, renders):
    from portal.documents.pdf import MAX_CONCURRENT_RENDERS, render_slot

    offer = OfferFactory(title="Seniorkafé")
    stored = reverse("catalogue:offer_pdf", args=[offer.slug])
    client.get(stored)
    urls = [reverse("catalogue:catalogue_pdf"), reverse("catalogue:catalogue_pdf") + "?gratis=1"]
    with contextlib.ExitStack() as slots:
        for _slot in range(MAX_CONCURRENT_RENDERS):
            slots.enter_context(render_slot())
        for url in urls:
            started = time.monotonic()
            response = client.get(url)
            assert time.monotonic() - started < 2
            assert response.status_code == 503
            assert int(response["Retry-After"]) > 0
            assert "PDF-en er ikke klar ennå" in response.content.decode()
        assert client.get(stored).status_code == 200  # a stored PDF needs no slot
    assert len(renders) == 1
    assert client.get(urls[0]).status_code == 200
    assert len(renders) == 2


def test_two_requests_for_the_same_missing_pdf_render_it_once():
    from catalogue.views_pdf import stored_pdf

    inside, finish = threading.Event(), threading.Event()
    made, results = [], {}

    def slow() -> bytes:
        made.append("first")
        inside.set()
        finish.wait(5)
        return b"%PDF first"

    def again() -> bytes:
        made.append("second")
        return b"%PDF second"

    first = threading.Thread(target=lambda: results.update(one=stored_pdf(key="k", make=slow)))
    first.start()
    assert inside.wait(5)
    threading.Timer(0.3, finish.set).start()
    results["two"] = stored_pdf(key="k", make=again)  # waits for the first render
    first.join(5)
    assert made == ["first"]
    assert results == {"one": b"%PDF first", "two": b"%PDF first"}


def test_a_render_that_takes_too_long_is_not_waited_for_forever(monkeypatch):
    from catalogue import views_pdf
    from portal.documents.pdf import RendererBusy

    monkeypatch.setattr(views_pdf, "RENDER_WAIT_SECONDS", 0.3)
    cache.add("k:rendering", True, 60)  # another request is rendering it
    started = time.monotonic()
    with pytest.raises(RendererBusy):
        views_pdf.stored_pdf(key="k", make=lambda: b"%PDF")
    assert time.monotonic() - started < 2
