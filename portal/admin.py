from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from portal.models import User

admin.site.site_header = _("Administrasjon av aktivitetsportalen")
admin.site.site_title = _("Aktivitetsportalen")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_active", "groups", "units"]
    search_fields = ["email", "full_name"]
    filter_horizontal = ["groups", "user_permissions", "units"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "phone"]}),
        (
            _("Roller og enheter"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "units"]},
        ),
        (_("Tidspunkter"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]
