"""Admin for the casework models. The access log is read-only: no add, change or
delete, whoever asks (Normen: the log is append-only); it is read by the same rule as
its page (``referrals.cases.access.may_view_access_log``), and reading it here is logged as
there. Imported from referrals/admin.py."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from portal.admin_scoping import ScopedAdminMixin, SharedAdminMixin
from portal.models import User
from referrals.cases import access
from referrals.cases.models import AccessLogEntry, CaseworkerAssignment
from referrals.casework.models import ReasonParagraph


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ScopedAdminMixin, admin.ModelAdmin[AccessLogEntry]):
    list_display = ["at", "user_label", "role", "action", "object_type", "reference", "allowed"]
    list_filter = ["action", "role", "allowed", "object_type"]
    search_fields = ["user_label", "reference", "person", "object_id"]
    date_hierarchy = "at"

    def scope(self, user: User) -> QuerySet[AccessLogEntry]:
        return access.access_log_for(user)

    def get_readonly_fields(
        self, request: HttpRequest, obj: AccessLogEntry | None = None
    ) -> list[str]:
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: AccessLogEntry | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: AccessLogEntry | None = None
    ) -> bool:
        return False

    # Reading the log is itself logged, as on its page. What was searched for is not
    # (it may be an identity number).
    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, object] | None = None
    ) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        if response.status_code == 200:
            access.log_access(
                user=request.user,
                action=AccessLogEntry.Action.LIST,
                object_type=access.ACCESS_LOG_OBJECT_TYPE,
            )
        return response

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, object] | None = None,
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        if response.status_code == 200:
            access.log_access(
                user=request.user,
                action=AccessLogEntry.Action.VIEW,
                object_type=access.ACCESS_LOG_OBJECT_TYPE,
                object_id=object_id,
            )
        return response


@admin.register(CaseworkerAssignment)
class CaseworkerAssignmentAdmin(ScopedAdminMixin, admin.ModelAdmin[CaseworkerAssignment]):
    list_display = ["user", "service_type", "district"]
    list_filter = ["service_type", "district"]
    autocomplete_fields = []

    def scope(self, user: User) -> QuerySet[CaseworkerAssignment]:
        # An assignment decides whose cases someone reads: only for accounts the user
        # may see (no one but a superuser touches a superuser's).
        return CaseworkerAssignment.objects.filter(user__in=User.objects.visible_to(user))


@admin.register(ReasonParagraph)
class ReasonParagraphAdmin(SharedAdminMixin, admin.ModelAdmin[ReasonParagraph]):
    list_display = ["title", "service_type", "legal_basis", "outcome", "position"]
    list_filter = ["service_type", "outcome"]
