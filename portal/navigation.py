"""The main navigation: one list, filtered by who is looking. Entries whose URL does
not exist (yet) are left out."""

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from portal.permissions import group_names
from portal.roles import Role


@dataclass(frozen=True)
class NavEntry:
    url_name: str
    label: str | Promise
    role: Role | None = None  # None: everyone
    staff_only: bool = False
    signed_in_only: bool = False


NAVIGATION = [
    NavEntry("catalogue:offer_list", _("Finn et tilbud")),
    NavEntry("catalogue:guide", _("Hva passer for deg?")),
    NavEntry("referrals:apply_start", _("Søk om en tjeneste")),
    NavEntry("referrals:my_applications", _("Mine søknader")),
    NavEntry("catalogue:my_signups", _("Mine påmeldinger"), signed_in_only=True),
    NavEntry("referrals:queue", _("Saksbehandling"), role=Role.CASEWORKER),
    NavEntry("catalogue:staff_offers", _("Våre tilbud"), role=Role.UNIT_LEADER),
    NavEntry("referrals:capacity", _("Plasser og ventelister"), role=Role.UNIT_LEADER),
    NavEntry("admin:index", _("Administrasjon"), role=Role.ADMINISTRATOR),
    NavEntry("referrals:access_log", _("Tilgangslogg"), role=Role.ADMINISTRATOR),
    NavEntry("referrals:roles", _("Roller"), role=Role.ADMINISTRATOR),
]


def navigation_for(request) -> list[dict[str, Any]]:
    user = request.user
    role_names = group_names(user)
    items: list[dict[str, Any]] = []
    for entry in NAVIGATION:
        if entry.signed_in_only and not user.is_authenticated:
            continue
        if entry.role is not None and (
            entry.role.value not in role_names and not user.is_superuser
        ):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": entry.label, "current": False})
    # The entry with the longest URL that starts the current path is the current one,
    # so /tilbud/finn/ marks the guide rather than the catalogue.
    matching = [
        item for item in items if item["url"] != "/" and request.path.startswith(item["url"])
    ]
    if matching:
        max(matching, key=lambda item: len(item["url"]))["current"] = True
    return items
