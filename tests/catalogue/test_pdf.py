"""PDFs of one offer and of the filtered catalogue, read back with pypdf."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from catalogue.models import Weekday
from catalogue.pdf import PDF_BASE_URL, RefusedURL, StaticOnlyURLFetcher, render_pdf
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
    assert "tirsdag" in text.lower() and "10:00–14:00" in text
    assert "torsdag" in text.lower() and "09:30–11:00" in text
    assert "Per Hansen" in text and "99 88 77 66" in text


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
