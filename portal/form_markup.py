"""The markup of ``{% crispy form %}`` with the Designsystemet template pack
(templates/designsystemet/), written in Python, for a form on a hot path.

The catalogue's filter form is on every /tilbud/ page, and every search is a new
address: rendering it through crispy-forms' templates and Django's widget templates
(one template per checkbox, some forty) was a third of the page's time. ``render(form)``
gives the same HTML, byte for byte, without templates:

- the widgets are rendered by Django itself (``BoundField.as_widget``, the template
  pack's ``ds_widget`` and ``ds_options``: the same attributes, ids, ``aria-describedby``
  and ``checked``), but through ``PythonRenderer``, which writes Django's input, option
  and select templates in Python (any other template goes to the form's renderer);
- the field markup (label, hint, the required tag, the fieldset and legend of a
  checkbox group) mirrors templates/designsystemet/field.html and
  layout/checkboxselectmultiple.html; the markup of a checkbox, a select or a checkbox
  group is kept in this process under everything it is written from (the language,
  the field's label, hint, settings, widget, choices and value): the filters of the
  list are the same few markups again and again;
- the frame around the fields (whole_uni_form.html) is rendered by crispy-forms once per
  form class, language and helper settings, and kept.

Anything else is rendered by crispy-forms as before: a form with errors (the error
summary and the messages tied to their fields with ``aria-describedby``), a layout
object other than a field name or plain ``HTML``, a field that is hidden, a radio
group, a file or a multi-widget, helper settings other than the defaults. The tests
(tests/portal/test_form_markup.py, tests/catalogue/test_filter_form_markup.py)
compare the two renderings in every language.
"""

import copy
import threading
from collections import OrderedDict
from collections.abc import Hashable
from types import FunctionType
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Layout
from crispy_forms.utils import render_crispy_form
from django import forms
from django.forms.boundfield import BoundField
from django.forms.models import ModelChoiceIterator
from django.forms.renderers import BaseRenderer, get_default_renderer
from django.forms.widgets import ChoiceWidget
from django.template import Context
from django.template.base import render_value_in_context
from django.template.defaultfilters import stringformat
from django.utils.choices import BaseChoiceIterator
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import get_language, gettext

from portal.templatetags.designsystemet import (
    ds_describedby,
    ds_hint_id,
    ds_is_checkbox,
    ds_is_file,
    ds_is_group,
    ds_is_multiple,
    ds_is_multiwidget,
    ds_options,
    ds_widget,
)
from portal.templatetags.translated_tags import lang_attr

WIDGETS = "django/forms/widgets/"
# Django's templates that are only ``{% include "django/forms/widgets/input.html" %}``.
INPUT_TEMPLATES = frozenset(
    WIDGETS + name
    for name in (
        "checkbox.html",
        "color.html",
        "date.html",
        "datetime.html",
        "email.html",
        "hidden.html",
        "number.html",
        "password.html",
        "search.html",
        "tel.html",
        "text.html",
        "time.html",
        "url.html",
    )
)
# An option of a checkbox or radio group: input_option.html (through the other two).
OPTION_TEMPLATES = frozenset(
    WIDGETS + name for name in ("input_option.html", "checkbox_option.html", "radio_option.html")
)
SELECT_TEMPLATE = WIDGETS + "select.html"
SELECT_OPTION_TEMPLATE = WIDGETS + "select_option.html"

# Variables in templates render with autoescaping and localisation, as in any template.
_CONTEXT = Context(autoescape=True)


def _var(value: Any) -> str:
    """``{{ value }}``."""
    if type(value) is str:  # most values: what render_value_in_context does to text
        return escape(value)
    return render_value_in_context(value, _CONTEXT)


def _formatted(value: Any) -> str:
    """``{{ value|stringformat:'s' }}`` (the filter keeps a safe string safe)."""
    text = stringformat(value, "s")
    if isinstance(value, SafeData):
        text = mark_safe(text)  # noqa: S308 - it was safe before formatting
    return _var(text)


def _attrs(attrs: dict[str, Any]) -> str:
    """django/forms/widgets/attrs.html."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {_var(name)}" if value is True else f' {_var(name)}="{_formatted(value)}"')
    return "".join(parts)


def _input(widget: dict[str, Any]) -> str:
    """django/forms/widgets/input.html, without its closing newline."""
    value = "" if widget["value"] is None else f' value="{_formatted(widget["value"])}"'
    return f'<input type="{_var(widget["type"])}" name="{_var(widget["name"])}"{value}{_attrs(widget["attrs"])}>'


def _option(widget: dict[str, Any]) -> str:
    """django/forms/widgets/input_option.html, stripped as a renderer strips it."""
    if not widget.get("wrap_label"):
        return _input(widget)
    label_for = f' for="{_var(widget["attrs"]["id"])}"' if widget["attrs"].get("id") else ""
    return f"<label{label_for}>{_input(widget)}\n {_var(widget['label'])}</label>"


def _select(widget: dict[str, Any]) -> str | None:
    """django/forms/widgets/select.html; None for options of another template."""
    html = [f'<select name="{_var(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            html.append(f'\n  <optgroup label="{_var(group_name)}">')
        for option in group_choices:
            if option["template_name"] != SELECT_OPTION_TEMPLATE:
                return None
            html.append(
                f'\n  <option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_var(option['label'])}</option>\n"
            )
        if group_name:
            html.append("\n  </optgroup>")
    html.append("\n</select>")
    return "".join(html)


class PythonRenderer(BaseRenderer):
    """A form renderer that writes Django's input, option and select templates in
    Python and hands every other template to ``base`` (the form's own renderer)."""

    def __init__(self, base: Any) -> None:
        self.base = base
        self.form_template_name = base.form_template_name
        self.formset_template_name = base.formset_template_name
        self.field_template_name = base.field_template_name
        self.bound_field_class = base.bound_field_class

    def __getattr__(self, name: str) -> Any:
        return getattr(self.base, name)

    def get_template(self, template_name: str) -> Any:
        return self.base.get_template(template_name)

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        widget = context.get("widget")
        html: str | None = None
        if widget is not None:
            if template_name in INPUT_TEMPLATES:
                html = _input(widget)
            elif template_name in OPTION_TEMPLATES:
                html = _option(widget)
            elif template_name == SELECT_TEMPLATE:
                html = _select(widget)
        if html is None:
            return self.base.render(template_name, context, request=request)
        return html.strip()


# --- templates/designsystemet ----------------------------------------------------


def _required(field: BoundField) -> str:
    """designsystemet/required.html (with its closing newline)."""
    if not field.field.required:
        return "\n"
    tag = _var(gettext("Må fylles ut"))
    return (
        f' <span class="ds-tag field-required" data-color="warning" data-size="sm">{tag}</span>\n'
    )


def _hint(field: BoundField) -> str:
    if not field.help_text:
        return ""
    return f'<div data-field="description" id="{_var(ds_hint_id(field))}">{field.help_text}</div>'


def _wrapper_classes(field: BoundField) -> str:
    css = field.css_classes()
    return f" {_var(css)}" if css else ""


def _checkbox_group(field: BoundField) -> str:
    """designsystemet/layout/checkboxselectmultiple.html (a field without errors)."""
    options = ds_options(field)
    describedby = ds_describedby(field)
    described = f' aria-describedby="{_var(describedby)}"' if describedby else ""
    html = [
        f'\n<fieldset class="ds-fieldset" id="div_{_var(field.auto_id)}"{described}>\n',
        f'  <legend class="ds-label">{_var(field.label)}{_required(field)}</legend>\n',
        f"  {_hint(field)}\n",
        '  <div class="ds-fieldset__options">\n  ',
    ]
    for option in options:
        html.append(
            '\n    <div class="ds-field">\n'
            f"      {option.tag()}\n"
            f'      <label class="ds-label" data-weight="regular" for="{_var(option.id_for_label)}"'
            f"{lang_attr(option.choice_label)}>{_var(option.choice_label)}</label>\n"
            "    </div>\n  "
        )
    html.append("\n  </div>\n  \n</fieldset>\n")
    return "".join(html)


def _checkbox(field: BoundField) -> str:
    """The single-checkbox branch of designsystemet/field.html (without errors)."""
    return (
        f'\n<div class="ds-field{_wrapper_classes(field)}" id="div_{_var(field.auto_id)}">\n'
        f"  {ds_widget(field)}\n"
        f'  <label class="ds-label" data-weight="regular" for="{_var(field.id_for_label)}">'
        f"{_var(field.label)}{_required(field)}</label>\n"
        f"  {_hint(field)}\n\n\n"
        "</div>\n"
    )


def _control(field: BoundField) -> str:
    """The last branch of designsystemet/field.html: label, hint, control (no errors)."""
    label = ""
    if field.label:
        label = (
            f'<label class="ds-label" for="{_var(field.id_for_label)}">'
            f"{_var(field.label)}{_required(field)}</label>"
        )
    return (
        f'\n<div class="ds-field{_wrapper_classes(field)}" id="div_{_var(field.auto_id)}">\n'
        f"  {label}\n"
        f"  {_hint(field)}\n"
        "  \n"
        f"  {ds_widget(field)}\n"
        "  \n"
        "</div>\n"
    )


class _Unkeyable(Exception):
    """A value that cannot be part of a key: its markup is written anew."""


def _plain(value: Any) -> Hashable:
    """``value`` as a hashable part of a key; lazy text as text in the active language,
    a list of choices as its items, a module's function by its name. Raises _Unkeyable
    for anything else (choices from a queryset would be read from the database)."""
    if getattr(value, "fallback", False):  # TranslatedText in bokmål: marked lang="nb"
        return ("fallback", str(value), value.lang)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, list | tuple) or (
        isinstance(value, BaseChoiceIterator) and not isinstance(value, ModelChoiceIterator)
    ):
        return tuple(map(_plain, value))
    if isinstance(value, dict):
        return tuple(sorted((str(key), _plain(item)) for key, item in value.items()))
    if isinstance(value, FunctionType) and "<" not in value.__qualname__:
        return (value.__module__, value.__qualname__)  # a module's function (check_test)
    raise _Unkeyable(type(value).__name__)


def _field_key(field: BoundField) -> Hashable:
    """Everything ``_field`` reads of a field without errors. (Not the form's class:
    a filter set makes a new one for each form.)"""
    form = field.form
    return (
        type(form.renderer),
        get_language(),
        field.html_name,
        field.auto_id,
        _plain(field.label),
        _plain(field.help_text),
        field.field.required,
        field.field.disabled,
        field.css_classes(),
        form.use_required_attribute,
        _plain(field.initial),
        _plain(field.value()),
        type(field.field.widget),
        _plain(vars(field.field.widget)),
    )


_FIELDS: OrderedDict[Hashable, str] = OrderedDict()
_FIELDS_SIZE = 512
_FIELDS_LOCK = threading.Lock()


def _kept_field(field: BoundField) -> str | None:
    """``_field``, kept in this process for the fields whose values come from a short
    list (choices, checkboxes): the same few markups again and again. A text field is
    written anew (a search is new every time)."""
    widget = field.field.widget
    if not isinstance(widget, ChoiceWidget | forms.CheckboxInput):
        return _field(field)
    try:
        key = _field_key(field)
    except _Unkeyable:
        return _field(field)
    with _FIELDS_LOCK:
        html = _FIELDS.get(key)
        if html is not None:
            _FIELDS.move_to_end(key)
            return html
    html = _field(field)
    if html is not None:
        with _FIELDS_LOCK:
            _FIELDS[key] = html
            while len(_FIELDS) > _FIELDS_SIZE:
                _FIELDS.popitem(last=False)
    return html


def _field(field: BoundField) -> str | None:
    """designsystemet/field.html (and its closing newline) for the kinds of field
    handled here; None otherwise."""
    if field.is_hidden or ds_is_multiwidget(field) or ds_is_file(field):
        return None
    if ds_is_group(field):
        return _checkbox_group(field) + "\n" if ds_is_multiple(field) else None
    if ds_is_checkbox(field):
        return _checkbox(field) + "\n"
    return _control(field) + "\n"


# --- the form ------------------------------------------------------------------------

# Helper settings this module writes as crispy-forms' defaults do (anything else: crispy).
_DEFAULT_HELPER = FormHelper()
_HELPER_DEFAULTS = {
    "form_show_errors": True,
    "form_show_labels": True,
    "label_class": "",
    "field_class": "",
    "field_template": None,
    "render_unmentioned_fields": False,
    "render_hidden_fields": False,
    "render_required_fields": False,
}

_FRAMES: dict[Hashable, tuple[str, str]] = {}
_FRAMES_LOCK = threading.Lock()
_MARKER = "\x00form-markup-fields\x00"


def _helper_settings(helper: FormHelper) -> tuple[Hashable, ...]:
    return tuple(
        sorted(
            (name, value)
            for name, value in vars(helper).items()
            if name != "layout" and isinstance(value, str | int | bool | type(None))
        )
    )


def _frame(form: forms.BaseForm, helper: FormHelper) -> tuple[str, str]:
    """What crispy-forms puts before and after the layout's fields (whole_uni_form.html)
    for this form class, language and helper settings."""
    # A filter set makes a new form class for each form: the class's name and fields.
    key = (
        type(form).__module__,
        type(form).__qualname__,
        tuple(form.fields),
        form.is_multipart(),
        str(form.media) if helper.include_media else "",
        get_language(),
        _helper_settings(helper),
    )
    with _FRAMES_LOCK:
        found = _FRAMES.get(key)
    if found is not None:
        return found
    marker_helper = copy.copy(helper)
    marker_helper.layout = Layout(HTML(_MARKER))
    html = str(render_crispy_form(form, helper=marker_helper))
    before, marker, after = html.partition(_MARKER)
    if not marker:
        raise ValueError("crispy-forms did not render the layout")
    with _FRAMES_LOCK:
        if len(_FRAMES) > 64:
            _FRAMES.clear()
        _FRAMES[key] = (before, after)
    return before, after


def _fast_enough(form: forms.BaseForm, helper: FormHelper) -> bool:
    if form.is_bound and form.errors:
        return False
    if helper.form_tag or helper.inputs or helper.layout is None:
        return False
    if any(getattr(helper, name, None) != value for name, value in _HELPER_DEFAULTS.items()):
        return False
    if getattr(helper, "template", None) or getattr(helper, "wrapper_class", None):
        return False
    return all(
        (isinstance(item, str) and item in form.fields)
        or (type(item) is HTML and "{" not in str(item.html))
        for item in helper.layout.fields
    )


def render(form: forms.BaseForm) -> SafeString:
    """What ``{% crispy form %}`` gives for ``form`` (its ``helper``), with the
    Designsystemet template pack; written in Python where it can be."""
    helper = getattr(form, "helper", None)
    if helper is None or not _fast_enough(form, helper):
        return mark_safe(render_crispy_form(form))  # noqa: S308 - crispy-forms' own output
    before, after = _frame(form, helper)
    base = form.renderer or get_default_renderer()
    form.renderer = PythonRenderer(base)
    try:
        parts = []
        for item in helper.layout.fields:
            if isinstance(item, str):
                html = _kept_field(form[item])
                if html is None:
                    return mark_safe(render_crispy_form(form))  # noqa: S308 - as above
                parts.append(html)
            else:
                parts.append(str(item.html))
    finally:
        form.renderer = base
    return mark_safe(before + "".join(parts) + after)  # noqa: S308 - escaped piece by piece
