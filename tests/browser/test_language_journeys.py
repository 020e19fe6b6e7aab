"""The portal in English and nynorsk in a real browser: the catalogue's filters keep
their layout with longer English words, on a phone and on a desktop; the "Les opp"
button on an offer page is there for keyboard users, without axe violations."""

import pytest
from playwright.sync_api import expect

from catalogue.demo import seed_catalogue
from tests.browser.axe import assert_accessible, switch_language
from tests.browser.helpers import DESKTOP_VIEWPORT, PHONE_VIEWPORT
from tests.catalogue.factories import OfferFactory

pytestmark = [pytest.mark.browser]


@pytest.fixture
def catalogue(transactional_db):
    seed_catalogue()


def _overlaps(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"] - 0.5
        and b["x"] < a["x"] + a["width"] - 0.5
        and a["y"] < b["y"] + b["height"] - 0.5
        and b["y"] < a["y"] + a["height"] - 0.5
    )


@pytest.mark.parametrize("viewport", [PHONE_VIEWPORT, DESKTOP_VIEWPORT], ids=["375", "1280"])
@pytest.mark.parametrize("language", ["en", "nb", "nn"])
def test_the_weekday_checkboxes_do_not_overlap(page, catalogue, viewport, language):
    page.set_viewport_size(viewport)
    page.goto("/tilbud/")
    switch_language(page, language)
    options = page.locator("#div_id_dag .ds-field")
    assert options.count() == 7
    boxes = []
    for index in range(7):
        option = options.nth(index)
        for part in ("input", "label"):
            element = option.locator(part)
            box = element.bounding_box()
            # The label's text fits inside the label (nothing spills out of its box).
            if part == "label":
                assert element.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), (
                    element.inner_text()
                )
            boxes.append((index, element.inner_text() if part == "label" else "☐", box))
    overlapping = [
        (a_text, b_text)
        for i, (a_index, a_text, a) in enumerate(boxes)
        for b_index, b_text, b in boxes[i + 1 :]
        if a_index != b_index and _overlaps(a, b)
    ]
    assert not overlapping, overlapping


def _tab_to(page, locator, limit: int = 60) -> bool:
    """Press Tab until ``locator`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return True
    return False


# Records what the page asks the browser to say (and lets the browser say it).
LISTEN = """
window.spoken = [];
if ("speechSynthesis" in window) {
  const speak = window.speechSynthesis.speak.bind(window.speechSynthesis);
  window.speechSynthesis.speak = (utterance) => {
    window.spoken.push({ text: utterance.text, lang: utterance.lang });
    speak(utterance);
  };
}
"""


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_the_read_aloud_button_reads_the_offer_for_keyboard_users(page, language):
    OfferFactory(
        slug="kaffetreff",
        title="Kaffetreff",
        easy_read="Vi drikker kaffe sammen. Alle kan komme.",
    )
    page.add_init_script(LISTEN)
    page.goto("/tilbud/kaffetreff/")
    switch_language(page, language)
    button = page.locator("[data-read-aloud-button]")
    expect(button).to_be_visible()
    expect(button).to_have_accessible_name("Les opp")
    page.locator("body").focus()
    assert _tab_to(page, button), "the read-aloud button cannot be reached with Tab"
    assert_accessible(page)

    page.keyboard.press("Enter")
    spoken = page.evaluate("window.spoken")
    assert spoken[0] == {"text": "Kaffetreff", "lang": "nb"}
    assert {"text": "Vi drikker kaffe sammen. Alle kan komme.", "lang": "nb"} in spoken
    # The headings are the page's own words, in its language; the offer has bokmål
    # text only, so on a nynorsk page that text is read as bokmål.
    heading = {"nb": "Hvem passer det for?", "nn": "Kven passar det for?"}[language]
    assert {"text": heading, "lang": language} in spoken
