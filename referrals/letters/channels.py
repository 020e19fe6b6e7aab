"""The channels a frozen letter is sent through, behind one small interface.

A channel takes one ``LetterDispatch`` (one letter to one recipient) and either
delivers it at once (the dispatch becomes ``sent``), leaves it ``queued`` for a later
step (the print queue, a national service that answers later), or raises
``ChannelError`` (the dispatch becomes ``failed`` and is tried again; the letter is
never lost, it stays frozen on the case). The channels are named in
``settings.LETTER_CHANNELS`` (key → dotted path); which one a recipient gets is decided
by ``referrals.letters.dispatch.choose_channel``. How to add one (SvarUt, Digipost,
e-Boks through KS Fiks): docs/letters-dispatch.md.
"""

from dataclasses import dataclass
from functools import partial
from typing import Protocol

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from portal.models import User
from referrals.letters.models import LetterDispatch


@dataclass(frozen=True)
class Recipient:
    """Who gets a letter: the party, or a representative with a right to copies."""

    role: str  # LetterDispatch.Recipient
    name: str
    user: User | None  # their account, if they have one
    email: str  # where the notice of a digital letter goes ("" if none)
    language: str  # the notice's language
    street: str
    postcode: str
    place: str

    @property
    def has_postal_address(self) -> bool:
        return bool(self.street.strip() and len(self.postcode) == 4 and self.place.strip())


class ChannelError(Exception):
    """The channel could not take the letter now. The message is the kind of failure,
    for staff (never an address, an identity number or a health detail)."""


class LetterChannel(Protocol):
    """What every channel is: a key (as in ``settings.LETTER_CHANNELS``), a label for
    staff and ``send``."""

    key: str
    label: StrOrPromise

    def send(self, dispatch: LetterDispatch, recipient: Recipient) -> str:
        """Hand the letter over; return the dispatch's new status (``sent`` when it was
        delivered now, ``queued`` when a later step delivers it) or raise
        ``ChannelError``. Called inside the transaction that stores the dispatch: work
        outside the database belongs in ``transaction.on_commit``."""
        ...


class DigitalChannel:
    """The letter is in the recipient's inbox on the portal at once (the case page
    shows it to those ``representation.may_see`` lets see it); an e-mail tells them
    there is a new letter (the reference and a link only), sent by a task after commit.
    The dispatch is ``sent`` when the mail server took the e-mail, ``failed`` (and
    retried) when it did not."""

    key = "digital"
    label = _("Digitalt: innboksen på nettsiden og varsel på e-post")

    def send(self, dispatch: LetterDispatch, recipient: Recipient) -> str:
        if not recipient.email:
            raise ChannelError("no e-mail address for the notice")
        from referrals.letters.tasks import send_letter_notice

        transaction.on_commit(partial(_enqueue_notice, send_letter_notice, dispatch.pk))
        return LetterDispatch.Status.QUEUED


def _enqueue_notice(task: object, dispatch_id: int) -> None:
    from referrals.letters.dispatch import mark_failed

    try:
        task.enqueue(dispatch_id=dispatch_id)  # type: ignore[attr-defined]
    except Exception as error:  # the queue is down: retried later
        mark_failed(dispatch_id, f"could not queue the notice ({type(error).__name__})")


class PaperChannel:
    """The letter waits in the print queue for office staff (``/saksbehandling/
    utskrift/``), who print it in a batch behind an address sheet for a window envelope
    and mark the batch printed (the dispatch is then ``printed``)."""

    key = "paper"
    label = _("Papir: sendes i posten")

    def send(self, dispatch: LetterDispatch, recipient: Recipient) -> str:
        if not recipient.has_postal_address:
            raise ChannelError("no complete postal address")
        return LetterDispatch.Status.QUEUED


def get_channel(key: str) -> LetterChannel:
    """The channel registered under ``key`` in ``settings.LETTER_CHANNELS`` (read each
    time, so a test or a deployment may change the registry)."""
    path = settings.LETTER_CHANNELS.get(key)
    if path is None:
        raise ChannelError(f"no channel {key!r} in LETTER_CHANNELS")
    channel: LetterChannel = import_string(path)()
    return channel


def channel_label(key: str) -> StrOrPromise:
    try:
        return get_channel(key).label
    except ChannelError:
        return key
