from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from portal.admin_scoping import SharedAdminMixin
from referrals.models import Question, ServiceType


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
            "processing_days",
            "appeal_basis",
            "questions",
            "requires_second_approval",
            "kpr_code",
        ]


@admin.register(ServiceType)
class ServiceTypeAdmin(SharedAdminMixin, admin.ModelAdmin):
    form = ServiceTypeAdminForm
    list_display = ["name", "slug", "kpr_code", "processing_days", "appeal_basis", "active"]
    list_filter = ["active", "appeal_basis"]
    search_fields = ["name", "slug"]
    fieldsets = [
        (None, {"fields": ["slug", "name", "name_nn", "name_en", "position", "active"]}),
        (_("Beskrivelse"), {"fields": ["description", "description_nn", "description_en"]}),
        (
            _("Saksbehandling"),
            {
                "fields": [
                    "legal_basis",
                    "legal_basis_nn",
                    "legal_basis_en",
                    "processing_days",
                    "appeal_basis",
                    "questions",
                    "requires_second_approval",
                    "kpr_code",
                ]
            },
        ),
    ]


# Applications hold special-category personal data: they are read and changed only on
# the casework pages (issue 5), which check access and write the access log, never in
# the generic admin. The casework configuration and the read-only access log are
# registered in admin_casework.
from referrals import admin_casework  # noqa: E402,F401
