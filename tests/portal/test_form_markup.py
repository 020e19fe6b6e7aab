"""portal.form_markup writes the same HTML as ``{% crispy form %}`` with the
Designsystemet template pack, and as Django's widget templates, byte for byte."""

from unittest import mock

import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Layout
from django import forms
from django.contrib.auth.models import Group
from django.forms.renderers import get_default_renderer
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from portal import form_markup

CRISPY = Template("{% load crispy_forms_tags %}{% crispy form %}")


def crispy(form) -> str:
    return CRISPY.render(Context({"form": form}))


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Søk",
        required=False,
        help_text="Ett eller flere ord.",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    name = forms.CharField(label="Navn", max_length=20)
    age = forms.IntegerField(label="Alder", required=False, min_value=0)
    days = forms.MultipleChoiceField(
        label="Dager",
        required=False,
        choices=[("mon", "Mandag"), ("tue", gettext_lazy("tirsdag")), ("wed", "Onsdag & <b>")],
        widget=forms.CheckboxSelectMultiple,
        help_text="Velg så mange du vil.",
    )
    kinds = forms.MultipleChoiceField(
        label="Slag",
        choices=[("a", "A"), ("b", "B")],
        widget=forms.CheckboxSelectMultiple,
    )
    free = forms.BooleanField(
        label="Gratis", required=False, widget=forms.CheckboxInput(attrs={"value": "1"})
    )
    consent = forms.BooleanField(label="Jeg bekrefter", help_text="Les vilkårene først.")
    sort = forms.ChoiceField(
        label="Sorter",
        required=False,
        choices=[("", "Velg"), ("Grupper", [("x", "X <1>"), ("y", "Y")]), ("z", "Z")],
    )

    def __init__(self, *args, more_open: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            "q",
            "name",
            "age",
            HTML(f"<details{' open' if more_open else ''}><summary>Mer</summary>"),
            "days",
            "kinds",
            "free",
            "consent",
            HTML("</details>"),
            "sort",
        )


VALID = {"name": "Kari <K>", "kinds": ["b"], "consent": "on", "q": 'kafé "x" & y'}
STATES = [
    pytest.param(None, id="unbound"),
    pytest.param(VALID, id="valid"),
    pytest.param(
        {**VALID, "days": ["tue", "wed"], "free": "1", "sort": "x", "age": "12"}, id="all"
    ),
    pytest.param({**VALID, "age": "-1", "name": ""}, id="errors"),
    pytest.param({"q": "<script>"}, id="mostly-missing"),
]


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
@pytest.mark.parametrize("data", STATES)
def test_it_writes_what_crispy_writes(data, language):
    with translation.override(language):
        for more_open in (False, True):
            expected = crispy(SearchForm(data, more_open=more_open))
            assert str(form_markup.render(SearchForm(data, more_open=more_open))) == expected
            # Again, now with the kept field markup.
            assert str(form_markup.render(SearchForm(data, more_open=more_open))) == expected


def test_the_kept_markup_follows_the_values():
    for days in (["mon"], ["tue"], [], ["mon", "wed"], ["mon"]):
        data = {**VALID, "days": days}
        assert form_markup.render(SearchForm(data)) == crispy(SearchForm(data))


def test_a_form_without_errors_is_written_without_crispy_templates():
    form_markup.render(SearchForm(VALID))  # the frame around the fields is kept
    with mock.patch.object(
        form_markup, "render_crispy_form", wraps=form_markup.render_crispy_form
    ) as rendered:
        html = form_markup.render(SearchForm({**VALID, "q": "noe nytt"}))
    assert rendered.call_count == 0
    assert 'value="noe nytt"' in html


def test_a_form_with_errors_keeps_the_error_summary_and_the_described_by():
    data = {**VALID, "name": ""}
    html = str(form_markup.render(SearchForm(data)))
    assert html == crispy(SearchForm(data))
    assert "ds-error-summary" in html
    assert 'aria-describedby="id_name_error"' in html
    assert 'aria-describedby="id_q_hint"' in html


def test_a_hint_is_tied_to_its_control_and_group():
    html = str(form_markup.render(SearchForm()))
    assert '<div data-field="description" id="id_q_hint">Ett eller flere ord.</div>' in html
    search_input = html.split('name="q"')[1].split(">")[0]
    assert 'aria-describedby="id_q_hint"' in search_input
    assert '<fieldset class="ds-fieldset" id="div_id_days" aria-describedby="id_days_hint">' in html


def test_layout_objects_it_does_not_write_go_to_crispy():
    form = SearchForm(VALID)
    form.helper.layout = Layout(Div("q", "name", css_class="group"), "consent")
    html = form_markup.render(form)
    assert html == crispy(form)
    assert '<div class="group">' in html


WIDGET_CASES = [
    (forms.TextInput(), "t", 'a "b" <c> & d'),
    (forms.TextInput(attrs={"type": "search", "autocomplete": "off"}), "q", None),
    (forms.TextInput(attrs={"required": True, "disabled": False}), "t", ""),
    (forms.NumberInput(attrs={"min": 0}), "n", 123456),
    (forms.EmailInput(), "e", "kari@example.no"),
    (forms.PasswordInput(), "p", "hemmelig"),
    (forms.HiddenInput(), "h", mark_safe("<safe>")),  # noqa: S308 - the case tested
    (forms.CheckboxInput(), "c", True),
    (forms.CheckboxInput(attrs={"value": "1"}), "c", False),
    (
        forms.Select(choices=[("", "Velg"), ("a", gettext_lazy("tirsdag")), ("b", "B & <b>")]),
        "s",
        "a",
    ),
    (
        forms.Select(choices=[("G", [("1", "En"), ("2", "To")]), ("3", "Tre")]),
        "s",
        "2",
    ),
    (forms.SelectMultiple(choices=[("1", "En"), ("2", "To")]), "m", ["1", "2"]),
]


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize(("widget", "name", "value"), WIDGET_CASES)
def test_the_python_renderer_writes_djangos_widget_templates(widget, name, value, language):
    base = get_default_renderer()
    with translation.override(language):
        expected = widget.render(name, value, attrs={"id": f"id_{name}"}, renderer=base)
        written = widget.render(
            name, value, attrs={"id": f"id_{name}"}, renderer=form_markup.PythonRenderer(base)
        )
    assert written == expected


@pytest.mark.parametrize("wrap_label", [True, False])
@pytest.mark.parametrize(
    "widget", [forms.CheckboxSelectMultiple, forms.RadioSelect], ids=["checkbox", "radio"]
)
def test_the_python_renderer_writes_djangos_options(widget, wrap_label):
    base = get_default_renderer()
    instance = widget(choices=[("1", "En & <en>"), ("2", gettext_lazy("tirsdag"))])
    for option in instance.subwidgets("x", ["2"], attrs={"id": "id_x", "class": "ds-input"}):
        context = {"widget": {**option, "wrap_label": wrap_label}}
        expected = base.render(option["template_name"], context)
        written = form_markup.PythonRenderer(base).render(option["template_name"], context)
        assert written == expected


def test_other_templates_go_to_the_forms_renderer():
    base = get_default_renderer()
    widget = forms.Textarea()
    expected = widget.render("m", "tekst <b>", renderer=base)
    assert widget.render("m", "tekst <b>", renderer=form_markup.PythonRenderer(base)) == expected


class GroupsForm(forms.Form):
    groups = forms.ModelMultipleChoiceField(
        label="Grupper",
        queryset=Group.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout("groups")


@pytest.mark.django_db
def test_choices_from_the_database_are_never_kept():
    Group.objects.create(name="Ledere")
    assert form_markup.render(GroupsForm()) == crispy(GroupsForm())
    Group.objects.create(name="Saksbehandlere")
    html = str(form_markup.render(GroupsForm()))
    assert html == crispy(GroupsForm())
    assert "Saksbehandlere" in html
