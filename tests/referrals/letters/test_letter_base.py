"""Every letter template extends ``referrals/letters/base.html``, which alone holds the
letterhead, the footer with the municipality's address and the page frame; the letters'
text is checked in the PDFs by the letter tests."""

from pathlib import Path

import pytest
from django.template.loader import get_template
from django.template.loader_tags import ExtendsNode

import referrals.letters

BASE = "referrals/letters/base.html"
LETTERS = Path(referrals.letters.__file__).parent / "templates" / "referrals" / "letters"
# Not letters: the base, and the print batch's address sheets (a page of its own in
# front of each letter, for the window envelope: referrals.letters.printing).
NOT_LETTERS = ("base.html", "address_sheets.html")
LETTER_NAMES = sorted(p.name for p in LETTERS.glob("*.html") if p.name not in NOT_LETTERS)


def test_the_three_letters_are_found():
    assert LETTER_NAMES == ["appeal_case_file.html", "decision.html", "preliminary_reply.html"]


@pytest.mark.parametrize("name", LETTER_NAMES)
def test_letter_extends_the_letter_base(name):
    first = get_template(f"referrals/letters/{name}").template.nodelist[0]
    assert isinstance(first, ExtendsNode)
    assert first.parent_name.var == BASE


@pytest.mark.parametrize("name", LETTER_NAMES)
def test_letterhead_and_footer_only_in_the_base(name):
    source = (LETTERS / name).read_text(encoding="utf-8")
    for shared in ("<html", "pdf-footer", "pdf-header", "css/pdf.css", "municipality_address"):
        assert shared not in source
    base = (LETTERS / "base.html").read_text(encoding="utf-8")
    for shared in ("pdf-footer", "pdf-header", "css/pdf.css", "municipality_address"):
        assert shared in base
