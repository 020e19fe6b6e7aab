"""The eight steps of the application at /soknad/<key>/<step>/."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from referrals.cases.models import Application


@dataclass(frozen=True)
class Step:
    number: int
    slug: str  # in the URL (Norwegian, stable)
    key: str  # in services.STEP_FIELDS
    title: StrOrPromise  # lazy: read in the reader's language


STEPS = [
    Step(1, "tjeneste", "service", gettext_lazy("Hvilken tjeneste")),
    Step(2, "hvem", "who", gettext_lazy("Hvem søker")),
    Step(3, "personen", "person", gettext_lazy("Personen søknaden gjelder")),
    Step(4, "kontakt", "contact", gettext_lazy("Dine kontaktopplysninger")),
    Step(5, "behov", "need", gettext_lazy("Behov og ønsker")),
    Step(6, "tilbud", "offers", gettext_lazy("Ønskede tilbud")),
    Step(7, "vedlegg", "attachments", gettext_lazy("Vedlegg")),
    Step(8, "oppsummering", "review", gettext_lazy("Se over og send")),
]
STEPS_BY_SLUG = {step.slug: step for step in STEPS}
STEPS_BY_KEY = {step.key: step for step in STEPS}
TOTAL_STEPS = len(STEPS)


def continue_url(application: Application) -> str:
    """Where to pick up a draft: the furthest step reached."""
    number = min(max(application.furthest_step, 2), TOTAL_STEPS)
    step = STEPS[number - 1]
    if step.key == "contact" and application.on_behalf is False:
        step = STEPS[number]
    return reverse("referrals:apply_step", kwargs={"key": application.public_id, "step": step.slug})
