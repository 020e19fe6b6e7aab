"""Django finds the ``referrals`` app's models here; each is defined in its room.

One app, several rooms (docs/architecture.md): the tables keep their names and the
migrations stay in ``referrals/migrations``. Code imports a model from its room
(``referrals.cases.models``), never from this module.
"""

from referrals.capacity.models import Allocation, WaitingListEntry
from referrals.cases.models import (
    AccessLogEntry,
    Appeal,
    Application,
    ApplicationEvent,
    Attachment,
    CaseworkerAssignment,
    Consultation,
    Decision,
    DecisionContent,
    Message,
    ReferenceSequence,
    attachment_upload_to,  # named by migration 0003
)
from referrals.casework.models import (
    AppealForwarding,
    Assessment,
    DecisionProposal,
    InternalNote,
    ReasonParagraph,
)
from referrals.letters.models import LetterDispatch, PreliminaryReply, PrintBatch

__all__ = [
    "AccessLogEntry",
    "Allocation",
    "Appeal",
    "AppealForwarding",
    "Application",
    "ApplicationEvent",
    "Assessment",
    "Attachment",
    "CaseworkerAssignment",
    "Consultation",
    "Decision",
    "DecisionContent",
    "DecisionProposal",
    "InternalNote",
    "LetterDispatch",
    "Message",
    "PreliminaryReply",
    "PrintBatch",
    "ReasonParagraph",
    "ReferenceSequence",
    "WaitingListEntry",
    "attachment_upload_to",
]
