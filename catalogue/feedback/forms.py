"""The feedback form: three questions on a five-point scale and a free text."""

from crispy_forms.layout import Field, Layout
from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from catalogue.feedback.models import FREE_TEXT_MAX_LENGTH
from portal.forms import CrispyFormMixin

# The questions, in plain language, in the order they are asked and shown.
QUESTION_LABELS = {
    "enjoyed": _("Hadde du det bra hos oss?"),
    "took_part": _("Fikk du være med på det du ønsket?"),
    "recommend": _("Vil du anbefale tilbudet til andre?"),
}

# Each score with its words; the smiley only decorates (hidden from screen readers).
SCALE_LABELS = (
    (1, "\N{DISAPPOINTED FACE}", _("Svært dårlig")),
    (2, "\N{SLIGHTLY FROWNING FACE}", _("Dårlig")),
    (3, "\N{NEUTRAL FACE}", _("Middels")),
    (4, "\N{SLIGHTLY SMILING FACE}", _("Bra")),
    (5, "\N{SMILING FACE WITH OPEN MOUTH AND SMILING EYES}", _("Svært bra")),
)


def scale_label(score: int) -> str:
    return str(next(label for value, _glyph, label in SCALE_LABELS if value == score))


class FeedbackForm(CrispyFormMixin, forms.Form):
    enjoyed = forms.TypedChoiceField(coerce=int)
    took_part = forms.TypedChoiceField(coerce=int)
    recommend = forms.TypedChoiceField(coerce=int)
    free_text = forms.CharField(
        label=_("Vil du si noe mer? (valgfritt)"),
        help_text=_("Svaret er anonymt. Ikke skriv navn eller helseopplysninger."),
        required=False,
        max_length=FREE_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per form so the labels are in the reader's language.
        choices = [
            (
                value,
                format_html(
                    '<span class="feedback-smiley" aria-hidden="true">{}</span> {}', glyph, label
                ),
            )
            for value, glyph, label in SCALE_LABELS
        ]
        for name, label in QUESTION_LABELS.items():
            field = self.fields[name]
            field.label = label
            field.choices = choices
            field.widget = forms.RadioSelect(choices=choices)
            field.error_messages["required"] = _("Velg et svar fra «Svært dårlig» til «Svært bra»")
            field.error_messages["invalid_choice"] = field.error_messages["required"]
        self.helper.layout = Layout(
            *(Field(name, wrapper_class="feedback-scale") for name in QUESTION_LABELS),
            Field("free_text"),
        )

    def clean_free_text(self) -> str:
        return self.cleaned_data["free_text"].strip()
