"""A person's sign-ups for the personal-data export (GDPR art. 15 and 20;
referrals.records.personal_data adds them to the download on /mine-soknader/)."""

import datetime

from django.utils import timezone

from catalogue.participation.models import SignUp
from catalogue.participation.retention import retention_days
from portal.models import User

Record = dict[str, object]


def _local(value: datetime.datetime | None) -> datetime.datetime | None:
    return timezone.localtime(value) if value else None


def signup_record(signup: SignUp) -> Record:
    """Everything stored about one sign-up, as plain values (labels in the active
    language). The token's hash is left out: it is no information about anyone."""
    session = signup.session
    location = session.location
    return {
        "offer": str(session.offer.tr("title")),
        "session_starts_at": _local(session.starts_at),
        "session_ends_at": _local(session.ends_at),
        "location": f"{location.name}, {location.full_address}" if location else "",
        "status": str(signup.get_status_display()),
        "signed_up_at": _local(signup.created_at),
        "confirmed_at": _local(signup.confirmed_at),
        "cancelled_at": _local(signup.cancelled_at),
        "for_someone_else": signup.for_someone_else,
        "name": signup.name,
        "phone": signup.phone,
        "email": signup.email,
        "needs_transport": signup.needs_transport,
        "pickup_address": signup.pickup_address,
        "mobility_aid": str(signup.get_mobility_aid_display()),
        "needs_meal": signup.needs_meal,
        "diet": signup.diet,
        "companion": signup.companion,
        "language_help": signup.language_help,
        "language": signup.language,
        "attended": signup.attended,
        "reminded_at": _local(signup.reminded_at),
        "deleted_after": (
            timezone.localdate(session.ends_at) + datetime.timedelta(days=retention_days())
        ),
    }


def signups_for_export(user: User) -> list[Record]:
    """The sign-ups ``user`` made while logged in, for themselves and for others, of
    every status, past sessions included (until they are deleted)."""
    signups = (
        SignUp.objects.filter(user=user)
        .select_related("session__offer", "session__location")
        .order_by("session__starts_at", "pk")
    )
    return [signup_record(signup) for signup in signups]
