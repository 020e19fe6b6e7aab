"""Marks in HTML kept per process, filled in for each request.

A page part that is the same for many requests but for a few values (the sign-up page's
content, the catalogue list's frame) is rendered once with marks in those values' places
and kept; each request fills the marks in, in one pass over the kept HTML, so a value is
never scanned for marks (a visitor who types a mark gets it back as typed).

A mark is random per process (the kept HTML is too) and made of letters, digits and
dashes only, so neither escaping nor a widget changes it. The values are put in as they
are: escape them as the template would have.
"""

import re
import secrets
from collections.abc import Mapping


class Marks:
    def __init__(self, prefix: str) -> None:
        self._start = f"{prefix}-{secrets.token_hex(16)}-"
        self._pattern = re.compile(re.escape(self._start) + r"([a-z0-9_]+)-")

    def __call__(self, name: str) -> str:
        """The mark standing for the value ``name`` (letters, digits, underscores)."""
        return f"{self._start}{name}-"

    def fill(self, html: str, values: Mapping[str, str]) -> str:
        """``html`` with each mark replaced by its value."""
        return self._pattern.sub(lambda found: values[found[1]], html)
