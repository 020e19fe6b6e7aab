"""Small, often-read facts about the staff and the units, cached so the case page does
not read them on every request (the queue and the case page stay within 12 queries):

- ``unit_label(user)``: the names of the units a member of staff belongs to, as the
  access log writes them in its "Enhet" column;
- ``municipal_unit_choices()``: the municipal units a case may be discussed with (the
  consultation form's choices);
- ``people_choices(key, compute)``: a list of people computed from roles and
  assignments (the assign form's colleagues for a service type and district).

They are invalidated when they may have changed: a unit saved or deleted moves a
generation number that is part of the unit keys; a change to a person's units deletes
that person's label; a person saved, their groups or a group's permissions changed, or a
caseworker assignment saved or deleted moves the people's generation. The keys also expire (``TTL``), which bounds how stale a process with a
local (non-shared) cache can be.
"""

from collections.abc import Callable
from typing import Any

from django.core.cache import cache

from catalogue.models import Unit
from portal.models import User

TTL = 300
_GENERATION = "staff:units:generation"
_PEOPLE_GENERATION = "staff:people:generation"


def _generation(name: str = _GENERATION) -> int:
    generation = cache.get(name)
    if generation is None:
        generation = 1
        cache.add(name, generation, timeout=None)
    return int(generation)


def _bump(name: str) -> None:
    try:
        cache.incr(name)
    except ValueError:
        cache.set(name, 2, timeout=None)


def _label_key(user_id: int) -> str:
    return f"staff:units:label:{_generation()}:{user_id}"


def unit_label(user: User) -> str:
    """ "Unit A, Unit B": the user's units in name order (as the access log shows them)."""
    key = _label_key(user.pk)
    label = cache.get(key)
    if label is None:
        label = ", ".join(user.units.order_by("name").values_list("name", flat=True))
        cache.set(key, label, TTL)
    return str(label)


def municipal_unit_choices() -> list[tuple[int, str]]:
    """(pk, name) of the municipal units, in name order."""
    key = f"staff:units:municipal:{_generation()}"
    choices = cache.get(key)
    if choices is None:
        choices = list(
            Unit.objects.filter(kind=Unit.Kind.MUNICIPAL).order_by("name").values_list("pk", "name")
        )
        cache.set(key, choices, TTL)
    return [(int(pk), str(name)) for pk, name in choices]


def people_choices(key: str, compute: Callable[[], list[tuple[int, str]]]) -> list[tuple[int, str]]:
    """``compute()``, cached under ``key`` until the people's generation moves."""
    full_key = f"staff:people:{_generation(_PEOPLE_GENERATION)}:{key}"
    choices = cache.get(full_key)
    if choices is None:
        choices = compute()
        cache.set(full_key, choices, TTL)
    return [(int(pk), str(label)) for pk, label in choices]


# Invalidation (connected in referrals.apps) ---------------------------------------------


def units_changed(**kwargs: Any) -> None:
    """A unit saved or deleted: every label and the choices may have changed."""
    _bump(_GENERATION)


def people_changed(**kwargs: Any) -> None:
    """A person, their groups, a group's permissions or an assignment changed."""
    _bump(_PEOPLE_GENERATION)


def user_units_changed(
    *, instance: object, reverse: bool, pk_set: set[int] | None, **kwargs: Any
) -> None:
    """``User.units`` changed, from the user's side (one label) or the unit's (the
    labels of the users in ``pk_set``, or, on a clear, all of them)."""
    if not reverse and isinstance(instance, User):
        cache.delete(_label_key(instance.pk))
    elif pk_set:
        cache.delete_many([_label_key(pk) for pk in pk_set])
    else:
        units_changed()
