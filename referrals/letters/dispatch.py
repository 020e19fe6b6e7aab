"""Dispatch: the step after a letter is frozen. Each recipient — the party, and a
representative with a right to copies (``representation.representation_grounds``) —
gets a ``LetterDispatch`` through the channel ``choose_channel`` picks: digital for
those who logged in with ID-porten and have not reserved against digital
communication, paper (the print queue) for everyone else. A channel that fails marks
its dispatch failed; the letter stays frozen on the case and ``retry_failed`` tries
again. Statuses and channels: docs/letters-dispatch.md.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from portal.models import User
from referrals.cases.access import staff_applications
from referrals.cases.models import Application, Decision
from referrals.cases.representation import representation_grounds, verified_national_id
from referrals.cases.services import applicant_address
from referrals.letters.channels import ChannelError, Recipient, get_channel
from referrals.letters.models import LetterDispatch, PreliminaryReply, PrintBatch

logger = logging.getLogger(__name__)

Status = LetterDispatch.Status
PAPER = "paper"
NOTICE_LANGUAGES = ("nb", "nn", "en")


def _notice_language(language: str) -> str:
    return language if language in NOTICE_LANGUAGES else "nb"


def _real_email(user: User | None) -> str:
    from portal.oidc import has_placeholder_email

    if user is None or has_placeholder_email(user):
        return ""
    return user.email


def party_user(application: Application) -> User | None:
    """The account of the person the case is about: the applicant when they applied
    for themselves; otherwise the account whose verified identity (ID-porten) has the
    person's identity number, if there is one."""
    if not application.on_behalf:
        return application.applicant
    if not application.person_national_id:
        return None
    return User.objects.filter(national_id=application.person_national_id, is_active=True).first()


def letter_recipients(application: Application) -> list[Recipient]:
    """Who gets the case's letters: the party, and the one who applied on the person's
    behalf when they have a right to copies (verge, fullmektig, or copies agreed) and
    the person has not ended their access."""
    user = party_user(application)
    if application.on_behalf:
        email = application.person_email or _real_email(user)
        language = application.person_language
    else:
        email = applicant_address(application)
        language = application.person_language or application.language
    recipients = [
        Recipient(
            role=LetterDispatch.Recipient.PARTY,
            name=application.person_name,
            user=user,
            email=email,
            language=_notice_language(language),
            street=application.person_address,
            postcode=application.person_postcode,
            place=application.person_place,
        )
    ]
    if (
        application.on_behalf
        and application.representative_access_ended_at is None
        and representation_grounds(application) is not None
    ):
        applicant = application.applicant
        recipients.append(
            Recipient(
                role=LetterDispatch.Recipient.REPRESENTATIVE,
                name=application.applicant_name or applicant.get_full_name(),
                user=applicant,
                email=applicant_address(application),
                language=_notice_language(application.language),
                street=application.applicant_address,
                postcode=application.applicant_postcode,
                place=application.applicant_place,
            )
        )
    return recipients


def may_receive_digitally(recipient: Recipient) -> bool:
    """Digital letters for those who logged in with ID-porten (the only way an account
    gets a verified identity number) and are not reserved against digital
    communication (Kontakt- og reservasjonsregisteret; ``User.reserved_against_digital``),
    with an address for the notice."""
    user = recipient.user
    return (
        user is not None
        and user.is_active
        and bool(verified_national_id(user))
        and not user.reserved_against_digital
        and bool(recipient.email)
    )


def choose_channel(recipient: Recipient) -> str:
    """The channel key for ``recipient``: ``settings.LETTER_DIGITAL_CHANNEL`` (by default
    "digital") when they may get letters digitally, else paper."""
    if may_receive_digitally(recipient):
        return str(settings.LETTER_DIGITAL_CHANNEL)
    return PAPER


def _send(dispatch: LetterDispatch, recipient: Recipient) -> None:
    """Hand ``dispatch`` to its channel; a failure marks it failed, never raises."""
    dispatch.attempts += 1
    try:
        with transaction.atomic():  # a channel's failed write must not spoil the caller's
            status = get_channel(dispatch.channel).send(dispatch, recipient)
    except ChannelError as error:
        failure = str(error)
    except Exception as error:
        logger.exception("Letter dispatch %s failed in its channel", dispatch.pk)
        failure = f"channel error ({type(error).__name__})"
    else:
        dispatch.status = status
        dispatch.failure = ""
        if status == Status.SENT:
            dispatch.sent_at = timezone.now()
        dispatch.save(update_fields=["status", "failure", "sent_at", "attempts"])
        return
    logger.warning("Letter dispatch %s failed: %s", dispatch.pk, failure)
    dispatch.status = Status.FAILED
    dispatch.failure = failure[:200]
    dispatch.save(update_fields=["status", "failure", "attempts"])


def _letter_filter(letter: Decision | PreliminaryReply) -> Q:
    if isinstance(letter, Decision):
        return Q(decision=letter)
    return Q(preliminary_reply=letter)


@transaction.atomic
def dispatch_letter(letter: Decision | PreliminaryReply) -> list[LetterDispatch]:
    """Send a frozen letter to each of its recipients (``letter_recipients``) through
    the channel ``choose_channel`` picks. Once per letter: a letter already dispatched
    is left alone. Returns the dispatches."""
    existing = list(LetterDispatch.objects.filter(_letter_filter(letter)))
    if existing:
        return existing
    application = letter.application
    dispatches = []
    for recipient in letter_recipients(application):
        dispatch = LetterDispatch.objects.create(
            application=application,
            decision=letter if isinstance(letter, Decision) else None,
            preliminary_reply=letter if isinstance(letter, PreliminaryReply) else None,
            recipient=recipient.role,
            recipient_user=recipient.user,
            name=recipient.name,
            street=recipient.street,
            postcode=recipient.postcode,
            place=recipient.place,
            channel=choose_channel(recipient),
        )
        _send(dispatch, recipient)
        dispatches.append(dispatch)
    return dispatches


def recipient_of(dispatch: LetterDispatch) -> Recipient | None:
    """The dispatch's recipient as the case says now (an address corrected since)."""
    for recipient in letter_recipients(dispatch.application):
        if recipient.role == dispatch.recipient:
            return recipient
    return None


def mark_sent(dispatch_id: int) -> None:
    LetterDispatch.objects.filter(pk=dispatch_id).exclude(status=Status.PRINTED).update(
        status=Status.SENT, sent_at=timezone.now(), failure=""
    )


def mark_failed(dispatch_id: int, failure: str) -> None:
    logger.warning("Letter dispatch %s failed: %s", dispatch_id, failure)
    LetterDispatch.objects.filter(pk=dispatch_id).exclude(status=Status.PRINTED).update(
        status=Status.FAILED, failure=failure[:200]
    )


@transaction.atomic
def retry_dispatch(dispatch: LetterDispatch) -> LetterDispatch:
    """Try a failed dispatch again, with the recipient as the case says now. A
    recipient who may now get letters digitally (or no longer may) gets the channel
    that fits; an address corrected since is used."""
    dispatch = LetterDispatch.objects.select_for_update().get(pk=dispatch.pk)
    if dispatch.status != Status.FAILED:
        return dispatch
    recipient = recipient_of(dispatch)
    if recipient is None:  # no longer a recipient (access ended): nothing to send
        return dispatch
    dispatch.channel = choose_channel(recipient)
    dispatch.name = recipient.name
    dispatch.street, dispatch.postcode, dispatch.place = (
        recipient.street,
        recipient.postcode,
        recipient.place,
    )
    dispatch.save(update_fields=["channel", "name", "street", "postcode", "place"])
    _send(dispatch, recipient)
    return dispatch


def retry_failed() -> int:
    """Retry every failed dispatch (``manage.py retry_letter_dispatches``); returns how
    many were tried."""
    ids = list(
        LetterDispatch.objects.filter(status=Status.FAILED)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
    for dispatch in LetterDispatch.objects.filter(pk__in=ids).select_related("application"):
        retry_dispatch(dispatch)
    return len(ids)


# The print queue.


def print_queue(user: User) -> QuerySet[LetterDispatch]:
    """The paper letters waiting to be printed in ``user``'s scope (the cases they may
    see), not yet in a batch."""
    return (
        LetterDispatch.objects.filter(
            channel=PAPER,
            status=Status.QUEUED,
            batch__isnull=True,
            application__in=staff_applications(user).values("pk"),
        )
        .select_related("application")
        .order_by("created_at", "pk")
    )


def open_batches(user: User) -> QuerySet[PrintBatch]:
    """Batches made by ``user`` and not yet marked printed."""
    return PrintBatch.objects.filter(created_by=user, printed_at__isnull=True)


def batch_for_staff(*, user: User, batch_id: int) -> PrintBatch | None:
    """The batch, if every letter in it is of a case ``user`` may see; else None."""
    batch = PrintBatch.objects.filter(pk=batch_id).first()
    if batch is None:
        return None
    outside = batch.dispatches.exclude(application__in=staff_applications(user).values("pk"))
    if outside.exists() or not batch.dispatches.exists():
        return None
    return batch


def batch_dispatches(batch: PrintBatch) -> list[LetterDispatch]:
    return list(
        batch.dispatches.select_related("application", "decision", "preliminary_reply").order_by(
            "created_at", "pk"
        )
    )


@transaction.atomic
def make_batch(*, user: User) -> PrintBatch | None:
    """Put every paper letter in ``user``'s print queue into a new batch (None when the
    queue is empty)."""
    ids = list(print_queue(user).select_for_update(of=("self",)).values_list("pk", flat=True))
    if not ids:
        return None
    batch = PrintBatch.objects.create(created_by=user)
    LetterDispatch.objects.filter(pk__in=ids, batch__isnull=True).update(batch=batch)
    return batch


@transaction.atomic
def mark_batch_printed(*, batch: PrintBatch, user: User) -> int:
    """The batch has been printed and put in the post: its letters are ``printed``,
    with the date and who marked them. Returns how many."""
    batch = PrintBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.printed_at is not None:
        return 0
    now = timezone.now()
    batch.printed_at, batch.printed_by = now, user
    batch.save(update_fields=["printed_at", "printed_by"])
    return batch.dispatches.filter(status=Status.QUEUED).update(
        status=Status.PRINTED, sent_at=now, marked_by=user
    )
