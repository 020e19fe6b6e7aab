"""The steps of the application at /soknad/<key>/<step>/, one question per page.

Not every step is for everyone: applying for oneself skips the basis for acting on
another's behalf and the applicant's own contact details; the page about the power of
attorney, the guardianship or why the person cannot consent is shown only for that
basis. The step counter counts only the steps the person sees (``position``).
``Step.number`` is the step's place in the full list; ``Application.furthest_step``
stores it."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy, pgettext
from django_stubs_ext import StrOrPromise

from referrals.applications import caregiver
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
    Step(3, "grunnlag", "basis", gettext_lazy("Din rett til å søke for en annen")),
    Step(4, "grunnlag-detaljer", "basis_details", gettext_lazy("Om grunnlaget")),
    Step(5, "personen", "person", gettext_lazy("Personen søknaden gjelder")),
    Step(6, "kontakt", "contact", gettext_lazy("Dine kontaktopplysninger")),
    Step(7, "behov", "need", gettext_lazy("Behov og ønsker")),
    Step(8, "tilbud", "offers", gettext_lazy("Ønskede tilbud")),
    Step(9, "vedlegg", "attachments", gettext_lazy("Vedlegg")),
    Step(10, "oppsummering", "review", gettext_lazy("Se over og send")),
]
STEPS_BY_SLUG = {step.slug: step for step in STEPS}
STEPS_BY_KEY = {step.key: step for step in STEPS}
TOTAL_STEPS = len(STEPS)

# The bases that need a page of their own: what the power of attorney covers and the
# document, the guardianship document, why the person cannot consent.
BASES_WITH_DETAILS = {
    Application.Basis.POWER_OF_ATTORNEY,
    Application.Basis.GUARDIANSHIP,
    Application.Basis.CANNOT_CONSENT,
}


def applies(step: Step, application: Application | None) -> bool:
    """Whether the person sees this step. Until "for whom" is answered, the path of
    someone applying for themselves is assumed (the shortest)."""
    on_behalf = application is not None and application.on_behalf is True
    if step.key in ("basis", "contact"):
        return on_behalf
    if step.key == "basis_details":
        return on_behalf and application is not None and application.basis in BASES_WITH_DETAILS
    return True


def visible_steps(application: Application | None) -> list[Step]:
    return [step for step in STEPS if applies(step, application)]


def position(step: Step, application: Application | None) -> tuple[int, int]:
    """(number, total) for "Steg 3 av 7": counted among the steps this person sees."""
    seen = visible_steps(application)
    before = [candidate for candidate in seen if candidate.number <= step.number]
    return len(before), len(seen)


def title_for(step: Step, application: Application | None) -> str:
    """The step's heading, addressed to the reader: "Om deg" when applying for
    oneself; the page about the basis is named after the basis."""
    if application is None:
        return str(step.title)
    if step.key == "person" and application.on_behalf is False:
        return pgettext("step heading, applying for oneself", "Om deg")
    if step.key == "basis_details":
        titles: dict[str, StrOrPromise] = {
            Application.Basis.POWER_OF_ATTORNEY: pgettext("step heading", "Fullmakten"),
            Application.Basis.GUARDIANSHIP: pgettext("step heading", "Vergemålet"),
            Application.Basis.CANNOT_CONSENT: pgettext(
                "step heading", "Når personen ikke kan samtykke"
            ),
        }
        return str(titles.get(application.basis, step.title))
    return str(step.title)


def neighbour(application: Application, step: Step, direction: int) -> Step | None:
    """The next (+1) or previous (-1) step this person sees."""
    index = step.number - 1 + direction
    while 0 <= index < TOTAL_STEPS:
        candidate = STEPS[index]
        if applies(candidate, application):
            return candidate
        index += direction
    return None


def continue_url(application: Application) -> str:
    """Where to pick up a draft: the furthest step reached that this person sees, on
    the draft's own path (a caregiver's application has steps of its own)."""
    if caregiver.is_caregiver_application(application):
        return caregiver.continue_url(application)
    number = min(max(application.furthest_step, 2), TOTAL_STEPS)
    step = STEPS[number - 1]
    if not applies(step, application):
        step = neighbour(application, step, +1) or STEPS[-1]
    return reverse("referrals:apply_step", kwargs={"key": application.public_id, "step": step.slug})


@dataclass(frozen=True)
class PathLengths:
    """How many steps each path has, for texts that tell the reader before they start."""

    yourself: int
    someone_else_fewest: int
    someone_else_most: int
    caregiver: int


def path_lengths() -> PathLengths:
    """Counted from the steps themselves, so the texts follow when a step is added."""
    on_behalf = [
        len(visible_steps(Application(on_behalf=True, basis=basis)))
        for basis in Application.Basis.values
    ]
    return PathLengths(
        yourself=len(visible_steps(Application(on_behalf=False))),
        someone_else_fewest=min(on_behalf),
        someone_else_most=max(on_behalf),
        caregiver=caregiver.TOTAL_STEPS,
    )
