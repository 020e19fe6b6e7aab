"""Rendered HTML of forms, reused within one process.

Rendering a form through the crispy template pack was most of the cost of the queue
and case pages, and of the sign-up page for a logged-in visitor. A form without errors renders the same for the same class, prefix,
language, time zone, values, choices and field settings (label, help text, required,
disabled, widget and its attributes: anything ``__init__`` may set per form), so its
HTML is kept (a few hundred entries at most, per process). The HTML holds no CSRF
token (templates add it outside the form fields) and nothing of the request. The
helper's layout must be the same for every form of a class (all of ours build it from
the fields); its other settings are in the key.
"""

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Hashable, Mapping
from typing import cast

from crispy_forms.utils import render_crispy_form
from django.db.models import Model
from django.forms import BaseForm, Field, ModelChoiceField
from django.utils import timezone
from django.utils.functional import Promise, cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django_stubs_ext import StrOrPromise

Key = tuple[Hashable, ...]

_FORM_HTML: OrderedDict[Key, str] = OrderedDict()
_FORM_HTML_SIZE = 256
_FORM_HTML_LOCK = threading.Lock()


# Helper settings that are plain values (the layout is the same for a class).
_HELPER_VALUES = (str, int, bool, type(None))


def _form_key(form: BaseForm) -> Key:
    """Everything a form's HTML depends on when it has no errors: the class, the prefix,
    the language and time zone, the form's and its helper's settings, and for each
    field its initial and submitted value, its settings, its widget's attributes and
    its choices (those read from the database included)."""
    parts: list[Hashable] = [
        type(form).__module__,
        type(form).__qualname__,
        form.prefix,
        get_language(),
        timezone.get_current_timezone_name(),
        form.is_bound,
        _plain((form.auto_id, form.label_suffix, form.use_required_attribute)),
    ]
    helper = getattr(form, "helper", None)
    if helper is not None:
        parts.append(
            tuple(
                sorted(
                    (name, value)
                    for name, value in vars(helper).items()
                    if isinstance(value, _HELPER_VALUES)
                )
            )
        )
    for name, field in form.fields.items():
        parts.append((name, repr(form.get_initial_for_field(field, name))))
        if form.is_bound:
            parts.append(
                repr(field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name)))
            )
        widget = field.widget
        parts.append(
            (
                type(field),
                _plain(field.label),
                _plain(field.help_text),
                field.required,
                field.disabled,
                field.show_hidden_initial,
                type(widget),
                _plain(widget.attrs),
            )
        )
        if isinstance(field, ModelChoiceField):
            # Read once, and kept on the field so that rendering does not read them again;
            # choices the form set itself (from a cache) are used as they are.
            if not hasattr(field, "_choices"):
                field.choices = _read_choices(field)
            choices = cast(list[tuple[object, StrOrPromise]], field.choices)
            parts.append(tuple((str(value), str(label)) for value, label in choices))
        elif hasattr(field, "choices"):
            parts.append(_plain(field.choices))
    return tuple(parts)


_SIMPLE = (str, int, bool, type(None))


def _plain(value: object) -> Hashable:
    """``value`` as a hashable part of the key. Lazy text stands for the call that
    would translate it (its function and arguments; the language is in the key)
    instead of being translated: putting every label, help text and choice through
    gettext cost a hundred times more than the rest of the key."""
    if type(value) in _SIMPLE:
        return value
    if isinstance(value, Promise):
        # A lazy object reduces to (its unpickler, (func, args, kwargs, *result types)).
        _unpickle, (func, args, kwargs, *_types) = value.__reduce__()  # type: ignore[misc]
        return (func, tuple(map(_plain, args)), _plain(kwargs) if kwargs else ())
    if isinstance(value, list | tuple):
        return tuple(map(_plain, value))
    if isinstance(value, dict):
        return tuple(sorted((str(key), _plain(item)) for key, item in value.items()))
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


def _read_choices(field: ModelChoiceField[Model]) -> list[tuple[object, StrOrPromise]]:
    """The field's choices as rendering would list them, read with one plain query:
    iterating ``field.choices`` uses ``QuerySet.iterator()``, which on PostgreSQL opens
    a server-side cursor (DECLARE … WITH HOLD outside a transaction), several round
    trips for a few rows; and ``len()`` would add a COUNT."""
    iterator = field.iterator(field)
    choices: list[tuple[object, StrOrPromise]] = (
        [("", field.empty_label)] if field.empty_label is not None else []
    )
    assert field.queryset is not None  # every model choice field here has its queryset
    choices += [iterator.choice(obj) for obj in list(field.queryset.all())]
    return choices


# Stands in for a personal value in a kept form: random per process (the cache is too),
# letters and digits only, so escaping and the widgets leave it as it is.
_PLACEHOLDER = f"personal-{secrets.token_hex(16)}-"


def form_html(form: BaseForm, *, personal: Collection[str] = ()) -> str:
    """The crispy HTML of a form without errors (empty, or bound to valid data), kept in
    this process (a few hundred entries at most): the case page shows up to nine forms,
    the queue its filters, and rendering them through the template pack was most of
    the pages' cost. A form with errors is rendered as it is.

    ``personal``: fields of an unbound form whose initial values are the visitor's own
    (text inputs: the widget shows the value once, in its ``value`` attribute). The
    kept HTML has placeholders there; the values are put in for this visitor."""
    if form.is_bound and form.errors:
        return cast(str, render_crispy_form(form))  # crispy-forms has no types
    values = _personal_values(form, personal)
    if not values:
        return _kept(form)
    before = {name: form.initial[name] for name in values if name in form.initial}
    form.initial.update({name: _PLACEHOLDER + name for name in values})
    try:
        html = _kept(form)
    finally:
        for name in values:
            form.initial.pop(name)
        form.initial.update(before)
    for name, shown in values.items():
        html = html.replace(_PLACEHOLDER + name, escape(shown))
    # The kept HTML was safe, and each value is escaped as the widget would.
    return mark_safe(html)  # noqa: S308


# Widgets that show their value once, as the value attribute, and nothing else of it.
TEXT_INPUTS = {"text", "email", "tel", "url", "search"}


def _personal_values(form: BaseForm, personal: Collection[str]) -> dict[str, str]:
    """For each personal field with a value: the text its widget shows for it. Empty
    ones are left as they are (their widget shows no value)."""
    if form.is_bound:
        return {}
    values: dict[str, str] = {}
    for name in personal:
        field = form.fields.get(name)
        if field is None:
            continue
        if getattr(field.widget, "input_type", None) not in TEXT_INPUTS:
            # A choice or a checkbox compares its value with each option's.
            raise TypeError(f"{name!r} is not a text input; it cannot be personal")
        shown = shown_value(field, form.get_initial_for_field(field, name))
        if shown:
            values[name] = shown
    return values


def shown_value(field: Field, value: object) -> str:
    """The text a text input's widget shows for ``value`` (in its ``value`` attribute,
    before escaping); empty when it shows none."""
    shown = field.widget.format_value(field.prepare_value(value))
    return "" if shown in (None, "") else str(shown)


def _kept(form: BaseForm) -> str:
    key = _form_key(form)
    with _FORM_HTML_LOCK:
        html = _FORM_HTML.get(key)
        if html is not None:
            _FORM_HTML.move_to_end(key)
            return html
    html = cast(str, render_crispy_form(form))
    with _FORM_HTML_LOCK:
        _FORM_HTML[key] = html
        while len(_FORM_HTML) > _FORM_HTML_SIZE:
            _FORM_HTML.popitem(last=False)
    return html


class FormSlot:
    """A form of the case page. The template renders it with ``{{ slot }}``; the form is
    built and rendered only if the template shows it. A bound form (sent back with its
    errors) is rendered as it is; an empty one through ``form_html``."""

    def __init__(self, make: Callable[[], BaseForm], bound: BaseForm | None = None) -> None:
        self._make = make
        self.bound = bound

    @cached_property
    def form(self) -> BaseForm:
        return self.bound if self.bound is not None else self._make()

    @property
    def errors(self) -> Mapping[str, object]:
        return self.bound.errors if self.bound is not None else {}

    def __html__(self) -> str:
        if self.bound is not None:
            return cast(str, render_crispy_form(self.bound))
        return form_html(self.form)

    __str__ = __html__
