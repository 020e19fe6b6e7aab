"""Template helpers for the public catalogue."""

from django import template

register = template.Library()


@register.filter
def tr(obj, field: str) -> str:
    """The field in the active language, falling back to bokmål: {{ offer|tr:"title" }}."""
    if obj is None:
        return ""
    return obj.tr(field)
