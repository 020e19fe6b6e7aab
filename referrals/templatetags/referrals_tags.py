"""Display helpers for the citizen and casework pages; the rules live in
``referrals.cases.presentation``."""

from django import template
from django.utils.translation import gettext, pgettext

from referrals.applications import steps
from referrals.applications.forms import Addressee
from referrals.cases import presentation

register = template.Library()

register.filter("status_explanation", presentation.status_explanation)
register.filter("status_colour", presentation.status_colour)
register.filter("staff_status_label", presentation.staff_status_label)
register.filter("want_labels", presentation.want_labels)
register.filter("day_labels", presentation.day_labels)
register.filter("extra_answer_rows", presentation.extra_answer_rows)
register.filter("yes_no", presentation.yes_no)
register.filter("event_label", presentation.event_label)
register.filter("describe", presentation.describe_event)
register.filter("citizen_event_text", presentation.citizen_event_text)
register.filter("file_size", presentation.file_size)


@register.filter
def tr(obj, field: str) -> str:
    """A stored text in the active language (portal.translated.Translated.tr)."""
    return obj.tr(field)


@register.filter
def continue_url(application) -> str:
    return steps.continue_url(application)


@register.simple_tag
def path_lengths() -> steps.PathLengths:
    """How many steps each path of the application has (for the texts before it)."""
    return steps.path_lengths()


@register.filter
def person_heading(application, audience: str = "") -> str:
    """The heading over the answers about the person the application is for. To the
    citizen (the summary, the receipt) the wizard's rule: "Om deg" when they applied for
    themselves, the person by name otherwise. To staff (audience "staff") a neutral
    word: "Søkeren" when the applicant applied for themselves."""
    if audience == "staff":
        if application.on_behalf is False:
            return gettext("Søkeren")
        return gettext("Personen søknaden gjelder")
    return Addressee.of(application).says(
        pgettext("step heading, applying for oneself", "Om deg"),
        pgettext("summary heading about the person an application is for", "Om %(name)s"),
    )
