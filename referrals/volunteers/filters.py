"""GET filters of /frivillig/ (work without JavaScript, shareable as links):

==========  ====================================
``bydel``   district slug
``interesse``  interest slug
``tid``     morning | afternoon | evening
``dag``     weekday number 0 (Monday) … 6
==========  ====================================
"""

from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, FilterSet, ModelChoiceFilter

from catalogue.models import District, Weekday
from referrals.volunteers.models import HelpRequest, Interest, PartOfDay, VolunteerRole


class _WantedFilter(FilterSet):
    bydel = ModelChoiceFilter(
        label=_("Bydel"),
        queryset=District.objects.all(),
        to_field_name="slug",
        method="filter_district",
        empty_label=_("Alle bydeler"),
    )
    interesse = ModelChoiceFilter(
        label=_("Interesse"),
        queryset=Interest.objects.all(),
        to_field_name="slug",
        method="filter_interest",
        empty_label=_("Alle interesser"),
    )
    dag = ChoiceFilter(
        label=_("Dag"), choices=Weekday.choices, method="filter_day", empty_label=_("Alle dager")
    )
    tid = ChoiceFilter(
        label=_("Tid på dagen"),
        choices=PartOfDay.choices,
        method="filter_part",
        empty_label=_("Hele dagen"),
    )

    @property
    def form(self) -> forms.Form:
        form: forms.Form = super().form
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        form.helper = helper  # type: ignore[attr-defined]  # where crispy-forms looks for it
        return form

    def filter_district(self, queryset: QuerySet[Any], name: str, value: Model) -> QuerySet[Any]:
        # A listing without a district is open to helpers from anywhere.
        return queryset.filter(Q(district=value) | Q(district__isnull=True))

    def filter_interest(self, queryset: QuerySet[Any], name: str, value: Model) -> QuerySet[Any]:
        return queryset.filter(interests=value).distinct()

    def filter_day(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(times__weekday=int(value)).distinct()

    def filter_part(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(times__part=value).distinct()


class RoleFilter(_WantedFilter):
    class Meta:
        model = VolunteerRole
        fields: list[str] = []


class HelpRequestFilter(_WantedFilter):
    class Meta:
        model = HelpRequest
        fields: list[str] = []
