"""Admin for the casework models. The access log is read-only: no add, change or
delete, whoever asks (Normen: the log is append-only). Imported from referrals/admin.py."""

from django.contrib import admin

from referrals.models_casework import AccessLogEntry, CaseworkerAssignment, ReasonParagraph


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "user_label", "role", "action", "object_type", "reference", "allowed"]
    list_filter = ["action", "role", "allowed", "object_type"]
    search_fields = ["user_label", "reference", "person", "object_id"]
    date_hierarchy = "at"

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CaseworkerAssignment)
class CaseworkerAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "service_type", "district"]
    list_filter = ["service_type", "district"]
    autocomplete_fields = []


@admin.register(ReasonParagraph)
class ReasonParagraphAdmin(admin.ModelAdmin):
    list_display = ["title", "service_type", "outcome", "position"]
    list_filter = ["service_type", "outcome"]
