"""An offer without text in the reader's language shows the bokmål text, marked with
``lang="nb"`` and with a note saying so; unit leaders see which offers lack nynorsk.
The plain-language text ("lettlest") comes first, with a "Les opp" button."""

import pickle

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from catalogue.models import Offer
from catalogue.views_pdf import printable
from portal.roles import Role
from portal.translated import TranslatedText
from tests.catalogue.factories import (
    CategoryFactory,
    DistrictFactory,
    LanguageFactory,
    LocationFactory,
    OfferFactory,
    UnitFactory,
)
from tests.factories import make_user
from tests.portal.html import parse

pytestmark = pytest.mark.django_db

NYNORSK = {
    "title_nn": "Kaffitreff",
    "summary_nn": "Eit tilbod for deg som vil ha selskap.",
    "description_nn": "Vi møtest og pratar.",
    "suits_nn": "For deg som vil ha selskap.",
}


def offer_page(client, offer, language):
    response = client.get(offer.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return parse(response.content)


def test_a_nynorsk_reader_gets_the_bokmal_text_marked_and_a_note(client):
    offer = OfferFactory(slug="kaffetreff", title="Kaffetreff")
    page = offer_page(client, offer, "nn")
    assert page.get("lang") == "nn"
    article = page.one("article.offer")
    assert article.one("h1").get("lang") == "nb"
    assert article.one(".offer__intro p[data-size=lg]").get("lang") == "nb"
    texts = article.select(".offer__text")
    assert [text.get("lang") for text in texts] == ["nb", "nb"]  # who it suits, about
    assert article.one(".offer__language-note").text == "Dette tilbodet er berre skildra på bokmål."
    assert article.one(".offer__language-note").get("lang") is None  # the note is nynorsk


def test_a_partly_translated_offer_marks_only_what_is_missing(client):
    offer = OfferFactory(slug="kaffetreff", title_nn="Kaffitreff", summary_nn="Eit tilbod.")
    article = offer_page(client, offer, "nn").one("article.offer")
    assert article.one("h1").get("lang") is None
    assert article.one("h1").text == "Kaffitreff"
    assert [text.get("lang") for text in article.select(".offer__text")] == ["nb", "nb"]
    assert article.one(".offer__language-note").text == (
        "Noko av teksten om dette tilbodet finst berre på bokmål."
    )


def test_a_translated_offer_has_no_marks_and_no_note(client):
    unit = UnitFactory()
    district = DistrictFactory(slug="nord", name="Nord", name_nn="Nord")
    location = LocationFactory(unit=unit, district=district)
    offer = OfferFactory(slug="kaffetreff", unit=unit, locations=[location], **NYNORSK)
    article = offer_page(client, offer, "nn").one("article.offer")
    assert not article.select("[lang]")
    assert not article.select(".offer__language-note")


def test_a_bokmal_reader_sees_no_marks_and_no_note(client):
    offer = OfferFactory(slug="kaffetreff")
    article = offer_page(client, offer, "nb").one("article.offer")
    assert not article.select("[lang]")
    assert not article.select(".offer__language-note")


def test_taxonomy_names_without_a_translation_are_marked_in_bokmal(client):
    unit = UnitFactory()
    district = DistrictFactory(slug="sentrum", name="Sentrum", name_nn="Sentrum")
    location = LocationFactory(unit=unit, district=DistrictFactory(slug="nord", name="Nord"))
    offer = OfferFactory(
        slug="kaffetreff",
        unit=unit,
        locations=[location, LocationFactory(unit=unit, district=district)],
        categories=[
            CategoryFactory(slug="sosial", name="Sosialt", name_nn="Sosialt samvær"),
            CategoryFactory(slug="kultur", name="Kulturtilbud"),
        ],
        languages=[
            LanguageFactory(slug="pl", name="Polsk", name_nn="Polsk"),
            LanguageFactory(slug="ar", name="Arabisk"),
        ],
        **NYNORSK,
    )
    article = offer_page(client, offer, "nn").one("article.offer")
    marked = [(span.text, span.get("lang")) for span in article.select("span[lang]")]
    assert ("Kulturtilbud", "nb") in marked and ("Arabisk", "nb") in marked
    assert ("Nord", "nb") in marked
    assert not {"Sosialt samvær", "Polsk", "Sentrum"} & {text for text, _lang in marked}
    card = parse(client.get("/tilbud/", HTTP_ACCEPT_LANGUAGE="nn").content).one(".offer-card")
    assert [span.text for span in card.select("dd span[lang=nb]")] == ["Nord"]


def test_the_categories_suggested_after_a_fruitless_search_are_marked_in_bokmal(client):
    OfferFactory(categories=[CategoryFactory(slug="kultur", name="Kultur", name_en="Culture")])
    OfferFactory(categories=[CategoryFactory(slug="sosial", name="Sosialt samvær")])
    page = parse(client.get("/tilbud/?q=zzqqxx", HTTP_ACCEPT_LANGUAGE="en").content)
    links = {link.text: link for link in page.select("a[href*='kategori=']")}
    assert links["Sosialt samvær"].select("span[lang=nb]")
    assert not links["Culture"].select("[lang]")


def test_an_english_reader_gets_the_bokmal_text_marked_in_the_list(client):
    OfferFactory(slug="kaffetreff", title="Kaffetreff")
    OfferFactory(slug="walk", title="Turgruppe", title_en="Walking group", summary_en="Walks.")
    page = parse(client.get("/tilbud/", HTTP_ACCEPT_LANGUAGE="en").content)
    cards = {card.one("h3 a").text: card for card in page.select(".offer-card")}
    bokmal, english = cards["Kaffetreff"], cards["Walking group"]
    assert bokmal.one("h3 a").get("lang") == "nb"
    assert bokmal.one("p.ds-paragraph").get("lang") == "nb"
    assert "Text in Norwegian" in [tag.text for tag in bokmal.select(".ds-tag")]
    assert english.one("h3 a").get("lang") is None
    assert "Text in Norwegian" not in [tag.text for tag in english.select(".ds-tag")]


def test_the_offer_pdf_marks_the_bokmal_text_too():
    offer = OfferFactory(slug="kaffetreff", title_en="Coffee morning")
    with translation.override("en"):
        html = render_to_string(
            "catalogue/pdf_offer_body.html",
            {**printable([offer])[0], "top": True, "sub": "h2"},
        )
    article = parse(html)
    assert article.one("h1").get("lang") is None
    assert article.one(".pdf-summary").get("lang") == "nb"
    assert [text.get("lang") for text in article.select(".pdf-text")] == ["nb", "nb"]
    assert "Some of the text about this offer is only available in Norwegian" in article.text


def test_a_translated_text_survives_the_cache():
    text = TranslatedText("Kaffetreff", "nb", fallback=True)
    copy = pickle.loads(pickle.dumps(text))  # noqa: S301 - our own bytes, as the cache does
    assert (copy, copy.lang, copy.fallback) == ("Kaffetreff", "nb", True)


def test_untranslated_fields_lists_what_a_reader_sees_in_bokmal():
    offer = OfferFactory(title_nn="Kaffitreff", transport_text="Vi henter deg.")
    assert offer.untranslated_fields("nn") == ["description", "suits", "summary", "transport_text"]
    assert offer.untranslated_fields("nb") == []
    assert "easy_read" in Offer.translated_fields()


def test_unit_leaders_see_which_offers_lack_nynorsk(client):
    unit = UnitFactory()
    leader = make_user(Role.UNIT_LEADER, email="leder@example.no")
    leader.units.add(unit)
    OfferFactory(unit=unit, title="Uten nynorsk")
    OfferFactory(unit=unit, title="Med nynorsk", **NYNORSK)
    client.force_login(leader)
    page = parse(client.get("/tilbud/forvalt/").content)
    rows = {row.one("th a").text: row for row in page.select("tbody tr")}
    missing = rows["Uten nynorsk"].select("td")[-1]
    assert missing.one(".ds-tag").text == "Mangler 4 tekster"
    assert missing.one(".tools-missing").text == (
        "beskrivelse (nynorsk), hvem det passer for (nynorsk), sammendrag (nynorsk), "
        "tittel (nynorsk)"
    )
    assert rows["Med nynorsk"].select("td")[-1].text == "Komplett"
    assert "Ett tilbud mangler tekst på nynorsk." in page.one(".tools-alerts").text


def test_unit_leaders_can_list_only_the_offers_that_lack_nynorsk(client):
    unit = UnitFactory()
    leader = make_user(Role.UNIT_LEADER, email="leder@example.no")
    leader.units.add(unit)
    OfferFactory(unit=unit, title="Uten nynorsk")
    OfferFactory(unit=unit, title="Delvis nynorsk", title_nn="Delvis på nynorsk")
    OfferFactory(unit=unit, title="Med nynorsk", **NYNORSK)
    client.force_login(leader)
    page = parse(client.get("/tilbud/forvalt/").content)
    link = page.one(".tools-alerts a[href='?mangler=nynorsk']")
    assert link.text == "Vis bare tilbud som mangler nynorsk"
    page = parse(client.get("/tilbud/forvalt/?mangler=nynorsk").content)
    titles = [row.one("th a").text for row in page.select("tbody tr")]
    assert titles == ["Delvis nynorsk", "Uten nynorsk"]
    assert page.one(".tools-filter-note a").get("href") == "/tilbud/forvalt/"


# --- lettlest and "Les opp" -----------------------------------------------------------


def test_the_easy_read_text_comes_first(client):
    offer = OfferFactory(slug="kaffetreff", easy_read="Vi drikker kaffe. Alle kan komme.")
    article = offer_page(client, offer, "nb").one("article.offer")
    easy = article.one(".offer__easy-read")
    assert easy.one("h2").text == "Lettlest"
    assert "Vi drikker kaffe." in easy.text
    order = [
        section.get("class")
        for section in article.select(".offer__easy-read, .offer__cta, .offer__columns")
    ]
    assert order[0] == "offer__easy-read ds-card"


def test_the_easy_read_text_in_bokmal_is_marked_on_a_nynorsk_page(client):
    offer = OfferFactory(slug="kaffetreff", easy_read="Vi drikker kaffe.", **NYNORSK)
    article = offer_page(client, offer, "nn").one("article.offer")
    assert article.one(".offer__easy-read .offer__text").get("lang") == "nb"
    assert article.one(".offer__language-note").text.startswith("Noko av teksten")


def test_without_easy_read_text_there_is_no_section(client):
    offer = OfferFactory(slug="kaffetreff")
    assert not offer_page(client, offer, "nb").select(".offer__easy-read")


def test_the_read_aloud_button_waits_for_its_script(client):
    offer = OfferFactory(slug="kaffetreff")
    page = offer_page(client, offer, "nb")
    controls = page.one("[data-read-aloud-controls]")
    assert controls.has("hidden")  # shown by the script where speech synthesis exists
    button = controls.one("button")
    assert (button.get("type"), button.text) == ("button", "Les opp")
    scripts = [script.get("src") for script in page.select("script")]
    assert any(src and src.endswith("js/read-aloud.js") for src in scripts)
    # Nothing inline that runs: the one script element without src is the offer's
    # schema.org data block (issue 18), which browsers never run.
    inline = [script for script in page.select("script") if not script.get("src")]
    assert [script.get("type") for script in inline] == ["application/ld+json"]
    parts = page.select("[data-read-aloud]")
    assert parts[0].tag == "h1" and len(parts) >= 5


def test_unit_leaders_write_the_easy_read_text(client):
    unit = UnitFactory()
    leader = make_user(Role.UNIT_LEADER, email="leder@example.no")
    leader.units.add(unit)
    offer = OfferFactory(unit=unit, slug="kaffetreff")
    client.force_login(leader)
    page = parse(client.get(f"/tilbud/forvalt/{offer.slug}/").content)
    names = {field.get("name") for field in page.select("textarea")}
    assert {"easy_read", "easy_read_nn", "easy_read_en"} <= names


def test_administrators_write_the_easy_read_text_in_the_admin(admin_client):
    offer = OfferFactory(slug="kaffetreff")
    page = parse(admin_client.get(f"/admin/catalogue/offer/{offer.pk}/change/").content)
    names = {field.get("name") for field in page.select("textarea")}
    assert {"easy_read", "easy_read_nn", "easy_read_en"} <= names
