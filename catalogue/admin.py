"""Administrators manage the whole catalogue here, including the configurable lists
(districts, accessibility features, categories, languages). Unit leaders use the
portal's own staff pages instead; should they open the admin, it shows them their own
units' offers and reports only, by the rules the pages use (portal.admin_scoping)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from catalogue.models import (
    AccessibilityFeature,
    Category,
    District,
    ErrorReport,
    Event,
    Language,
    Location,
    Offer,
    OfferChange,
    OpeningPeriod,
    Question,
    ScheduleException,
    SearchSynonym,
    ServiceType,
    Unit,
)
from catalogue.participation import admin as admin_participation  # noqa: F401
from portal.admin_scoping import ScopedAdminMixin, ScopedInlineMixin, SharedAdminMixin


def _attachable_locations(user, offer):
    return Location.objects.attachable_by(user, offer=offer)


class TaxonomyAdmin(SharedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "name_nn", "name_en", "slug", "position")
    list_editable = ("position",)
    search_fields = ("name", "name_nn", "name_en", "slug")
    prepopulated_fields = {"slug": ("name",)}


for model in (District, AccessibilityFeature, Category, Language):
    admin.site.register(model, TaxonomyAdmin)


@admin.register(Unit)
class UnitAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "email", "phone")
    list_filter = ("kind",)
    search_fields = ("name", "email")
    prepopulated_fields = {"slug": ("name",)}

    def scope(self, user):
        return Unit.objects.for_user(user)


@admin.register(Location)
class LocationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "address", "postcode", "place", "district", "unit")
    list_filter = ("district", "accessibility")
    search_fields = ("name", "address", "place")
    list_select_related = ("district", "unit")
    autocomplete_fields = ("unit",)
    filter_horizontal = ("accessibility",)

    def scope(self, user):
        return Location.objects.for_user(user)


class OpeningPeriodInline(ScopedInlineMixin, admin.TabularInline):
    model = OpeningPeriod
    extra = 0
    fields = ("weekday", "opens", "closes", "location", "valid_from", "valid_until")
    related_scopes = {"location": _attachable_locations}


class ScheduleExceptionInline(ScopedInlineMixin, admin.TabularInline):
    model = ScheduleException
    extra = 0
    fields = ("date", "closed", "opens", "closes", "note", "note_nn", "note_en")


class EventInline(ScopedInlineMixin, admin.TabularInline):
    model = Event
    extra = 0
    fields = ("title", "title_nn", "title_en", "starts_at", "ends_at", "location")
    related_scopes = {"location": _attachable_locations}


class OfferChangeInline(ScopedInlineMixin, admin.TabularInline):
    model = OfferChange
    extra = 0
    can_delete = False
    fields = ("at", "action", "user", "changed_fields")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Offer)
class OfferAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("title", "unit", "participation", "status", "last_reviewed", "updated_at")
    list_filter = (
        "status",
        "participation",
        "cost",
        "transport_offered",
        "meals_offered",
        "counts_as_relief",
        "categories",
        "unit__kind",
    )
    search_fields = ("title", "title_nn", "title_en", "summary", "unit__name")
    list_select_related = ("unit",)
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("unit",)
    filter_horizontal = ("locations", "categories", "languages")
    date_hierarchy = "updated_at"
    inlines = [OpeningPeriodInline, ScheduleExceptionInline, EventInline, OfferChangeInline]
    readonly_fields = ("created_at", "updated_at", "published_at")

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # Counted from the places given by decisions (referrals' capacity room) for an
        # offer taking applications with its places per day set: never typed in here.
        # Disabled, not read-only, so "save as new" and a form with errors keep it.
        field = form.base_fields.get("places_available")
        if obj is not None and obj.places_from_capacity and field is not None:
            field.disabled = True
        return form

    fieldsets = (
        (
            None,
            {
                "fields": (
                    "title",
                    "title_nn",
                    "title_en",
                    "slug",
                    "unit",
                    "status",
                    "last_reviewed",
                )
            },
        ),
        (
            _("Tekster"),
            {
                "fields": (
                    "summary",
                    "summary_nn",
                    "summary_en",
                    "easy_read",
                    "easy_read_nn",
                    "easy_read_en",
                    "description",
                    "description_nn",
                    "description_en",
                )
            },
        ),
        (
            _("Hvem det passer for"),
            {"fields": ("suits", "suits_nn", "suits_en", "age_min", "age_max")},
        ),
        (
            _("Slik deltar du"),
            {
                "fields": (
                    "participation",
                    "service_type",
                    "signup_text",
                    "signup_text_nn",
                    "signup_text_en",
                )
            },
        ),
        (_("Sted og kategorier"), {"fields": ("locations", "categories", "languages")}),
        (
            _("Praktisk"),
            {
                "fields": (
                    "cost",
                    "price_text",
                    "price_text_nn",
                    "price_text_en",
                    "transport_offered",
                    "transport_text",
                    "transport_text_nn",
                    "transport_text_en",
                    "meals_offered",
                    "meals_text",
                    "meals_text_nn",
                    "meals_text_en",
                    "counts_as_relief",
                    "capacity_per_day",
                    "places_available",
                    "closed_on_public_holidays",
                )
            },
        ),
        (
            _("Frivillige"),
            {
                "fields": (
                    "volunteers_involved",
                    "volunteer_text",
                    "volunteer_text_nn",
                    "volunteer_text_en",
                )
            },
        ),
        (
            _("Kontakt og bilde"),
            {
                "fields": (
                    "contact_name",
                    "contact_phone",
                    "contact_email",
                    "image",
                    "image_alt",
                    "image_alt_nn",
                    "image_alt_en",
                )
            },
        ),
        (_("Historikk"), {"fields": ("created_at", "updated_at", "published_at")}),
    )
    related_scopes = {"locations": _attachable_locations}

    def scope(self, user):
        return Offer.objects.for_user(user)


@admin.register(ErrorReport)
class ErrorReportAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("offer", "created_at", "handled_at")
    list_filter = ("handled_at",)
    list_select_related = ("offer",)
    search_fields = ("message", "offer__title")
    raw_id_fields = ("offer",)

    def scope(self, user):
        return ErrorReport.objects.for_user(user)

    def get_readonly_fields(self, request, obj=None):
        # What was reported, by whom and about which offer is the citizen's; the unit
        # only records that (and by whom) it was handled.
        if obj is None:
            return ("created_at",)
        return ("offer", "message", "reporter_email", "created_at")


class ServiceTypeAdminForm(forms.ModelForm):
    questions = forms.MultipleChoiceField(
        label=_("Tilleggsspørsmål"),
        choices=Question.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Spørsmål som stilles på siden om behov for denne tjenesten."),
    )

    class Meta:
        model = ServiceType
        fields = [
            "slug",
            "name",
            "name_nn",
            "name_en",
            "position",
            "active",
            "description",
            "description_nn",
            "description_en",
            "legal_basis",
            "legal_basis_nn",
            "legal_basis_en",
            "legal_basis_text",
            "legal_basis_text_nn",
            "legal_basis_text_en",
            "processing_days",
            "appeal_basis",
            "questions",
            "requires_second_approval",
            "kpr_code",
            "for_caregivers",
        ]


@admin.register(ServiceType)
class ServiceTypeAdmin(SharedAdminMixin, admin.ModelAdmin):
    form = ServiceTypeAdminForm
    list_display = ["name", "slug", "kpr_code", "processing_days", "appeal_basis", "active"]
    list_filter = ["active", "appeal_basis", "for_caregivers"]
    search_fields = ["name", "slug"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "slug",
                    "name",
                    "name_nn",
                    "name_en",
                    "position",
                    "active",
                    "for_caregivers",
                ]
            },
        ),
        (_("Beskrivelse"), {"fields": ["description", "description_nn", "description_en"]}),
        (
            _("Saksbehandling"),
            {
                "fields": [
                    "legal_basis",
                    "legal_basis_nn",
                    "legal_basis_en",
                    "legal_basis_text",
                    "legal_basis_text_nn",
                    "legal_basis_text_en",
                    "processing_days",
                    "appeal_basis",
                    "questions",
                    "requires_second_approval",
                    "kpr_code",
                ]
            },
        ),
    ]


@admin.register(SearchSynonym)
class SearchSynonymAdmin(SharedAdminMixin, admin.ModelAdmin):
    """Groups of words that mean the same in a search, beside the shipped lexicon
    (catalogue/search/data/lexicon.txt). Saving one takes effect at once."""

    list_display = ["terms", "note", "updated_at"]
    search_fields = ["terms", "note"]
