"""Freezing decision letters: render the letter from the stored decision, keep it
with its SHA-256, and dispatch it to its recipients once it exists
(``referrals.letters.dispatch``)."""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction

from referrals.cases import services as case_services
from referrals.cases.models import Decision, Message
from referrals.cases.representation import Aspect
from referrals.cases.services import record_internal_event
from referrals.letters.dispatch import PAPER, dispatch_letter, letter_recipients
from referrals.letters.models import LetterDispatch, PreliminaryReply
from referrals.letters.rendering import (
    render_stored_decision_letter,
)

logger = logging.getLogger(__name__)


def freeze_decision_letter(decision: Decision) -> bool:
    """Render the letter from the stored decision and freeze it with its SHA-256.
    False (and the failure logged) if the renderer failed; the decision stays pending."""
    try:
        # A savepoint: a failure while reading the stored content must not leave the
        # surrounding transaction (which holds the decision) unusable.
        with transaction.atomic():
            pdf = render_stored_decision_letter(decision)
            decision.letter.save(
                f"vedtak-{decision.application.reference}.pdf", ContentFile(pdf), save=False
            )
    except Exception:
        # Any failure to render or store the letter (WeasyPrint, fonts, the file
        # storage): the decision is kept and the letter retried. No identity number
        # is logged, only the decision's id and the case reference.
        logger.exception(
            "The letter of decision %s (case %s) could not be rendered; it is pending",
            decision.pk,
            decision.application.reference,
        )
        return False
    decision.letter_sha256 = hashlib.sha256(pdf).hexdigest()
    decision.letter_status = Decision.LetterStatus.READY
    decision.save(update_fields=["letter", "letter_sha256", "letter_status"])
    return True


def notify_letter_ready(
    letter: Decision | PreliminaryReply,
    *,
    template: str = "referrals/emails/status_changed.txt",
    about: Aspect | Message = Aspect.STATUS,
) -> list[LetterDispatch]:
    """The letter exists: send it to its recipients (``dispatch.dispatch_letter``: the
    portal inbox and a notice e-mail, or the print queue). Whoever of the case's people
    does not get the digital notice is told by the usual e-mail (``template``) that
    there is news on the case; the letter itself comes by post."""
    dispatches = dispatch_letter(letter)
    digital = {d.recipient for d in dispatches if d.channel != PAPER}
    told = {
        recipient.email.lower()
        for recipient in letter_recipients(letter.application)
        if recipient.role in digital and recipient.email
    }
    case_services.notify_citizen(
        application=letter.application, template=template, about=about, exclude=told
    )
    return dispatches


@transaction.atomic
def produce_pending_letter(*, decision_id: int) -> bool:
    """Render and freeze a pending letter (the task, and ``retry_pending_letters``).
    The citizen is notified once, when the letter exists. Returns whether the letter
    exists now; a letter already frozen is left alone (True)."""
    # Locked: the task and the management command may run for the same decision at
    # once; the second waits, then finds the letter frozen.
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("application__service_type")
        .filter(pk=decision_id)
        .first()
    )
    if decision is None:
        return False
    if not decision.letter_pending:
        return True
    decision.letter_attempts += 1
    decision.save(update_fields=["letter_attempts"])
    if not freeze_decision_letter(decision):
        return False
    record_internal_event(
        application=decision.application,
        actor=None,
        action="referrals.decision.letter_sent",
    )
    notify_letter_ready(decision)
    return True
