"""A caregiver's own application (pårørendestøtte) at /soknad/<key>/parorende/<step>/.

Pasient- og brukerrettighetsloven § 2-8 and helse- og omsorgstjenesteloven § 3-6 give a
person with particularly heavy care work the right to apply for relief, a care
allowance, and training and guidance in their own right. For a service type with
``for_caregivers`` set the wizard takes this path instead of "who applies":

- the caregiver is the applicant *and* the person the case is about (the party): the
  application is stored as one for oneself (``on_behalf=False``, the ``person_*``
  fields are the caregiver's), so casework, decisions, letters, access and e-mails
  treat the caregiver as they treat anyone applying for themselves;
- the person cared for is named (``cared_for_*``) with their consent or the reason
  they cannot give it; their identity number is optional and only ever shown masked;
- the care burden is described (hours a week, nights a month, how long, the tasks).

This module holds the path's steps and rules; its forms are in ``forms_caregiver``
and its views in ``views_caregiver``. It imports nothing from ``services`` so that
``services`` can ask it which of a caregiver's steps still lack answers.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from referrals.cases.models import Application


@dataclass(frozen=True)
class CaregiverStep:
    number: int
    slug: str  # in the URL (Norwegian, stable)
    key: str  # in services.STEP_FIELDS
    title: StrOrPromise


STEPS = [
    CaregiverStep(1, "tjeneste", "service", gettext_lazy("Hvilken tjeneste")),
    CaregiverStep(2, "omsorg", "cared_for", gettext_lazy("Den du gir omsorg til")),
    CaregiverStep(3, "deg", "person", gettext_lazy("Om deg")),
    CaregiverStep(4, "omsorgsarbeid", "burden", gettext_lazy("Omsorgsarbeidet ditt")),
    CaregiverStep(5, "tilbud", "offers", gettext_lazy("Ønskede tilbud")),
    CaregiverStep(6, "vedlegg", "attachments", gettext_lazy("Vedlegg")),
    CaregiverStep(7, "oppsummering", "review", gettext_lazy("Se over og send")),
]
STEPS_BY_SLUG = {step.slug: step for step in STEPS}
STEPS_BY_KEY = {step.key: step for step in STEPS}
TOTAL_STEPS = len(STEPS)

# The fields the path's own steps may write (merged into services.STEP_FIELDS). The
# step about the person cared for also records that the caregiver applies for
# themselves: they are the party.
STEP_FIELDS: dict[str, set[str]] = {
    "cared_for": {
        "on_behalf",
        "cared_for_name",
        "cared_for_birth_year",
        "cared_for_national_id",
        "cared_for_relation",
        "cared_for_consent",
        "cared_for_no_consent_reason",
        # Cleared: a draft that began as an application on someone's behalf.
        "relation",
        "basis",
        "power_of_attorney_scope",
        "cannot_consent_reason",
        "document_later",
    },
    "burden": {
        "care_hours_per_week",
        "care_nights_per_month",
        "care_duration",
        "care_tasks",
        "need_description",
        "days",
        "other_information",
    },
}


def is_caregiver_application(application: Application) -> bool:
    return application.service_type.for_caregivers


def step_url(application: Application, step: CaregiverStep, *, back_to_review: bool = False) -> str:
    url = reverse(
        "referrals:caregiver_step", kwargs={"key": application.public_id, "step": step.slug}
    )
    return url + "?fra=oppsummering" if back_to_review else url


def continue_url(application: Application) -> str:
    """Where to pick up a caregiver's draft: the furthest step reached."""
    number = min(max(application.furthest_step, 2), TOTAL_STEPS)
    return step_url(application, STEPS[number - 1])


def url_for_step(application: Application, slug: str) -> str:
    """The path's own page for a step of the ordinary wizard (the steps they share keep
    their slug: tjeneste, tilbud, vedlegg, oppsummering), else where the draft left off."""
    step = STEPS_BY_SLUG.get(slug)
    return step_url(application, step) if step else continue_url(application)


def missing_steps(application: Application) -> list[str]:
    """The caregiver's steps that still lack a required answer: who is cared for and on
    what footing (consent, or why it cannot be given), the caregiver's own name and
    identity number, and the care burden."""
    missing = []
    consent_recorded = application.cared_for_consent == Application.CaredForConsent.CONSENT or (
        application.cared_for_consent == Application.CaredForConsent.CANNOT_CONSENT
        and bool(application.cared_for_no_consent_reason)
    )
    if application.on_behalf is not False or not application.cared_for_name or not consent_recorded:
        missing.append("cared_for")
    if not application.person_name or not application.person_national_id:
        missing.append("person")
    if (
        application.care_hours_per_week is None
        or application.care_nights_per_month is None
        or not application.care_duration
        or not application.care_tasks
    ):
        missing.append("burden")
    return missing
