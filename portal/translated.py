from django.db import models
from django.utils.translation import get_language


class Translated(models.Model):
    """Texts a citizen reads are stored in bokmål with optional nynorsk (``_nn``) and
    English (``_en``) versions. ``tr(field)`` picks the active language and falls back
    to bokmål."""

    class Meta:
        abstract = True

    def tr(self, field: str) -> str:
        language = (get_language() or "nb")[:2]
        if language in {"nn", "en"}:
            value = getattr(self, f"{field}_{language}", "")
            if value:
                return value
        return getattr(self, field)
