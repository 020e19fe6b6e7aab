"""Template helpers for the public catalogue."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

SHORT_WEEKDAYS = [_("man"), _("tir"), _("ons"), _("tor"), _("fre"), _("lør"), _("søn")]


@register.filter
def tr(obj, field: str) -> str:
    """The field in the active language, falling back to bokmål: {{ offer|tr:"title" }}."""
    if obj is None:
        return ""
    return obj.tr(field)


@register.filter
def open_days(offer) -> str:
    """Short names of the weekdays an offer is open, from its prefetched periods."""
    days = sorted({period.weekday for period in offer.opening_periods.all()})
    return ", ".join(str(SHORT_WEEKDAYS[day]) for day in days)


@register.filter
def districts(offer) -> list:
    """The districts of an offer's locations, each once, for ``join_with_lang``."""
    found = dict.fromkeys(
        location.district for location in offer.locations.all() if location.district
    )
    return list(found)
