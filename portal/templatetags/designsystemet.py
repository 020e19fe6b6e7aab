"""Template helpers for the Designsystemet crispy-forms template pack
(templates/designsystemet/). They only decide ids and attributes; the markup lives in
the templates."""

from typing import Any

from django import forms, template
from django.forms.boundfield import BoundField, BoundWidget
from django.utils.text import Truncator

register = template.Library()

INPUT_CLASS = "ds-input"


def _merge_classes(*values: str | None) -> str:
    classes: list[str] = []
    for value in values:
        for name in (value or "").split():
            if name not in classes:
                classes.append(name)
    return " ".join(classes)


def hint_id(field: BoundField) -> str:
    return f"{field.auto_id}_hint" if field.auto_id else ""


def error_id(field: BoundField) -> str:
    return f"{field.auto_id}_error" if field.auto_id else ""


@register.filter
def ds_hint_id(field: BoundField) -> str:
    return hint_id(field)


@register.filter
def ds_error_id(field: BoundField) -> str:
    return error_id(field)


@register.filter
def ds_describedby(field: BoundField) -> str:
    """The ids of the description and the error message, in reading order."""
    ids = []
    if field.auto_id:
        if field.help_text:
            ids.append(hint_id(field))
        if field.errors:
            ids.append(error_id(field))
    return " ".join(ids)


@register.filter
def ds_is_group(field: BoundField) -> bool:
    """Radio buttons and checkbox lists: a fieldset with a legend, one field per option."""
    return isinstance(field.field.widget, forms.RadioSelect)  # CheckboxSelectMultiple too


@register.filter
def ds_is_checkbox(field: BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def ds_is_file(field: BoundField) -> bool:
    return isinstance(field.field.widget, forms.FileInput)


@register.filter
def ds_is_multiwidget(field: BoundField) -> bool:
    return isinstance(field.field.widget, forms.MultiWidget)


@register.filter
def ds_target_id(field: BoundField) -> str:
    """The id an error summary links to: the control itself, or a group's first option."""
    widget = field.field.widget
    if not field.auto_id:
        return ""
    if isinstance(widget, forms.RadioSelect):
        return widget.id_for_label(field.auto_id, index="0")
    if isinstance(widget, forms.MultiWidget):
        names = widget.widgets_names  # type: ignore[attr-defined]  # set in __init__, not in the stubs
        suffix = names[0] if names else "_0"
        return f"{field.auto_id}{suffix}"
    return field.id_for_label or field.auto_id


def _control_attrs(field: BoundField, extra: dict | None = None) -> dict:
    widget = field.field.widget
    attrs = dict(extra or {})
    attrs["class"] = _merge_classes(widget.attrs.get("class"), INPUT_CLASS, attrs.get("class"))
    if not field.use_fieldset:
        describedby = _merge_classes(widget.attrs.get("aria-describedby"), ds_describedby(field))
        if describedby:
            attrs["aria-describedby"] = describedby
    return attrs


@register.simple_tag
def ds_widget(field: BoundField) -> str:
    """Render a control with the ds-input class, aria-describedby and aria-invalid
    (Django adds aria-invalid and required itself)."""
    widget = field.field.widget
    if isinstance(widget, forms.ClearableFileInput):
        # Only the file input: the current file and the clear box are drawn by the
        # template (uploads have no public URL, so Django's "Currently: <a>" cannot work).
        attrs = field.build_widget_attrs(_control_attrs(field))
        if field.auto_id and "id" not in widget.attrs:
            attrs["id"] = field.auto_id
        context = forms.FileInput.get_context(widget, field.html_name, None, attrs)
        renderer = field.form.renderer
        return widget._render(forms.FileInput.template_name, context, renderer)  # type: ignore[attr-defined]
    return field.as_widget(attrs=_control_attrs(field))


@register.simple_tag
def ds_options(field: BoundField) -> list[BoundWidget]:
    """The options of a radio or checkbox group, each input with the ds-input class."""
    widget = field.field.widget
    attrs: dict[str, Any] = {"id": field.auto_id} if field.auto_id else {}
    attrs = field.build_widget_attrs(
        {**attrs, "class": _merge_classes(widget.attrs.get("class"), INPUT_CLASS)}
    )
    return [
        BoundWidget(widget, data, field.form.renderer)
        for data in widget.subwidgets(field.html_name, field.value(), attrs=attrs)
    ]


@register.filter
def ds_current_file(field: BoundField) -> str:
    """The name of a file already stored for a file field (never a URL)."""
    value = field.value()
    name = getattr(value, "name", "")
    if not name or not getattr(value, "_committed", True):
        return ""
    return name.rsplit("/", 1)[-1]


@register.filter
def ds_clear_name(field: BoundField) -> str:
    return field.field.widget.clear_checkbox_name(field.html_name)


@register.filter
def ds_clear_id(field: BoundField) -> str:
    widget = field.field.widget
    return widget.clear_checkbox_id(widget.clear_checkbox_name(field.html_name))


@register.filter
def ds_is_clearable(field: BoundField) -> bool:
    return isinstance(field.field.widget, forms.ClearableFileInput) and not field.field.required


@register.filter
def ds_error_fields(form) -> list[BoundField]:
    """Fields with errors, in the form's order, for the error summary (hidden fields'
    errors are shown with the form's own errors)."""
    return [form[name] for name in form.fields if name in form.errors and not form[name].is_hidden]


SUMMARY_LABEL_WORDS = 8


@register.filter
def ds_summary_errors(field: BoundField) -> list[str]:
    """A field's errors for the error summary, each naming the field: "Beskrivelse:
    Skriv høyst 200 tegn (du skrev 3 009)". A label that is a question is followed by
    the message as a sentence of its own; a long label (a checkbox's statement) is cut
    to its first words."""
    label = str(field.label or "").strip().rstrip(":")
    if not label:
        return [str(error) for error in field.errors]
    label = Truncator(label).words(SUMMARY_LABEL_WORDS, truncate="…")
    joiner = " " if label.endswith(("?", "…")) else ": "
    return [f"{label}{joiner}{error}" for error in field.errors]


@register.filter
def ds_hidden_errors(form) -> list[str]:
    errors: list[str] = []
    for name in form.fields:
        bound = form[name]
        if bound.is_hidden and name in form.errors:
            errors.extend(f"{bound.label}: {message}" for message in bound.errors)
    return errors


@register.filter
def ds_is_multiple(field: BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxSelectMultiple)


@register.filter
def ds_first_visible_field(form) -> BoundField | None:
    """Where an error about the whole form (such as a wrong password) sends the user."""
    return next(iter(form.visible_fields()), None)
