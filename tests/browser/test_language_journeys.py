"""The portal in English and nynorsk in a real browser: the catalogue's filters keep
their layout with longer English words, on a phone and on a desktop."""

import pytest

from catalogue.demo import seed_catalogue
from tests.browser.axe import switch_language
from tests.browser.conftest import DESKTOP_VIEWPORT, PHONE_VIEWPORT

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
