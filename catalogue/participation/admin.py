"""The sessions of offers taking sign-ups, in the admin: to look at, not to change.

Sessions are made, moved and cancelled on the unit's own pages
(catalogue.participation.views_unit), which tell the people signed up; an edit or a
delete here would not, so the admin only shows them (view permission: the unit leaders
their own units' sessions, the administrator every unit's; portal.admin_scoping). The
sign-ups themselves (names, phone numbers, needs) are not in the admin: the unit's
participant lists show them. Imported from catalogue/admin.py."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from catalogue.models import Offer
from catalogue.participation.models import Session
from portal.admin_scoping import ScopedAdminMixin
from portal.models import User


@admin.register(Session)
class SessionAdmin(ScopedAdminMixin, admin.ModelAdmin[Session]):
    list_display = ("offer", "starts_at", "ends_at", "location", "places")
    list_select_related = ("offer", "location")
    search_fields = ("offer__title",)
    date_hierarchy = "starts_at"

    def scope(self, user: User) -> QuerySet[Session]:
        return Session.objects.filter(offer__in=Offer.objects.for_user(user).values("pk"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Session | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Session | None = None) -> bool:
        return False
