"""How well a helper fits a help request: a pure function of plain facts, so that the
ranking can be tested and explained without the database.

Each point of fit adds to the score and gives a reason the coordinator reads; a stated
preference the helper does not meet (gender, age) lowers the score and says so. The
weights are deliberately simple: the coordinator decides, the score only orders.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

SAME_DISTRICT = 30
PER_INTEREST = 10
MAX_INTERESTS = 3
LANGUAGE = 15
GENDER_MATCH = 10
GENDER_MISMATCH = -20
AGE_MATCH = 10
AGE_MISMATCH = -10
PER_TIME_SLOT = 5
MAX_TIME_SLOTS = 4

Slot = tuple[int, str]  # (weekday 0=Monday, part of day)


@dataclass(frozen=True)
class Need:
    """What the help request asks for (from ``HelpRequest``)."""

    district_id: int | None = None
    interests: frozenset[str] = field(default_factory=frozenset)
    languages: frozenset[str] = field(default_factory=frozenset)
    gender: str = ""
    min_age: int | None = None
    max_age: int | None = None
    slots: frozenset[Slot] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Candidate:
    """What is known about a helper (from ``HelperProfile``)."""

    district_id: int | None = None
    interests: frozenset[str] = field(default_factory=frozenset)
    languages: frozenset[str] = field(default_factory=frozenset)
    gender: str = ""
    age: int | None = None
    slots: frozenset[Slot] = field(default_factory=frozenset)


def score(need: Need, candidate: Candidate) -> tuple[int, list[str]]:
    """The fit of ``candidate`` for ``need`` and the reasons, in the active language."""
    points = 0
    reasons: list[str] = []
    if need.district_id is not None and need.district_id == candidate.district_id:
        points += SAME_DISTRICT
        reasons.append(_("Bor i samme bydel"))
    shared = sorted(need.interests & candidate.interests)
    if shared:
        points += PER_INTEREST * min(len(shared), MAX_INTERESTS)
        reasons.append(_("Felles interesser: %(list)s") % {"list": ", ".join(shared)})
    languages = sorted(need.languages & candidate.languages)
    if languages:
        points += LANGUAGE
        reasons.append(_("Snakker %(list)s") % {"list": ", ".join(languages)})
    elif need.languages:
        reasons.append(_("Snakker ikke det ønskede språket"))
    if need.gender:
        if candidate.gender == need.gender:
            points += GENDER_MATCH
            reasons.append(_("Kjønn som ønsket"))
        else:
            points += GENDER_MISMATCH
            reasons.append(_("Ikke det ønskede kjønnet"))
    if need.min_age is not None or need.max_age is not None:
        low = need.min_age if need.min_age is not None else 0
        high = need.max_age if need.max_age is not None else 200
        if candidate.age is not None and low <= candidate.age <= high:
            points += AGE_MATCH
            reasons.append(_("Alder som ønsket"))
        else:
            points += AGE_MISMATCH
            reasons.append(_("Alder utenfor ønsket"))
    if need.slots:
        common = need.slots & candidate.slots
        if common:
            points += PER_TIME_SLOT * min(len(common), MAX_TIME_SLOTS)
            reasons.append(
                _("Ledig %(count)s av %(total)s ønskede tider")
                % {"count": len(common), "total": len(need.slots)}
            )
        else:
            reasons.append(_("Ingen felles ledige tider"))
    return points, reasons
