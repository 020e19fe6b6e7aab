"""The brochure of the demo catalogue is a compact booklet: a first page with the
contents by category (with page numbers), then several offers to a page, at most one
page per two offers plus that first page."""

import io
import math
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from catalogue.models import Category, Offer

pytestmark = pytest.mark.django_db

# The cover with the contents: the one page allowed on top of one per two offers.
COVER_PAGES = 1


def brochure(client, query: str = "", language: str = "nb") -> PdfReader:
    response = client.get(reverse("catalogue:catalogue_pdf") + query, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return PdfReader(io.BytesIO(response.content))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_the_demo_brochure_has_at_most_one_page_per_two_offers(
    client, demo_catalogue, language, capsys
):
    offers = Offer.objects.published().count()
    assert offers >= 25
    reader = brochure(client, language=language)
    pages = len(reader.pages)
    with capsys.disabled():
        print(f"\nbrochure ({language}): {pages} pages for {offers} offers")
    assert pages <= math.ceil(offers / 2) + COVER_PAGES

    texts = [page.extract_text() for page in reader.pages]
    whole = squeeze("\n".join(texts))
    with_titles = Offer.objects.published()
    for offer in with_titles:
        title = offer.title_nn if language == "nn" and offer.title_nn else offer.title
        assert squeeze(title) in whole, title
    # The contents: on the first page, each category with its offers and their pages.
    contents = squeeze(texts[0])
    assert ("Innhald" if language == "nn" else "Innhold") in contents
    for category in Category.objects.filter(offers__status="published").distinct():
        name = category.name_nn if language == "nn" else category.name
        assert name in contents, name
    numbers = [int(n) for n in re.findall(r"\.{3,}\s*(\d+)", texts[0])]
    assert len(numbers) >= offers  # a page number for every line of the contents
    assert all(2 <= n <= pages for n in numbers)
    # Every page has its number in the footer.
    for number, text in enumerate(texts, start=1):
        assert f"{number} / {pages}" in text


def test_the_contents_page_number_is_the_page_the_offer_is_on(client, demo_catalogue):
    reader = brochure(client)
    texts = [page.extract_text() for page in reader.pages]
    line = next(line for line in texts[0].splitlines() if line.startswith("Bassengtrening"))
    page_number = int(re.findall(r"(\d+)\s*$", line)[0])
    assert "Bassengtrening i varmtvannsbasseng" in squeeze(texts[page_number - 1])


def test_brochure_entries_show_full_and_application_marks(client, demo_catalogue):
    text = squeeze("\n".join(p.extract_text() for p in brochure(client).pages))
    assert "Fullt" in text and "Krever søknad" in text
    assert "Kostpenger 95 kr per dag." in text
    assert "Mandag–fredag 09.30–15.00" in text
