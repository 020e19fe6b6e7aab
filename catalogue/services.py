"""Changes to the catalogue. Views and forms never save; they call these functions.

Every change to an offer is recorded as an OfferChange with a namespaced action
("catalogue.offer.created/changed/published/archived/reviewed"), the acting user and
the changed field names, shown on the staff edit page.
"""

import datetime
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from catalogue import page_cache
from catalogue.models import ErrorReport, Offer, OfferChange, OpeningPeriod, Unit
from catalogue.reserved_slugs import is_reserved
from catalogue.search import index as search_index
from portal.emails import queue_email
from portal.models import User
from portal.roles import Role

logger = logging.getLogger(__name__)

OFFER_M2M_FIELDS = ("categories", "locations", "languages")
PERIOD_FIELDS = ("weekday", "opens", "closes", "location", "valid_from", "valid_until")


class OfferStateError(Exception):
    """The offer is not in a state that allows the change (e.g. publishing an archived
    offer's incomplete draft)."""


# --- reads used by the services -------------------------------------------------------


def unit_leaders(unit: Unit):
    """Active users in the unit-leader group who work for ``unit``."""
    return User.objects.filter(
        is_active=True, groups__name=Role.UNIT_LEADER.value, units=unit
    ).distinct()


# --- offers --------------------------------------------------------------------------


def _record(
    *, offer: Offer, user: User | None, action: str, changed_fields: Iterable[str] = ()
) -> OfferChange:
    return OfferChange.objects.create(
        offer=offer, user=user, action=action, changed_fields=sorted(set(changed_fields))
    )


def _unique_slug(title: str) -> str:
    base = slugify(title)[:180] or "tilbud"
    slug, number = base, 2
    while is_reserved(slug) or Offer.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def _comparable(value: Any) -> Any:
    if isinstance(value, Model):
        return value.pk
    return value


def _period_key(period: dict | OpeningPeriod) -> tuple:
    get = period.get if isinstance(period, dict) else lambda name: getattr(period, name)
    return tuple(_comparable(get(name)) for name in PERIOD_FIELDS)


def _apply(
    *, offer: Offer, fields: dict[str, Any], opening_periods: list[dict] | None
) -> list[str]:
    """Set ``fields`` (plain and many-to-many) and replace the opening periods on a
    saved, locked ``offer``. Returns the names of the fields that changed."""
    changed: list[str] = []
    plain = {name: value for name, value in fields.items() if name not in OFFER_M2M_FIELDS}
    for name, value in plain.items():
        if _comparable(getattr(offer, name)) != _comparable(value):
            setattr(offer, name, value)
            changed.append(name)
    if changed:
        offer.save()
    plain_changed = bool(changed)
    for name in OFFER_M2M_FIELDS:
        if name not in fields:
            continue
        wanted = {_comparable(item) for item in fields[name]}
        current = set(getattr(offer, name).values_list("pk", flat=True))
        if wanted != current:
            getattr(offer, name).set(list(wanted))
            changed.append(name)
    if opening_periods is not None:
        current_periods = sorted(_period_key(p) for p in offer.opening_periods.all())
        wanted_periods = sorted(_period_key(p) for p in opening_periods)
        if current_periods != wanted_periods:
            offer.opening_periods.all().delete()
            OpeningPeriod.objects.bulk_create(
                OpeningPeriod(offer=offer, **{name: period.get(name) for name in PERIOD_FIELDS})
                for period in opening_periods
            )
            changed.append("opening_periods")
    if changed and not plain_changed:
        # Only related rows changed: still mark the offer as updated, which the public
        # pages' caches and "last updated" go by.
        offer.save(update_fields=["updated_at"])
    return changed


def create_offer(*, user: User, fields: dict[str, Any], opening_periods: list[dict]) -> Offer:
    """Create a draft offer for a unit ``user`` manages (the form limits the choice to
    ``Unit.objects.for_user``)."""
    with transaction.atomic(), search_index.batched():
        plain = {name: value for name, value in fields.items() if name not in OFFER_M2M_FIELDS}
        offer = Offer(**plain, status=Offer.Status.DRAFT)
        offer.slug = _unique_slug(offer.title)
        offer.save()
        for name in OFFER_M2M_FIELDS:
            if name in fields:
                getattr(offer, name).set(fields[name])
        OpeningPeriod.objects.bulk_create(
            OpeningPeriod(offer=offer, **{name: period.get(name) for name in PERIOD_FIELDS})
            for period in opening_periods
        )
        _record(
            offer=offer, user=user, action="catalogue.offer.created", changed_fields=fields.keys()
        )
    return offer


def set_places_available(*, offer_id: int, places: int) -> bool:
    """The free places of an offer whose places are counted from decisions
    (``Offer.places_from_capacity``), kept current by the capacity room of referrals
    whenever a place is given or ended. Not an edit by a person (no OfferChange); the
    public pages show it at once. Returns whether the figure changed."""
    changed = (
        Offer.objects.filter(pk=offer_id)
        .exclude(places_available=places)
        .update(places_available=places, updated_at=timezone.now())
    )
    if changed:
        page_cache.bump()
    return bool(changed)


def update_offer(
    *, offer: Offer, user: User, fields: dict[str, Any], opening_periods: list[dict] | None
) -> list[str]:
    """Apply an edit; records which fields changed (nothing when nothing did)."""
    with transaction.atomic(), search_index.batched():
        # Lock and re-read the row: two leaders of the same unit may save at once, and
        # the form has already written its values onto the instance the view holds.
        locked = Offer.objects.select_for_update().get(pk=offer.pk)
        changed = _apply(offer=locked, fields=fields, opening_periods=opening_periods)
        if changed:
            _record(
                offer=locked, user=user, action="catalogue.offer.changed", changed_fields=changed
            )
    return changed


def publish_offer(*, offer: Offer, user: User) -> Offer:
    """Make the offer visible to citizens. Needs a location and a category."""
    with transaction.atomic():
        locked = Offer.objects.select_for_update().get(pk=offer.pk)
        if locked.status == Offer.Status.PUBLISHED:
            return locked
        if not locked.locations.exists() or not locked.categories.exists():
            raise OfferStateError(
                "An offer needs at least one location and one category to be published."
            )
        changed = ["status"]
        locked.status = Offer.Status.PUBLISHED
        if locked.published_at is None:
            locked.published_at = timezone.now()
            changed.append("published_at")
        if locked.last_reviewed is None:
            # Publishing after a preview is a review.
            locked.last_reviewed = timezone.localdate()
            changed.append("last_reviewed")
        locked.save()
        _record(offer=locked, user=user, action="catalogue.offer.published", changed_fields=changed)
    return locked


def archive_offer(*, offer: Offer, user: User) -> Offer:
    """Take the offer off the public catalogue (kept for the record)."""
    with transaction.atomic():
        locked = Offer.objects.select_for_update().get(pk=offer.pk)
        if locked.status == Offer.Status.ARCHIVED:
            return locked
        locked.status = Offer.Status.ARCHIVED
        locked.save(update_fields=["status", "updated_at"])
        _record(
            offer=locked, user=user, action="catalogue.offer.archived", changed_fields=["status"]
        )
    return locked


def mark_offer_reviewed(*, offer: Offer, user: User, today: datetime.date | None = None) -> Offer:
    """The leader has checked that the listing is still right."""
    with transaction.atomic():
        locked = Offer.objects.select_for_update().get(pk=offer.pk)
        locked.last_reviewed = today or timezone.localdate()
        locked.save(update_fields=["last_reviewed", "updated_at"])
        _record(
            offer=locked,
            user=user,
            action="catalogue.offer.reviewed",
            changed_fields=["last_reviewed"],
        )
    return locked


# --- error reports -------------------------------------------------------------------


def report_error(*, offer: Offer, message: str, reporter_email: str = "") -> ErrorReport:
    """Store a citizen's report and tell the unit's leaders by e-mail (after commit).

    The e-mail carries only the offer's title and a link to the staff page, never the
    message itself: citizens sometimes write personal details into free text.
    """
    with transaction.atomic():
        report = ErrorReport.objects.create(
            offer=offer, message=message, reporter_email=reporter_email
        )
        recipients = sorted(unit_leaders(offer.unit).values_list("email", flat=True))
        if recipients:
            queue_email(
                to=recipients,
                template="catalogue/report_email.txt",
                context={
                    "offer": offer,
                    "link": settings.SITE_URL + reverse("catalogue:staff_reports"),
                    "municipality_name": settings.MUNICIPALITY_NAME,
                },
                language=settings.LANGUAGE_CODE,
            )
        else:
            logger.warning(
                "Error report %s: the unit has no active unit leader to notify", report.pk
            )
    return report


def mark_report_handled(*, report: ErrorReport, user: User) -> ErrorReport:
    with transaction.atomic():
        locked = ErrorReport.objects.select_for_update().get(pk=report.pk)
        if locked.handled_at is None:
            locked.handled_at = timezone.now()
            locked.handled_by = user
            locked.save(update_fields=["handled_at", "handled_by"])
    return locked


# --- reminders -----------------------------------------------------------------------


def send_review_reminders(*, today: datetime.date | None = None) -> int:
    """E-mail each unit leader the list of their units' offers that need review.
    Returns the number of e-mails queued. Meant for a daily/weekly scheduled run."""
    sent = 0
    leaders = User.objects.filter(is_active=True, groups__name=Role.UNIT_LEADER.value).distinct()
    for leader in leaders.prefetch_related("units"):
        offers = list(Offer.objects.for_unit_leader(leader).needing_review(today).order_by("title"))
        if not offers:
            continue
        with transaction.atomic():
            queue_email(
                to=[leader.email],
                template="catalogue/staff_review_reminder_email.txt",
                context={
                    "offers": offers,
                    "link": settings.SITE_URL + reverse("catalogue:staff_review"),
                    "municipality_name": settings.MUNICIPALITY_NAME,
                },
                language=settings.LANGUAGE_CODE,
            )
        sent += 1
    return sent
