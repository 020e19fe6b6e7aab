"""Admin for the volunteers room: coordinators configure their units' roles, the
checklists and the help wanted (portal.admin_scoping: a role of another unit is a
404). Helpers and their onboarding are handled on the onboarding page, not here: the
admin shows no helper. Imported from referrals/admin.py."""

from django import forms
from django.contrib import admin
from django.db.models import QuerySet

from portal.admin_scoping import ScopedAdminMixin, ScopedInlineMixin, SharedAdminMixin
from portal.models import User
from referrals.volunteers import selectors
from referrals.volunteers.models import (
    ChecklistItem,
    HelpRequest,
    HelpRequestTime,
    Interest,
    VolunteerRole,
    VolunteerRoleTime,
)
from referrals.volunteers.rules import police_certificate_rule


@admin.register(Interest)
class InterestAdmin(SharedAdminMixin, admin.ModelAdmin[Interest]):
    list_display = ("name", "name_nn", "name_en", "slug", "position")
    search_fields = ("name", "name_nn", "name_en", "slug")
    prepopulated_fields = {"slug": ("name",)}


class ChecklistFormSet(forms.BaseInlineFormSet):  # type: ignore[type-arg]
    """A police-certificate item only where the rule allows one: the parent role as the
    form above describes it (kind and flags) decides."""

    def clean(self) -> None:
        super().clean()
        role = self.instance
        if police_certificate_rule(role).allowed:
            return
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE"):
                continue
            if data.get("kind") == ChecklistItem.Kind.POLICE_CERTIFICATE:
                form.add_error(
                    "kind",
                    ChecklistItem.police_not_allowed_message(),
                )


class ChecklistItemInline(ScopedInlineMixin, admin.TabularInline[ChecklistItem, VolunteerRole]):
    model = ChecklistItem
    formset = ChecklistFormSet
    extra = 1
    fields = ("position", "kind", "label", "label_nn", "label_en", "required")


class RoleTimeInline(ScopedInlineMixin, admin.TabularInline[VolunteerRoleTime, VolunteerRole]):
    model = VolunteerRoleTime
    extra = 1


@admin.register(VolunteerRole)
class VolunteerRoleAdmin(ScopedAdminMixin, admin.ModelAdmin[VolunteerRole]):
    list_display = ("title", "kind", "unit", "district", "public", "active")
    list_filter = ("kind", "public", "active")
    search_fields = ("title", "title_nn", "title_en", "unit__name")
    list_select_related = ("unit", "district")
    filter_horizontal = ("interests",)
    inlines = [ChecklistItemInline, RoleTimeInline]

    def scope(self, user: User) -> QuerySet[VolunteerRole]:
        return selectors.staff_roles(user)


class HelpRequestTimeInline(ScopedInlineMixin, admin.TabularInline[HelpRequestTime, HelpRequest]):
    model = HelpRequestTime
    extra = 1


@admin.register(HelpRequest)
class HelpRequestAdmin(ScopedAdminMixin, admin.ModelAdmin[HelpRequest]):
    list_display = ("__str__", "kind", "unit", "district", "status", "created_at")
    list_filter = ("kind", "status")
    list_select_related = ("unit", "district")
    # The case and decision are linked from the casework pages (they hold personal
    # data, which the admin never shows).
    exclude = ("application", "decision")
    filter_horizontal = ("interests", "languages")
    inlines = [HelpRequestTimeInline]

    def scope(self, user: User) -> QuerySet[HelpRequest]:
        return HelpRequest.objects.filter(unit__in=selectors.staff_units(user))
