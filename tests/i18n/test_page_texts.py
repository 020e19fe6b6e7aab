"""Texts that once stayed in bokmål, or were wrong, on nynorsk and English pages."""

import pytest

from tests.portal.html import parse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "label"), [("nb", "Flere filtre"), ("nn", "Fleire filter"), ("en", "More filters")]
)
def test_the_more_filters_button_is_translated(client, language, label):
    page = parse(client.get("/tilbud/", HTTP_ACCEPT_LANGUAGE=language).content)
    assert page.one(".catalogue__more summary").text == label


def test_the_footer_names_the_accessibility_statement_in_nynorsk(client):
    page = parse(client.get("/", HTTP_ACCEPT_LANGUAGE="nn").content)
    links = [link.text for link in page.select("footer a")]
    assert "Tilgjengelegheitserklæring" in links
