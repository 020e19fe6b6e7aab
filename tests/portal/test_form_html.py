"""portal.form_html with personal fields: one kept copy of a prefilled form serves every
visitor, and each gets exactly the HTML a direct rendering would give them."""

import pytest
from crispy_forms.utils import render_crispy_form
from django import forms
from django.utils.safestring import SafeString

from portal import form_html as module
from portal.form_html import form_html
from portal.forms import CrispyFormMixin
from portal.phone import PhoneNumberFormField


class _ContactForm(CrispyFormMixin, forms.Form):
    name = forms.CharField(label="Navn")
    phone = PhoneNumberFormField(label="Telefon")
    email = forms.EmailField(label="E-post", required=False)
    topic = forms.ChoiceField(label="Tema", choices=[("a", "A"), ("b", "B")], initial="a")


PERSONAL = ("name", "phone", "email")

VISITORS = [
    {"name": "Kari Nordmann", "phone": "+4791234567", "email": "kari@example.no"},
    {"name": 'Åse «O\'Neil» & "Sønn" <b>', "phone": "+4722334455", "email": "a&b@example.no"},
    {"name": "Per", "phone": "", "email": ""},  # empty fields show no value at all
]


@pytest.fixture(autouse=True)
def _empty_store():
    module._FORM_HTML.clear()
    yield
    module._FORM_HTML.clear()


@pytest.mark.parametrize("initial", VISITORS)
def test_a_prefilled_form_is_what_a_direct_rendering_gives(initial):
    expected = render_crispy_form(_ContactForm(initial=initial))
    form_html(
        _ContactForm(initial={"name": "Noen andre", "phone": "+4799999999"}), personal=PERSONAL
    )
    html = form_html(_ContactForm(initial=initial), personal=PERSONAL)
    assert html == expected
    assert isinstance(html, SafeString)  # a template shows it as HTML, not as text


def test_one_kept_copy_serves_every_visitor_and_holds_none_of_their_details():
    for initial in VISITORS[:2]:
        form_html(_ContactForm(initial=initial), personal=PERSONAL)
    assert len(module._FORM_HTML) == 1
    (kept,) = module._FORM_HTML.values()
    for initial in VISITORS[:2]:
        assert initial["email"] not in kept
        assert "Nordmann" not in kept and "Sønn" not in kept


def test_the_form_keeps_its_own_initial_values():
    form = _ContactForm(initial={"name": "Kari", "phone": "+4791234567"})
    form_html(form, personal=PERSONAL)
    assert form.initial == {"name": "Kari", "phone": "+4791234567"}
    assert form["email"].value() is None and form["topic"].value() == "a"


def test_a_form_sent_back_with_errors_is_rendered_as_it_is():
    form = _ContactForm(data={"name": "", "phone": "12", "email": "x"})
    assert form_html(form, personal=PERSONAL) == render_crispy_form(form)
    assert not module._FORM_HTML


def test_only_text_inputs_can_be_personal():
    # A radio's checked option compares values: a placeholder there would uncheck it.
    with pytest.raises(TypeError):
        form_html(_ContactForm(initial={"topic": "b"}), personal=("topic",))
