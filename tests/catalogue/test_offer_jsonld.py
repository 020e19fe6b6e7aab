"""Issue 18, point 11: the offer page describes the offer in schema.org JSON-LD, as a
GovernmentService, with an Event for each coming dated session, in a data block the
static CSP allows (no inline script is run) and that no offer text can break out of."""

import json
import re
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings

from tests.catalogue.factories import (
    CategoryFactory,
    EventFactory,
    LanguageFactory,
    LocationFactory,
    OfferFactory,
)

pytestmark = pytest.mark.django_db

SITE = "https://aktivitet.example.no"
BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def json_ld(client, offer, **headers):
    response = client.get(offer.get_absolute_url(), headers=headers)
    assert response.status_code == 200
    html = response.content.decode()
    blocks = BLOCK.findall(html)
    assert len(blocks) == 1
    return response, blocks[0], json.loads(blocks[0])


def by_type(data, kind):
    return [node for node in data["@graph"] if node["@type"] == kind]


@override_settings(SITE_URL=SITE)
def test_the_offer_is_a_government_service(client):
    offer = OfferFactory(
        title="Turgruppe",
        summary="Vi går tur.",
        categories=[CategoryFactory(name="Fysisk aktivitet")],
        languages=[LanguageFactory(slug="tegn", name="Norsk tegnspråk", code="nsl")],
        locations=[LocationFactory(address="Storgata 1", postcode="1234", place="Eksempelby")],
    )
    _, _, data = json_ld(client, offer)
    assert data["@context"] == "https://schema.org"
    [service] = by_type(data, "GovernmentService")
    assert service["name"] == "Turgruppe" and service["description"] == "Vi går tur."
    assert service["url"] == f"{SITE}/tilbud/{offer.slug}/"
    assert service["identifier"] == f"urn:uuid:{offer.uuid}"
    assert service["provider"]["@type"] == "GovernmentOrganization"
    assert service["provider"]["name"] == offer.unit.name
    assert service["serviceType"] == ["Fysisk aktivitet"]
    assert service["availableLanguage"][0]["alternateName"] == "nsl"
    assert service["hoursAvailable"][0] == {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": "https://schema.org/Tuesday",
        "opens": "10:00",
        "closes": "14:00",
    }
    place = service["availableChannel"]["serviceLocation"][0]
    assert place["address"]["streetAddress"] == "Storgata 1"
    assert service["offers"]["price"] == "0"
    assert by_type(data, "Event") == []  # no dated sessions, no events


def test_dated_sessions_are_events(client):
    offer = OfferFactory(title="Seniorkor")
    event = EventFactory(offer=offer, title="Julekonsert")
    _, _, data = json_ld(client, offer)
    [concert] = by_type(data, "Event")
    assert concert["name"] == "Seniorkor: Julekonsert"
    assert concert["startDate"] == event.starts_at.astimezone(ZoneInfo("Europe/Oslo")).isoformat()
    assert concert["startDate"][-6:] in ("+01:00", "+02:00")
    assert concert["location"]["@type"] == "Place"
    assert concert["about"]["@id"] == by_type(data, "GovernmentService")[0]["@id"]


def test_it_follows_the_page_language(client):
    offer = OfferFactory(title="Turgruppe for seniorer", title_nn="Turgruppe for seniorar")
    client.cookies["django_language"] = "nn"
    _, _, data = json_ld(client, offer)
    service = by_type(data, "GovernmentService")[0]
    assert service["name"] == "Turgruppe for seniorar" and service["inLanguage"] == "nn"


def test_no_offer_text_can_end_the_block_or_start_markup(client):
    title = 'Kafé </script><script>alert("x")</script> & <!-- venner'
    offer = OfferFactory(title=title, summary="<b>fet</b> & «sitat»")
    _, raw, data = json_ld(client, offer)
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert by_type(data, "GovernmentService")[0]["name"] == title


def test_the_csp_stays_static_without_inline_scripts(client):
    """The data block needs no exception in the policy (browsers run no data block; the
    browser test checks that no violation is reported)."""
    response, _, _ = json_ld(client, OfferFactory())
    policy = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy).group(1)
    assert script_src.split() == ["'self'"]
    assert "unsafe-inline" not in policy and "nonce-" not in policy
