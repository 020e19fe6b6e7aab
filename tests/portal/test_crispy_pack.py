"""The Designsystemet template pack: labels, descriptions, errors and the error summary."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.portal.html import parse

pytestmark = [pytest.mark.urls("tests.portal.kitchen_sink")]

URLS = ["/skjema/", "/skjema/layout/"]

INVALID = {
    "name": "",
    "email": "ikke-en-adresse",
    "password": "hemmelig",
    "age": "-3",
    "start": "",
    "who": "",
    "district": "",
    "message": "Hei på dere",
    "step": "1",
}

TEXT_FIELDS = ["name", "email", "password", "age", "start", "district", "message", "attachment"]


@pytest.fixture(params=URLS, ids=["default", "layout"])
def url(request):
    return request.param


def post_invalid(client, url, **changes):
    return parse(client.post(url, {**INVALID, **changes}).content)


def test_every_field_has_a_label_tied_to_its_control(client, url):
    page = parse(client.get(url).content)
    for name in TEXT_FIELDS:
        control = page.one(f"#id_{name}")
        assert "ds-input" in control.get("class").split()
        label = page.one(f'label[for="id_{name}"]')
        assert "ds-label" in label.get("class").split()
        field = page.one(f"#div_id_{name}")
        assert "ds-field" in field.get("class").split()
    checkbox = page.one("#id_consent")
    assert checkbox.get("type") == "checkbox"
    assert page.one('label[for="id_consent"]').text.startswith("Jeg bekrefter")


def test_description_is_described_by_before_errors(client, url):
    page = parse(client.get(url).content)
    hint = page.one("#id_name_hint")
    assert hint.get("data-field") == "description"
    assert hint.text == "Slik det står i folkeregisteret."
    assert page.one("#id_name").get("aria-describedby") == "id_name_hint"
    # A field without a description or error has no aria-describedby at all.
    assert not page.one("#id_email").has("aria-describedby")
    assert not page.one("#id_email").has("aria-invalid")


def test_required_fields_are_marked(client, url):
    page = parse(client.get(url).content)
    assert "Må fylles ut" in page.one('label[for="id_name"]').text
    assert page.one("#id_name").has("required")
    assert "Må fylles ut" not in page.one('label[for="id_message"]').text
    assert "Må fylles ut" in page.one("#div_id_who legend").text


def test_radio_and_checkbox_groups_are_fieldsets_with_a_legend(client, url):
    page = parse(client.get(url).content)
    for name, input_type, count in [("who", "radio", 2), ("days", "checkbox", 3)]:
        group = page.one(f"#div_id_{name}")
        assert group.tag == "fieldset"
        assert "ds-fieldset" in group.get("class").split()
        assert "ds-label" in group.one("legend").get("class").split()
        options = group.select("div.ds-field")
        assert len(options) == count
        for index, option in enumerate(options):
            control = option.one("input")
            assert control.get("type") == input_type
            assert control.get("id") == f"id_{name}_{index}"
            assert "ds-input" in control.get("class").split()
            assert option.one("label").get("for") == control.get("id")
            # The input comes before its label, as Designsystemet draws it.
            assert [child.tag for child in option.children] == ["input", "label"]
    assert page.one("#div_id_who").get("aria-describedby") == "id_who_hint"
    assert not page.one("#id_who_0").has("aria-describedby")


def test_invalid_fields_get_aria_invalid_and_an_error_message(client, url):
    page = post_invalid(client, url)
    for name in ["name", "email", "age", "start", "district"]:
        control = page.one(f"#id_{name}")
        assert control.get("aria-invalid") == "true", name
        error = page.one(f"#id_{name}_error")
        assert "ds-validation-message" in error.get("class").split()
        assert error.get("data-field") == "validation"
        assert error.get("data-color") == "danger"
        assert f"id_{name}_error" in control.get("aria-describedby").split()
    assert page.one("#id_name").get("aria-describedby") == "id_name_hint id_name_error"
    # Valid fields are not marked.
    assert not page.one("#id_message").has("aria-invalid")
    assert not page.select("#id_message_error")


def test_group_errors_belong_to_the_fieldset(client, url):
    page = post_invalid(client, url)
    assert page.one("#div_id_who").get("aria-describedby") == "id_who_hint id_who_error"
    assert page.one("#div_id_days").get("aria-describedby") == "id_days_error"
    assert page.one("#div_id_who #id_who_error").text
    for option in page.select("#div_id_days input"):
        assert option.get("aria-invalid") == "true"
    consent = page.one("#id_consent")
    assert consent.get("aria-invalid") == "true"
    assert consent.get("aria-describedby") == "id_consent_error"


def test_error_summary_links_to_every_invalid_field(client, url):
    page = post_invalid(client, url, name="feil")
    summary = page.one("[data-error-summary]")
    assert "ds-error-summary" in summary.get("class").split()
    assert summary.get("tabindex") == "-1"
    assert summary.one("h2").text == "Dette må rettes før du kan gå videre"
    targets = [link.get("href") for link in summary.select("a")]
    # The form-wide error comes first and points at the first field.
    expected = [
        "#id_name",
        "#id_email",
        "#id_age",
        "#id_start",
        "#id_who_0",
        "#id_days_0",
        "#id_district",
        "#id_consent",
    ]
    assert targets == expected
    for target in targets:
        assert page.select(target), f"{target} does not exist on the page"
    # Every link text names the field, then gives the field's own message.
    assert summary.one('a[href="#id_email"]').text == (
        "E-post: " + page.one("#id_email_error").text
    )


def test_error_summary_shows_errors_about_the_whole_form(client, url):
    valid = {
        "name": "feil",
        "email": "kari@example.no",
        "password": "x",
        "start": "2026-12-01",
        "who": "self",
        "days": ["mon"],
        "district": "north",
        "consent": "on",
        "step": "1",
    }
    page = parse(client.post(url, valid).content)
    summary = page.one("[data-error-summary]")
    links = summary.select("a")
    assert [link.text for link in links] == ["Skjemaet kan ikke sendes slik det er."]
    assert links[0].get("href") == "#id_name"
    assert "Skjemaet kan ikke sendes slik det er." in page.one(".form-errors").text


def test_error_summary_is_absent_on_a_fresh_form(client, url):
    page = parse(client.get(url).content)
    assert not page.select("[data-error-summary]")


def test_values_are_kept_after_an_invalid_post(client, url):
    page = post_invalid(
        client,
        url,
        name="Kari Nordmann",
        email="kari@example.no",
        who="other",
        days=["mon", "wed"],
        district="south",
        consent="",
    )
    assert page.one("#id_name").get("value") == "Kari Nordmann"
    assert page.one("#id_email").get("value") == "kari@example.no"
    assert page.one("#id_message").text == "Hei på dere"
    assert page.one("#id_who_1").has("checked")
    assert not page.one("#id_who_0").has("checked")
    assert [box.has("checked") for box in page.select("#div_id_days input")] == [True, False, True]
    assert page.one('#id_district option[value="south"]').has("selected")
    assert page.one("#id_step").get("type") == "hidden"
    assert page.one("#id_step").get("value") == "1"
    # Passwords are never sent back.
    assert not page.one("#id_password").has("value")


def test_file_input_and_valid_submission(client, url):
    upload = SimpleUploadedFile("brev.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = client.post(
        url,
        {
            "name": "Kari",
            "email": "kari@example.no",
            "password": "x",
            "start": "2026-12-01",
            "who": "self",
            "days": ["tue"],
            "district": "north",
            "consent": "on",
            "step": "1",
            "attachment": upload,
        },
    )
    assert response.content == b"ok"
    page = parse(client.get(url).content)
    attachment = page.one("#id_attachment")
    assert attachment.get("type") == "file"
    assert attachment.get("aria-describedby") == "id_attachment_hint"


def test_layout_objects_render_with_the_pack(client):
    page = parse(client.get("/skjema/layout/").content)
    fieldset = page.one("fieldset.ds-fieldset:not([id])")
    assert fieldset.one("legend").text == "Om deg"
    assert fieldset.select("#id_name") and fieldset.select("#id_age")
    assert "extra" in page.one("#id_email").get("class").split()
    group = page.one("#group-1")
    assert group.get("class") == "group"
    assert group.select("#div_id_who")
    assert page.one("p.hint").text == "Notat fra konteksten"
    # Every field is rendered exactly once.
    for name in TEXT_FIELDS:
        assert len(page.select(f"#id_{name}")) == 1


def test_the_crispy_filter_uses_the_pack_too():
    from django.template import engines

    from tests.portal.kitchen_sink import KitchenSinkForm

    form = KitchenSinkForm(data={"name": ""})
    html = (
        engines["django"]
        .from_string("{% load crispy_forms_tags %}{{ form|crispy }}")
        .render({"form": form})
    )
    page = parse(f"<html><body>{html}</body></html>")
    assert len(page.select("[data-error-summary]")) == 1
    assert page.one("#id_name").get("aria-invalid") == "true"
    assert page.one("#div_id_who").tag == "fieldset"


def test_a_helper_without_layout_renders_one_summary():
    from crispy_forms.helper import FormHelper
    from django.template import engines

    from tests.portal.kitchen_sink import KitchenSinkForm

    form = KitchenSinkForm(data={"name": ""})
    form.helper = FormHelper()
    form.helper.form_tag = False
    html = (
        engines["django"]
        .from_string("{% load crispy_forms_tags %}{% crispy form %}")
        .render({"form": form})
    )
    page = parse(f"<html><body>{html}</body></html>")
    assert len(page.select("[data-error-summary]")) == 1
    assert len(page.select("#id_name")) == 1


class StoredFile:
    """A file already saved for the field; uploads have no public URL."""

    name = "vedlegg/2026/brev.pdf"
    _committed = True

    @property
    def url(self):
        raise ValueError("This file is not accessible via a URL.")


def test_a_stored_file_is_named_with_a_clear_box_and_no_link():
    from django.template import engines

    from tests.portal.kitchen_sink import KitchenSinkForm

    form = KitchenSinkForm(initial={"attachment": StoredFile()})
    html = (
        engines["django"]
        .from_string("{% load crispy_forms_tags %}{% crispy form %}")
        .render({"form": form})
    )
    page = parse(f"<html><body>{html}</body></html>")
    field = page.one("#div_id_attachment")
    assert "brev.pdf" in field.one(".current-file").text
    assert not field.select("a")
    clear = field.one('input[type="checkbox"]')
    assert clear.get("name") == "attachment-clear"
    assert field.one(f'label[for="{clear.get("id")}"]').text == "Fjern filen"
    assert field.one('input[type="file"]').get("id") == "id_attachment"
