"""/saksbehandling/roller/: role administration for administrators, outside the Django
admin. The page lists the staff with their roles and scopes and holds the form that
gives a role; giving and taking away are POSTs that call ``role_admin`` and come back
here. Users without ``portal.change_user`` get 403, anonymous users the log-in page.
"""

from typing import Any, TypedDict

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_stubs_ext import StrOrPromise

from portal.models import User
from portal.roles import Role
from referrals.cases.views import StaffMixin
from referrals.casework import role_admin
from referrals.casework.forms_roles import GrantRoleForm, RevokeRoleForm, StaffFilterForm

PAGE_SIZE = 50


class RoleCell(TypedDict):
    value: str
    label: StrOrPromise


class StaffRow(TypedDict):
    pk: int
    name: str
    email: str
    roles: list[RoleCell]
    units: list[str]
    assignments: list[str]


def _row(person: User) -> StaffRow:
    group_names = {group.name for group in person.groups.all()}
    assignments = [
        f"{assignment.service_type} – {assignment.district or _('alle bydeler')}"
        for assignment in person.casework_assignments.all()
    ]
    return {
        "pk": person.pk,
        "name": person.full_name or person.email,
        "email": person.email,
        "roles": [
            {"value": role.value, "label": role.label}
            for role in role_admin.MANAGED_ROLES
            if role.value in group_names
        ],
        "units": [str(unit) for unit in person.units.all()],
        "assignments": assignments,
    }


def _page(request: Any, grant_form: GrantRoleForm | None = None, status: int = 200) -> HttpResponse:
    filter_form = StaffFilterForm(request.GET or None)
    people = role_admin.staff_for(
        request.user, role=filter_form.role(), search=filter_form.search()
    )
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "referrals/casework/roles.html",
        {
            "filter_form": filter_form,
            "grant_form": grant_form or GrantRoleForm(actor=request.user),
            "page": page,
            "rows": [_row(person) for person in page.object_list],
            "changes": role_admin.recent_changes(),
            "query": query.urlencode(),
        },
        status=status,
    )


class RolesView(StaffMixin):
    permission_required = role_admin.PERMISSION
    http_method_names = ["get", "head", "options"]

    def get(self, request: Any) -> HttpResponse:
        return _page(self.request)


class GrantRoleView(StaffMixin):
    permission_required = role_admin.PERMISSION
    http_method_names = ["post", "options"]

    def post(self, request: Any) -> HttpResponse:
        form = GrantRoleForm(self.request.POST, actor=self.request.user)
        if not form.is_valid():
            return _page(self.request, form, status=422)
        person: User = form.cleaned_data["email"]
        role = Role(form.cleaned_data["role"])
        try:
            role_admin.grant_role(
                actor=self.request.user,
                person=person,
                role=role,
                units=list(form.cleaned_data["units"]),
                service_types=list(form.cleaned_data["service_types"]),
                districts=list(form.cleaned_data["districts"]),
            )
        except role_admin.RoleChangeRefused as error:
            form.add_error(None, error.message)
            return _page(self.request, form, status=422)
        messages.success(
            self.request,
            _("%(name)s har fått rollen %(role)s.")
            % {"name": person.full_name or person.email, "role": role.label},
        )
        return HttpResponseRedirect(reverse("referrals:roles"))


class RevokeRoleView(StaffMixin):
    permission_required = role_admin.PERMISSION
    http_method_names = ["post", "options"]

    def post(self, request: Any) -> HttpResponse:
        form = RevokeRoleForm(self.request.POST)
        if not form.is_valid():
            messages.error(self.request, _("Endringen kunne ikke gjøres. Prøv igjen."))
            return HttpResponseRedirect(reverse("referrals:roles"))
        person = role_admin.person_for(self.request.user, form.cleaned_data["person"])
        if person is None:
            raise Http404
        role = Role(form.cleaned_data["role"])
        try:
            role_admin.revoke_role(actor=self.request.user, person=person, role=role)
        except role_admin.RoleChangeRefused as error:
            messages.error(self.request, str(error.message))
        else:
            messages.success(
                self.request,
                _("Rollen %(role)s er fjernet fra %(name)s.")
                % {"name": person.full_name or person.email, "role": role.label},
            )
        return HttpResponseRedirect(reverse("referrals:roles"))
