"""Dates read the way each language writes them: «4. desember 2026» in bokmål and
nynorsk, "4 December 2026" in English (portal/formats, settings.FORMAT_MODULE_PATH)."""

import datetime
import re
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.template import Context, Template
from django.utils import timezone, translation

from catalogue.models import Offer
from tests.catalogue.factories import OfferFactory, OpeningPeriodFactory
from tests.portal.html import parse

DAY = datetime.date(2026, 12, 4)
# A date format written out in a template, with a month or weekday name in it
# (F, M, N, b, E: month; l, D: weekday): it would read the same in every language.
SPELLED_OUT = re.compile(r"""\|date:["']([^"']*[FMNbElD][^"']*)["']""")
NAMED = {
    "DATE_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "MONTH_DAY_FORMAT",
    "YEAR_MONTH_FORMAT",
}
# Formats that read right in every language: a weekday or a month and year alone.
UNIVERSAL = {"l", "F Y"}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nb", ["4. desember 2026", "4. des 2026", "fredag 4. desember"]),
        ("nn", ["4. desember 2026", "4. des 2026", "fredag 4. desember"]),
        ("en", ["4 December 2026", "4 Dec 2026", "Friday 4 December"]),
    ],
)
def test_the_named_formats_follow_the_language(language, expected):
    template = Template(
        '{{ d|date:"DATE_FORMAT" }}|{{ d|date:"SHORT_DATE_FORMAT" }}|'
        '{{ d|date:"l" }} {{ d|date:"MONTH_DAY_FORMAT" }}'
    )
    with translation.override(language):
        assert template.render(Context({"d": DAY})).split("|") == expected


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2026, 12, 4, 12, tzinfo=datetime.UTC), tick=False)
def test_an_offer_page_in_english_dates_the_english_way(client):
    offer = OfferFactory(slug="kaffetreff", last_reviewed=DAY)
    Offer.objects.filter(pk=offer.pk).update(updated_at=timezone.now())
    html = client.get(offer.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "4 December 2026" in html
    assert "4. December" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nb", "(fra 4. des 2026 til 31. mar 2027)"),
        ("nn", "(frå 4. des 2026 til 31. mars 2027)"),
        ("en", "(from 4 Dec 2026 to 31 Mar 2027)"),
    ],
)
def test_an_opening_period_with_an_end_is_dated_in_the_readers_language(client, language, expected):
    offer = OfferFactory(slug="kaffetreff", opening_periods=False)
    OpeningPeriodFactory(offer=offer, valid_from=DAY, valid_until=datetime.date(2027, 3, 31))
    page = client.get(offer.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    rows = [" ".join(td.text.split()) for td in parse(page).select("tr[data-fact-line] td")]
    assert [row for row in rows if "2026" in row] == [f"10.00–14.00 {expected}"]
    assert "4.12.2026" not in page


def test_no_template_spells_out_a_date_with_names_in_it():
    base = Path(settings.BASE_DIR)
    found = []
    for folder in ("templates", "catalogue", "referrals", "portal"):
        for path in (base / folder).rglob("*"):
            if path.suffix not in (".html", ".txt"):
                continue
            for match in SPELLED_OUT.finditer(path.read_text()):
                if match.group(1) not in NAMED | UNIVERSAL:
                    found.append(f"{path.relative_to(base)}: {match.group(0)}")
    assert not found, "use a named format (DATE_FORMAT, SHORT_DATE_FORMAT, …): " + str(found)
