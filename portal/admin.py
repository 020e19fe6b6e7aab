from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group, Permission
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_tasks_db import admin as tasks_admin
from django_tasks_db.models import DBTaskResult

from portal import library_texts
from portal.admin_scoping import ScopedAdminMixin, SuperuserOnlyAdminMixin
from portal.models import User
from portal.roles import groups_visible_to

admin.site.site_header = _("Administrasjon av aktivitetsportalen")
admin.site.site_title = _("Aktivitetsportalen")


class AdminPasswordChangeForm(auth_forms.AdminPasswordChangeForm):
    # Django joins this help text once, in the language active when it is imported, to
    # a warning it never translates; here it is joined per request, in the reader's.
    usable_password_help_text = format_lazy(  # type: ignore[assignment]  # lazy is fine
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        auth_forms.SetUnusablePasswordMixin.usable_password_help_text,
        _("Hvis du slår det av, går brukerens nåværende passord tapt."),
    )


@admin.register(User)
class UserAdmin(ScopedAdminMixin, BaseUserAdmin):
    """Administrators add staff and give them roles and units. No one but a superuser
    sees or changes a superuser or makes anyone one, and no one but a superuser changes
    their own roles, units or access (``User.objects.visible_to``)."""

    change_password_form = AdminPasswordChangeForm
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_active", "groups", "units"]
    search_fields = ["email", "full_name"]
    filter_horizontal = ["groups", "user_permissions", "units"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "phone", "reserved_against_digital"]}),
        (
            _("Roller og enheter"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "units"]},
        ),
        (_("Tidspunkter"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]

    def scope(self, user):
        return User.objects.visible_to(user)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if request.user.is_superuser:
            return fields
        fields.append("is_superuser")
        if obj is not None and obj.pk == request.user.pk:
            fields += ["is_active", "is_staff", "groups", "units"]
        return fields


def _permissions_for_superusers(user, group):
    return Permission.objects.all() if user.is_superuser else Permission.objects.none()


# The admins other apps register get a scope too: every admin on the site has one
# (tests/security/test_admin_matrix.py).


class GroupAdmin(ScopedAdminMixin, BaseGroupAdmin):
    """The roles are groups (portal.roles). Changing a group changes what everyone in it
    may do, so only a superuser adds, changes or deletes one."""

    related_scopes = {"permissions": _permissions_for_superusers}

    def scope(self, user):
        return groups_visible_to(user)

    def has_add_permission(self, request):
        return request.user.is_superuser and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


class AccessAttemptAdmin(ScopedAdminMixin, axes_admin.AccessAttemptAdmin):
    def scope(self, user):
        # Failed log-ins belong to no unit: whoever holds the permission
        # (administrators, who unlock accounts) sees them all.
        return AccessAttempt.objects.all()


class AccessLogAdmin(SuperuserOnlyAdminMixin, axes_admin.AccessLogAdmin):
    pass


class AccessFailureLogAdmin(SuperuserOnlyAdminMixin, axes_admin.AccessFailureLogAdmin):
    pass


class DBTaskResultAdmin(SuperuserOnlyAdminMixin, tasks_admin.DBTaskResultAdmin):
    # The library's own columns are named in English only (portal.library_texts).
    @admin.display(description=library_texts.TASK_TRACEBACK)
    def formatted_traceback(self, obj):
        return super().formatted_traceback(obj)

    @admin.display(description=library_texts.TASK_RUN_AFTER)
    def display_run_after(self, obj):
        return super().display_run_after(obj)


for model, model_admin in (
    (Group, GroupAdmin),
    (AccessAttempt, AccessAttemptAdmin),
    (AccessLog, AccessLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
    (DBTaskResult, DBTaskResultAdmin),
):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
        admin.site.register(model, model_admin)
