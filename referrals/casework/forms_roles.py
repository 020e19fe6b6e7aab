"""Forms of the role administration page. They clean and normalise input only; the
changes are made by ``referrals.casework.role_admin``."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.models import District, ServiceType, Unit
from portal.forms import CrispyFormMixin
from portal.models import User
from portal.roles import Role
from referrals.casework.role_admin import MANAGED_ROLES, find_person

ROLE_CHOICES = [(role.value, role.label) for role in MANAGED_ROLES]


class StaffFilterForm(CrispyFormMixin, forms.Form):
    rolle = forms.ChoiceField(
        label=_("Rolle"), required=False, choices=[("", _("Alle")), *ROLE_CHOICES]
    )
    q = forms.CharField(label=_("Søk på navn eller e-postadresse"), required=False, max_length=100)

    def role(self) -> Role | None:
        value = self.cleaned_data.get("rolle") if self.is_valid() else ""
        return Role(value) if value else None

    def search(self) -> str:
        return str(self.cleaned_data.get("q") or "").strip() if self.is_valid() else ""


class GrantRoleForm(CrispyFormMixin, forms.Form):
    """Who gets which role, with which scope. The person must already have an account;
    ``actor`` is the administrator, whose view of accounts the lookup uses."""

    email = forms.EmailField(
        label=_("E-postadresse"),
        max_length=254,
        help_text=_("Personen må ha en konto i portalen."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(label=_("Rolle"), choices=ROLE_CHOICES, widget=forms.RadioSelect)
    units = forms.ModelMultipleChoiceField(
        label=_("Enheter"),
        queryset=Unit.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For saksbehandlere og enhetsledere: enhetene personen jobber for."),
    )
    service_types = forms.ModelMultipleChoiceField(
        label=_("Tjenestetyper"),
        queryset=ServiceType.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For saksbehandlere: tjenestetypene de behandler saker for."),
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Bydeler"),
        queryset=District.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For saksbehandlere. Ingen valgt betyr alle bydeler."),
    )

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor

    def clean_email(self) -> User:
        email = self.cleaned_data["email"]
        person = find_person(self.actor, email)
        if person is None:
            raise forms.ValidationError(
                _("Fant ingen aktiv konto med denne e-postadressen. Sjekk adressen."),
                code="unknown",
            )
        return person

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role = data.get("role")
        if role in (Role.CASEWORKER.value, Role.UNIT_LEADER.value) and not data.get("units"):
            self.add_error("units", _("Velg minst én enhet."))
        if role == Role.CASEWORKER.value and not data.get("service_types"):
            self.add_error("service_types", _("Velg minst én tjenestetype."))
        return data


class RevokeRoleForm(forms.Form):
    person = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    role = forms.ChoiceField(choices=ROLE_CHOICES, widget=forms.HiddenInput)
