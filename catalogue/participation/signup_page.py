"""The content of the sign-up page (heading, courses, the form), kept per process.

Without errors, the content is the same for everyone who sees the same offer (its row's
``updated_at``) with the same sessions to choose from (``selectors.sessions_fingerprint``
of the sessions read for this request), in the same language and time zone, logged in
or not, at the same address, but for the places: each choice's label («tirsdag 13.
januar 11.00–13.00 – 3 ledige plasser», or full). It is rendered once for those and kept
(a few dozen entries per process): the form, the course dates and the template were
most of a logged-in GET's CPU time.

The parts that change are placeholders in the kept HTML, put in for each request: the
choices' labels, made from the places read afresh on every request (so a sign-up, a
cancellation or a change of places shows at once, in every process, by any route), the
CSRF token, and a logged-in visitor's name, phone and e-mail address in the form (text
inputs: each shown once, in its ``value`` attribute). Each is escaped as the template
would. A form sent back with errors is rendered for its request and never kept.
"""

import threading
from collections import OrderedDict
from collections.abc import Hashable, Mapping
from datetime import datetime

from django import forms
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from catalogue.participation import selectors
from catalogue.participation.forms import SignUpForm
from catalogue.participation.presentation import choice_label, course_when, when
from portal.form_html import form_html, shown_value
from portal.html_marks import Marks

TEMPLATE = "catalogue/participation/_signup_content.html"
# The visitor's own details a logged-in visitor's form is filled in with.
PERSONAL = ("name", "phone", "email")

_KEPT: OrderedDict[Hashable, str] = OrderedDict()
_KEPT_SIZE = 64
_LOCK = threading.Lock()

_MARKS = Marks("signup")


def content(
    *,
    offer_pk: int,
    offer_updated_at: datetime,
    title: str,
    sessions: list[selectors.SessionPlaces],
    authenticated: bool,
    path: str,
    personal: Mapping[str, str],
    csrf_token: str,
) -> SafeString:
    """The page's content with an empty form (``personal``: the logged-in visitor's
    name, phone and e-mail address it is filled in with)."""
    shown = {
        name: shown_value(SignUpForm.base_fields[name], personal.get(name, "")) for name in PERSONAL
    }
    filled = tuple(name for name in PERSONAL if shown[name])
    choices = selectors.signup_choices(sessions)  # as the form lists them
    labels = [choice_label(choice) for choice in choices]
    key = (
        offer_pk,
        offer_updated_at,
        get_language(),
        timezone.get_current_timezone_name(),
        authenticated,
        path,
        filled,
        selectors.sessions_fingerprint(sessions),
    )
    with _LOCK:
        html = _KEPT.get(key)
        if html is not None:
            _KEPT.move_to_end(key)
    if html is None:
        form = SignUpForm(
            sessions=sessions,
            require_email=not authenticated,
            initial={name: _MARKS(name) for name in filled},
        )
        session_field = form.fields["session"]
        assert isinstance(session_field, forms.ChoiceField)
        session_field.choices = [
            (choice.first.session.pk, _MARKS(f"label{number}"))
            for number, choice in enumerate(choices)
        ]
        html = _render(form, title, sessions, authenticated, path, _MARKS("csrf"))
        with _LOCK:
            _KEPT[key] = html
            while len(_KEPT) > _KEPT_SIZE:
                _KEPT.popitem(last=False)
    values = {name: escape(value) for name, value in shown.items()}
    values.update((f"label{number}", escape(label)) for number, label in enumerate(labels))
    values["csrf"] = escape(csrf_token)
    # The kept HTML was safe, and each value is escaped as the widget would.
    return mark_safe(_MARKS.fill(html, values))  # noqa: S308


def content_with_errors(
    *,
    form: SignUpForm,
    title: str,
    sessions: list[selectors.SessionPlaces],
    authenticated: bool,
    path: str,
    csrf_token: str,
) -> SafeString:
    """The page's content with a form sent back (rendered as it is, never kept)."""
    return mark_safe(_render(form, title, sessions, authenticated, path, csrf_token))  # noqa: S308


def _render(
    form: SignUpForm,
    title: str,
    sessions: list[selectors.SessionPlaces],
    authenticated: bool,
    path: str,
    csrf_token: str,
) -> str:
    return render_to_string(
        TEMPLATE,
        {
            "title": title,
            "sessions": sessions,
            "courses": _courses(sessions),
            "form_html": form_html(form),
            "authenticated": authenticated,
            "path": path,
            "csrf_token": csrf_token,
        },
    )


def _courses(sessions: list[selectors.SessionPlaces]) -> list[dict[str, object]]:
    """The whole courses on the sign-up page, each with its dates."""
    return [
        {
            "label": course_when([e.session for e in choice.entries]),
            "dates": [when(e) for e in choice.entries],
        }
        for choice in selectors.signup_choices(sessions)
        if choice.is_course
    ]
