from django.db import models
from django.utils.translation import get_language

SOURCE_LANGUAGE = "nb"
TRANSLATIONS = ("nn", "en")


class TranslatedText(str):
    """A text from the database and the language it is written in.

    ``fallback`` is True when the reader's language has no text and this is the bokmål
    one: templates then mark it with ``lang="nb"`` (translated_tags ``lang_attr`` and
    ``with_lang``), so screen readers pronounce it as Norwegian and the page can say that
    the text is only in bokmål.
    """

    lang: str
    fallback: bool

    def __new__(cls, value: str, lang: str = SOURCE_LANGUAGE, fallback: bool = False):
        text = super().__new__(cls, value)
        text.lang = lang
        text.fallback = fallback
        return text

    def __reduce__(self):
        return (TranslatedText, (str(self), self.lang, self.fallback))


def _reader_language() -> str:
    return (get_language() or SOURCE_LANGUAGE)[:2]


class Translated(models.Model):
    """Texts a citizen reads are stored in bokmål with optional nynorsk (``_nn``) and
    English (``_en``) versions. ``tr(field)`` picks the active language and falls back
    to bokmål, saying so (``TranslatedText.fallback``)."""

    class Meta:
        abstract = True

    def tr(self, field: str) -> TranslatedText:
        language = _reader_language()
        if language in TRANSLATIONS:
            value = getattr(self, f"{field}_{language}", "")
            if value:
                return TranslatedText(value, language)
            source = getattr(self, field)
            return TranslatedText(source, SOURCE_LANGUAGE, fallback=bool(source))
        return TranslatedText(getattr(self, field), SOURCE_LANGUAGE)

    @classmethod
    def translated_fields(cls) -> list[str]:
        """The fields written in bokmål that have nynorsk and English versions."""
        names = {field.name for field in cls._meta.get_fields()}
        return [name for name in sorted(names) if f"{name}_nn" in names and f"{name}_en" in names]

    def untranslated_fields(self, language: str | None = None) -> list[str]:
        """The fields with a bokmål text and none in ``language`` (by default the
        reader's): what a reader of that language sees in bokmål."""
        language = (language or _reader_language())[:2]
        if language not in TRANSLATIONS:
            return []
        return [
            name
            for name in self.translated_fields()
            if getattr(self, name) and not getattr(self, f"{name}_{language}")
        ]

    def untranslated_labels(self, language: str | None = None) -> list[str]:
        """The names of the missing texts of ``untranslated_fields``, as the form
        that edits them names them («tittel (nynorsk)» …)."""
        language = (language or _reader_language())[:2]
        return [
            str(getattr(self._meta.get_field(f"{name}_{language}"), "verbose_name", name))
            for name in self.untranslated_fields(language)
        ]
