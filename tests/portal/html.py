"""Query rendered HTML with CSS selectors in tests.

Uses the HTML5 parser and selector engine WeasyPrint already brings (tinyhtml5 and
cssselect2), so the tests need no extra dependency."""

import cssselect2
import tinyhtml5


class Element:
    def __init__(self, wrapper: cssselect2.ElementWrapper):
        self._wrapper = wrapper
        self.etree = wrapper.etree_element

    @property
    def tag(self) -> str:
        return self.etree.tag.rsplit("}", 1)[-1]

    def get(self, name: str, default=None):
        return self.etree.get(name, default)

    def has(self, name: str) -> bool:
        return name in self.etree.attrib

    @property
    def text(self) -> str:
        return " ".join("".join(self.etree.itertext()).split())

    @property
    def children(self) -> list["Element"]:
        return [Element(child) for child in self._wrapper.iter_children()]

    def select(self, selector: str) -> list["Element"]:
        return [Element(match) for match in self._wrapper.query_all(selector)]

    def one(self, selector: str) -> "Element":
        found = self.select(selector)
        assert len(found) == 1, f"expected one {selector!r}, found {len(found)}"
        return found[0]

    def __repr__(self) -> str:
        return f"<{self.tag} {dict(self.etree.attrib)}>"


def parse(html: str | bytes) -> Element:
    if isinstance(html, bytes):
        html = html.decode()
    root = tinyhtml5.parse(html, namespace_html_elements=False)
    return Element(cssselect2.ElementWrapper.from_html_root(root))
