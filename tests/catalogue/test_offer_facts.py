"""One presenter for an offer's facts (catalogue.offer_facts): the offer page and the
offer PDF say the same things in the same words. Every fact line on the page
(``data-fact-line``) is found in the PDF's text, for every demo offer."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from catalogue.models import Offer, ScheduleException
from catalogue.offer_facts import offer_facts
from tests.catalogue.factories import EventFactory
from tests.portal.html import parse

pytestmark = pytest.mark.django_db


def squeeze(text: str) -> str:
    """Text without whitespace: a PDF breaks lines and spaces table cells its own way."""
    return re.sub(r"\s+", "", text)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def page_fact_lines(client, offer: Offer, language: str) -> dict[str, list[str]]:
    response = client.get(offer.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    article = parse(response.content).one("article.offer")
    return {
        block.get("data-fact"): [line.text for line in block.select("[data-fact-line]")]
        for block in article.select("[data-fact]")
    }


@pytest.fixture
def christmas_closure(demo_catalogue):
    """A named closure on the dementia day centre in the coming weeks, like the 23
    December closure the page showed and the PDF left out."""
    day = timezone.localdate() + datetime.timedelta(days=17)
    ScheduleException.objects.create(
        offer=Offer.objects.get(slug="solsikken-dagsenter-demens"),
        date=day,
        closed=True,
        note="Juleavslutning",
        note_nn="Juleavslutning",
    )
    EventFactory(offer=Offer.objects.get(slug="moteplassen"), title="Julekonsert")
    return day


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_every_fact_on_each_demo_offer_page_is_in_its_pdf(client, christmas_closure, language):
    offers = list(Offer.objects.published().order_by("slug"))
    assert len(offers) >= 25
    for offer in offers:
        page = page_fact_lines(client, offer, language)
        with translation.override(language):
            expected = {fact.key for fact in offer_facts(offer)}
        assert set(page) == expected, offer.slug  # the page shows the presenter's facts
        response = client.get(
            reverse("catalogue:offer_pdf", args=[offer.slug]), HTTP_ACCEPT_LANGUAGE=language
        )
        assert response.status_code == 200
        pdf = squeeze(pdf_text(response.content))
        for key, lines in page.items():
            assert lines, (offer.slug, key)
            for line in lines:
                assert squeeze(line) in pdf, (offer.slug, key, line)


def test_the_day_centre_pdf_has_the_payment_line_the_closure_and_the_pages_times(
    client, christmas_closure
):
    offer = Offer.objects.get(slug="solsikken-dagsenter-demens")
    page = page_fact_lines(client, offer, "nb")
    assert "Kostpenger 95 kr per dag." in page["price"]
    assert any("Juleavslutning" in line for line in page["closures"])
    assert any(
        "Julekonsert" in line
        for line in page_fact_lines(client, Offer.objects.get(slug="moteplassen"), "nb")["events"]
    )
    text = pdf_text(client.get(reverse("catalogue:offer_pdf", args=[offer.slug])).content)
    assert "Kostpenger 95 kr per dag." in text
    assert "Juleavslutning" in text
    assert "09.30–15.00" in text and "09:30" not in text


def test_a_fact_missing_from_the_pdf_template_fails_the_comparison(client, demo_catalogue):
    """The comparison can fail: a PDF without the price facts misses the payment line."""
    offer = Offer.objects.get(slug="solsikken-dagsenter-demens")
    page = page_fact_lines(client, offer, "nb")
    pdf = squeeze(pdf_text(client.get(reverse("catalogue:offer_pdf", args=[offer.slug])).content))
    pdf_without_price = pdf.replace(squeeze("Kostpenger 95 kr per dag."), "")
    assert not all(squeeze(line) in pdf_without_price for line in page["price"])


def test_the_week_in_a_few_words_puts_days_with_the_same_hours_together():
    from catalogue.offer_facts import Fact, Line, week_summary

    def week(*hours):
        days = ["Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag"]
        return Fact(
            "when",
            "Når",
            [
                Line(text or "Stengt", label=day, kind="" if text else "closed")
                for day, text in zip(days, hours, strict=True)
            ]
            + [Line("Stengt på helligdager.")],
        )

    same = "09.30–15.00"
    assert week_summary(week(same, same, same, same, same, "", "")) == "Mandag–fredag 09.30–15.00"
    assert week_summary(week("", "10.00–12.00", "10.00–12.00", "", "11.00–13.00", "", "")) == (
        "Tirsdag og onsdag 10.00–12.00; fredag 11.00–13.00"
    )
    assert (
        week_summary(week(same, "", same, "", "", "", ""))
        == "Mandag 09.30–15.00; onsdag 09.30–15.00"
    )
    assert week_summary(week("", "", "", "", "", "", "")) == "Ingen faste åpningstider"
