"""GET filters for the administrators' access-log page (/saksbehandling/tilgangslogg/).

Parameter names are Norwegian, so a filtered view can be shared as a link:

==============  ==============================================================
``person``      a case reference (2026-000123) or part of the person's name
``bruker``      a member of staff (user id)
``rolle``       the role the user acted in
``handling``    view, change, download, list
``objekttype``  what was accessed (application, attachment, decision, …)
``fra``         from this date (inclusive)
``til``         to this date (inclusive)
``avviste``     1: refused attempts only
==============  ==============================================================

The person is never searched by national identity number (it must not travel in a
URL): eleven digits are refused with a message, and the log itself holds none. A name
is resolved on the server to the applications about people with that name, and also
matched against the pseudonymous person key stored in each row.
"""

import re
from datetime import date, datetime, time, timedelta

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import (
    BooleanFilter,
    CharFilter,
    ChoiceFilter,
    DateFilter,
    FilterSet,
    ModelChoiceFilter,
)

from portal.models import User
from portal.roles import Role
from referrals.cases.models import AccessLogEntry, Application

REFERENCE = re.compile(r"^\d{4}-\d{6}$")
# Eleven digits once spaces, dots and dashes are left out: a fødselsnummer / D-number.
NATIONAL_ID_LIKE = re.compile(r"\d{11}")
SEPARATORS = re.compile(r"[\s.-]")

ROLE_CHOICES = [*Role.choices, ("anonymous", _("Ikke innlogget"))]

# What the log's rows are about; the values are written by referrals.cases.access and the
# casework views. Unknown values in the URL are simply not among the choices.
OBJECT_TYPE_CHOICES = [
    ("application", _("Søknad")),
    ("attachment", _("Vedlegg")),
    ("decision", _("Vedtaksbrev")),
    ("decision_proposal", _("Vedtak til godkjenning")),
    ("preliminary_reply", _("Foreløpig svar")),
    ("appeal_case_file", _("Klagesak til Statsforvalteren")),
    ("consultation", _("Drøfting")),
    ("queue", _("Saksliste")),
    ("person_search", _("Søk på fødselsnummer")),
    ("kpr_export", _("Uttrekk til KPR")),
    ("access_log", _("Tilgangslogg")),
    ("print_queue", _("Utskriftskø")),
    ("print_batch", _("Utskriftsbunke")),
    ("volunteer_helpers", _("Hjelpere (frivillige og støttekontakter)")),
    ("volunteer_enrolment", _("Hjelper i rolle")),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, object] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _no_national_id(value: str) -> None:
    if value and NATIONAL_ID_LIKE.search(SEPARATORS.sub("", value)):
        raise ValidationError(
            _("Søk på referanse eller navn. Fødselsnummer kan ikke brukes i søket.")
        )


def _staff_users(request: HttpRequest | None = None) -> QuerySet[User]:
    """The members of staff one can filter on (django-filter passes the request)."""
    staff = [role.value for role in Role if role != Role.CITIZEN]
    return (
        get_user_model()
        .objects.filter(Q(groups__name__in=staff) | Q(is_superuser=True))
        .distinct()
        .order_by("full_name", "email")
    )


class StaffChoiceField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return obj.full_name or obj.email


class StaffFilter(ModelChoiceFilter):
    field_class = StaffChoiceField


class AccessLogFilter(FilterSet):
    person = CharFilter(
        label=_("Søk på referanse eller navn"),
        method="filter_person",
        max_length=100,
        validators=[_no_national_id],
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    bruker = StaffFilter(
        label=_("Bruker"),
        field_name="user",
        queryset=_staff_users,
        empty_label=_("Alle"),
    )
    rolle = ChoiceFilter(
        label=_("Rolle"), field_name="role", choices=ROLE_CHOICES, empty_label=_("Alle")
    )
    handling = ChoiceFilter(
        label=_("Handling"),
        field_name="action",
        choices=AccessLogEntry.Action.choices,
        empty_label=_("Alle"),
    )
    objekttype = ChoiceFilter(
        label=_("Objekttype"),
        field_name="object_type",
        choices=OBJECT_TYPE_CHOICES,
        empty_label=_("Alle"),
    )
    fra = DateFilter(label=_("Fra dato"), method="filter_from", widget=DateInput())
    til = DateFilter(label=_("Til dato"), method="filter_to", widget=DateInput())
    avviste = BooleanFilter(
        label=_("Bare avviste forsøk"),
        method="filter_refused",
        widget=forms.CheckboxInput(attrs={"value": "1"}),
    )

    class Meta:
        model = AccessLogEntry
        fields: list[str] = []

    @property
    def form(self) -> forms.Form:
        form: forms.Form = super().form
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        form.helper = helper  # type: ignore[attr-defined]  # where crispy-forms looks for it
        return form

    def filter_person(
        self, queryset: QuerySet[AccessLogEntry], name: str, value: str
    ) -> QuerySet[AccessLogEntry]:
        value = value.strip()
        if not value:
            return queryset
        if REFERENCE.match(value):
            return queryset.filter(reference=value)
        # Resolved here, never in the URL: the applications about a person of that name
        # (one subquery), plus the name in the row's pseudonymous person key.
        about = Application.objects.filter(person_name__icontains=value).values("pk")
        return queryset.filter(Q(application_id_logged__in=about) | Q(person__icontains=value))

    def filter_from(
        self, queryset: QuerySet[AccessLogEntry], name: str, value: date
    ) -> QuerySet[AccessLogEntry]:
        start = timezone.make_aware(datetime.combine(value, time.min))
        return queryset.filter(at__gte=start)

    def filter_to(
        self, queryset: QuerySet[AccessLogEntry], name: str, value: date
    ) -> QuerySet[AccessLogEntry]:
        end = timezone.make_aware(datetime.combine(value + timedelta(days=1), time.min))
        return queryset.filter(at__lt=end)

    def filter_refused(
        self, queryset: QuerySet[AccessLogEntry], name: str, value: bool
    ) -> QuerySet[AccessLogEntry]:
        return queryset.filter(allowed=False) if value else queryset
