"""A form with every kind of field, served on its own URL conf, for the template pack tests."""

from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout
from django import forms
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

from portal.forms import CrispyFormMixin

PAGE = engines["django"].from_string(
    """{% load crispy_forms_tags %}<!doctype html><html lang="nb"><head><title>Skjema</title></head>
<body><main><h1>Skjema</h1>
<form method="post" enctype="multipart/form-data" novalidate>{% csrf_token %}{% crispy form %}
<button type="submit">Send</button></form></main></body></html>"""
)


class KitchenSinkForm(CrispyFormMixin, forms.Form):
    name = forms.CharField(label="Navn", help_text="Slik det står i folkeregisteret.")
    email = forms.EmailField(label="E-post")
    password = forms.CharField(label="Passord", widget=forms.PasswordInput)
    age = forms.IntegerField(label="Alder", min_value=0, required=False)
    start = forms.DateField(label="Ønsket oppstart", widget=forms.DateInput(attrs={"type": "date"}))
    who = forms.ChoiceField(
        label="Hvem gjelder søknaden?",
        choices=[("self", "Meg selv"), ("other", "En annen")],
        widget=forms.RadioSelect,
        help_text="Velg ett alternativ.",
    )
    days = forms.MultipleChoiceField(
        label="Hvilke dager passer?",
        choices=[("mon", "Mandag"), ("tue", "Tirsdag"), ("wed", "Onsdag")],
        widget=forms.CheckboxSelectMultiple,
    )
    district = forms.ChoiceField(
        label="Bydel", choices=[("", "Velg bydel"), ("north", "Nord"), ("south", "Sør")]
    )
    message = forms.CharField(label="Melding", widget=forms.Textarea, required=False)
    attachment = forms.FileField(label="Vedlegg", required=False, help_text="PDF eller bilde.")
    consent = forms.BooleanField(label="Jeg bekrefter at opplysningene er riktige")
    step = forms.CharField(widget=forms.HiddenInput, initial="1")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("name") == "feil":
            raise forms.ValidationError("Skjemaet kan ikke sendes slik det er.")
        return cleaned


class LayoutForm(KitchenSinkForm):
    """The same form arranged with crispy Layout objects."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Fieldset("Om deg", "name", Field("email", css_class="extra"), "password", "age"),
            Div("start", "who", "days", css_class="group", css_id="group-1"),
            HTML('<p class="hint">{{ note }}</p>'),
            "district",
            "message",
            "attachment",
            "consent",
            "step",
        )


def _view(form_class):
    def view(request):
        if request.method == "POST":
            form = form_class(request.POST, request.FILES)
            if form.is_valid():
                return HttpResponse("ok")
        else:
            form = form_class()
        return HttpResponse(PAGE.render({"form": form, "note": "Notat fra konteksten"}, request))

    return view


urlpatterns = [
    path("skjema/", _view(KitchenSinkForm), name="kitchen_sink"),
    path("skjema/layout/", _view(LayoutForm), name="kitchen_sink_layout"),
    path("", include("portal.portal_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]
