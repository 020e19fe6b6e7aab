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
from referrals.matching.models import CheckIn, HoursReport, Match
from referrals.volunteers.models import (
    ChecklistCompletion,
    ChecklistItem,
    ConfidentialityPledge,
    HelperAvailability,
    HelperProfile,
    HelperRoleEnrolment,
    HelpRequest,
    HelpRequester,
    HelpRequestTime,
    Interest,
    PoliceCertificateCheck,
    VolunteerRole,
    VolunteerRoleTime,
)

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
    "CheckIn",
    "ChecklistCompletion",
    "ChecklistItem",
    "ConfidentialityPledge",
    "Consultation",
    "Decision",
    "DecisionContent",
    "DecisionProposal",
    "HelpRequest",
    "HelpRequester",
    "HelpRequestTime",
    "HelperAvailability",
    "HelperProfile",
    "HelperRoleEnrolment",
    "HoursReport",
    "Interest",
    "InternalNote",
    "LetterDispatch",
    "Match",
    "Message",
    "PoliceCertificateCheck",
    "PreliminaryReply",
    "PrintBatch",
    "ReasonParagraph",
    "ReferenceSequence",
    "VolunteerRole",
    "VolunteerRoleTime",
    "WaitingListEntry",
    "attachment_upload_to",
]
