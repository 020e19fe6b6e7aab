"""{{ number|phone }}: a stored phone number for reading (portal.phone.format_phone);
{{ number|phone_uri }} for a tel: link."""

from django import template

from portal.phone import format_phone, tel_uri

register = template.Library()


@register.filter
def phone(value: str | None) -> str:
    return format_phone(value or "")


@register.filter
def phone_uri(value: str | None) -> str:
    return tel_uri(value or "")
