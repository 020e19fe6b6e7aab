"""{{ number|phone }}: a stored phone number for reading (portal.phone.format_phone);
{{ number|phone_uri }} for a tel: link."""

from django import template

from portal.phone import format_phone, normalise_phone

register = template.Library()


@register.filter
def phone(value: str | None) -> str:
    return format_phone(value or "")


@register.filter
def phone_uri(value: str | None) -> str:
    """The number for href="tel:…": E.164 when it parses, else without spaces."""
    try:
        return normalise_phone(value or "")
    except Exception:
        return "".join((value or "").split())
