"""Texts from the database in the reader's language, marked when they are not.

``tr`` picks the reader's language and falls back to bokmål
(portal.translated.Translated.tr). A text shown in bokmål on a nynorsk or English page
must say so: ``lang_attr`` gives the element around it ``lang="nb"``, ``with_lang``
wraps an inline text in ``<span lang="nb">``, ``untranslated`` lists what an object
shows in bokmål, for a note to the reader.

    <div class="offer__text"{{ offer|tr:"description"|lang_attr }}>…</div>
    {% translate "Pris" %}: {{ offer|tr:"price_text"|with_lang }}
"""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.filter
def tr(obj, field: str) -> str:
    """The field in the reader's language, falling back to bokmål: {{ offer|tr:"title" }}."""
    if obj is None:
        return ""
    return obj.tr(field)


def _text(value):
    """A Translated object (a taxonomy term) as its text in the reader's language; its
    ``__str__`` gives the TranslatedText."""
    if value is not None and not isinstance(value, str) and hasattr(value, "tr"):
        return str(value)
    return value


def _fallback(text) -> bool:
    return bool(getattr(text, "fallback", False))


@register.filter
def lang_attr(text) -> str:
    """` lang="nb"` for a text shown in bokmål because the reader's language has none."""
    text = _text(text)
    if _fallback(text):
        return format_html(' lang="{}"', text.lang)
    return ""


@register.filter
def with_lang(text):
    """The text, in a ``<span lang="nb">`` when it is bokmål on another language's page.
    A taxonomy term (``{{ category|with_lang }}``) gives its name."""
    text = _text(text)
    if _fallback(text):
        return format_html('<span lang="{}">{}</span>', text.lang, text)
    return text


@register.filter
def join_with_lang(values, separator: str = ", "):
    """Texts or taxonomy terms joined, each bokmål one in its ``<span lang="nb">``:
    {{ offer.languages.all|join_with_lang }}."""
    return format_html_join(separator, "{}", ((with_lang(value),) for value in values))


@register.filter
def untranslated(obj) -> list[str]:
    """The fields of ``obj`` a reader of the active language sees in bokmål."""
    if obj is None:
        return []
    return obj.untranslated_fields()
