"""Who may see what of a case on the citizen side: the person the case is about (the
party) and the one who applied on their behalf (the representative). The case page,
the downloads, the receipt, the data export and the e-mails all ask ``may_see``.

The rule, per item of the case:

================================  ======  ====================  ===============  ==========
item                              person  verge, fullmektig,    representative   access
                                          or copies agreed      without copies   ended
================================  ======  ====================  ===============  ==========
the status and its history        yes     yes                   yes              no
what the viewer sent themselves   yes     yes                   yes              yes, what
(the application, their messages,                                                was sent
attachments and appeals)                                                         before the
                                                                                 end
messages, attachments and         yes     yes                   no               no
appeals from others
letters (decisions, preliminary   yes     yes                   no               no
replies), places, waiting lists,
the staff access log
================================  ======  ====================  ===============  ==========

Why:

- The person is the party (forvaltningsloven § 2 første ledd bokstav e): they see the
  whole case (§ 18) and get the decision (§ 27). A user *is* the person when their
  verified identity has the person's identity number (``verified_national_id``), or when
  they applied for themselves.
- A verge acts for the person within the mandate Statsforvalteren gave (vergemålsloven
  § 21); applying for and following a care service is taken to be within it.
- A fullmektig recorded on the application with the scope of the power of attorney
  (its document is checked by the caseworker) is the person's representative in this
  case (forvaltningsloven § 12), whom the municipality addresses.
- Anyone else who applies (a relative, a professional) has no right of their own to
  the person's health information (helsepersonelloven § 21; pasient- og
  brukerrettighetsloven § 3-3 needs the person's consent): they see the case's
  progress and what they sent, and the rest only when the person agreed that they get
  copies (``applicant_may_receive_copies``).
- Consent can be withdrawn and a power of attorney revoked at any time: the person
  ends the representative's access on their case page (``services.end_representative_
  access``). From then on the representative sees only what they themselves sent
  before the end, acts no more on the case and gets no more e-mails about it. A verge's
  access is not ended here: Statsforvalteren appoints and changes verges.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from portal.models import User
from referrals.cases.models import Appeal, Application, ApplicationEvent, Attachment, Message


class Standing(StrEnum):
    """Who the viewer is on the case."""

    PERSON = "person"
    REPRESENTATIVE = "representative"  # verge, fullmektig, or copies agreed
    REPRESENTATIVE_WITHOUT_COPIES = "representative_without_copies"
    ACCESS_ENDED = "access_ended"  # a representative whose access the person ended
    NONE = "none"


class Aspect(StrEnum):
    """Parts of a case that are not one row of their own."""

    STATUS = "status"  # the status, the expected date, the status history
    APPLICATION = "application"  # the application as it was sent (the receipt)
    LETTERS = "letters"  # the decision letters and preliminary replies as a whole
    DECISION_DETAILS = "decision_details"  # places and waiting-list places
    ACCESS_LOG = "access_log"  # who in the municipality has seen the case


class Grounds(StrEnum):
    """Why a representative sees the whole case."""

    GUARDIAN = "guardian"
    POWER_OF_ATTORNEY = "power_of_attorney"
    COPIES = "copies"


# Timeline events that tell how the case moves; the others carry someone's content
# (a message, documents) and follow their author.
STATUS_EVENTS = frozenset(
    {
        ApplicationEvent.Kind.SUBMITTED,
        ApplicationEvent.Kind.STATUS_CHANGED,
        ApplicationEvent.Kind.WITHDRAWN,
        ApplicationEvent.Kind.DECIDED,
        ApplicationEvent.Kind.APPEALED,
        ApplicationEvent.Kind.REPRESENTATIVE_ACCESS_ENDED,
    }
)


def verified_national_id(user: User | AnonymousUser) -> str:
    """The user's identity number when it comes from a verified identity, else "".

    The one place that decides whether a logged-in user is a person in the population
    register. Today ``national_id`` is only ever set from ID-porten's ``pid`` claim
    (``portal.oidc``); a flag that says so explicitly belongs here when it comes.
    """
    if not user.is_authenticated:
        return ""
    return user.national_id or ""


def joins_person(application: Application) -> bool:
    """Whether the case reaches the account of the person its identity number names.

    A self-application reaches it only when the number was verified with ID-porten:
    otherwise anyone could file "for myself" under a stranger's number and have the
    stranger read their case (issue 11, finding 6). An application made on another's
    behalf names that person as the party: the holder of the number is who the case is
    about, with the right to see it (forvaltningsloven § 18) and to end the
    representative's access. A mistyped number is caught by the number's two check
    digits (``referrals.cases.identity``)."""
    return application.identity_verified or bool(application.on_behalf)


def joins_by_number() -> Q:
    """``joins_person`` as a query condition on applications."""
    return Q(person_identity=Application.Identity.VERIFIED) | Q(on_behalf=True)


def representation_grounds(application: Application) -> Grounds | None:
    """Why the one who applied on the person's behalf may see the whole case, if they may."""
    Relation, Basis = Application.Relation, Application.Basis
    if application.relation == Relation.GUARDIAN or application.basis == Basis.GUARDIANSHIP:
        return Grounds.GUARDIAN
    power_of_attorney = (
        application.relation == Relation.POWER_OF_ATTORNEY
        or application.basis == Basis.POWER_OF_ATTORNEY
    )
    if power_of_attorney and application.power_of_attorney_scope.strip():
        return Grounds.POWER_OF_ATTORNEY
    if application.applicant_may_receive_copies:
        return Grounds.COPIES
    return None


@dataclass(frozen=True)
class Access:
    """What ``user_id`` is on ``application``; ask ``may_see`` what follows from it."""

    application: Application
    user_id: int | None
    standing: Standing

    @property
    def grounds(self) -> Grounds | None:
        return representation_grounds(self.application)

    @property
    def ended_at(self) -> datetime | None:
        return self.application.representative_access_ended_at

    @property
    def may_act(self) -> bool:
        """Reply, send documents, withdraw and appeal."""
        return self.standing in (
            Standing.PERSON,
            Standing.REPRESENTATIVE,
            Standing.REPRESENTATIVE_WITHOUT_COPIES,
        )

    @property
    def has_representative(self) -> bool:
        """The case was filed by someone else on the person's behalf."""
        application = self.application
        return bool(application.on_behalf) and application.applicant_id != self.user_id

    @property
    def may_end_representation(self) -> bool:
        """The person may end the access of the one who applied for them, unless it has
        ended already or that one is their verge."""
        return (
            self.standing == Standing.PERSON
            and self.has_representative
            and self.ended_at is None
            and self.grounds != Grounds.GUARDIAN
        )


def access_for(*, user: User | AnonymousUser, application: Application) -> Access:
    """The viewer's standing on the case (no database query)."""
    user_id = user.pk if getattr(user, "is_authenticated", False) else None
    national_id = verified_national_id(user)
    if national_id and national_id == application.person_national_id and joins_person(application):
        standing = Standing.PERSON
    elif user_id is None or application.applicant_id != user_id:
        standing = Standing.NONE
    elif not application.on_behalf:
        standing = Standing.PERSON
    elif application.representative_access_ended_at is not None:
        standing = Standing.ACCESS_ENDED
    elif representation_grounds(application) is not None:
        standing = Standing.REPRESENTATIVE
    else:
        standing = Standing.REPRESENTATIVE_WITHOUT_COPIES
    return Access(application=application, user_id=user_id, standing=standing)


def _author_and_time(item: object, application: Application) -> tuple[int | None, datetime | None]:
    """Who put the item on the case and when (None for what no citizen writes)."""
    if isinstance(item, Message):
        return item.sender_id, item.created_at
    if isinstance(item, Attachment):
        return item.uploaded_by_id, item.uploaded_at
    if isinstance(item, Appeal):
        return item.submitted_by_id, item.submitted_at
    if isinstance(item, ApplicationEvent):
        return item.actor_id, item.at
    if item == Aspect.APPLICATION:
        return application.applicant_id, application.submitted_at
    return None, None


def _is_status(item: object) -> bool:
    if isinstance(item, ApplicationEvent):
        return item.kind in STATUS_EVENTS
    return item == Aspect.STATUS


def may_see(access: Access, item: object) -> bool:
    """Whether the viewer of ``access`` may see ``item``: a Message, Attachment,
    Appeal, ApplicationEvent, Decision or PreliminaryReply of the case, or an
    ``Aspect``. The one rule for pages, downloads, the export and e-mails (see the
    module docstring)."""
    if isinstance(item, ApplicationEvent) and not item.visible_to_citizen:
        return False
    if access.standing in (Standing.PERSON, Standing.REPRESENTATIVE):
        return True
    if access.standing == Standing.NONE:
        return False
    author, at = _author_and_time(item, access.application)
    own = author is not None and author == access.user_id
    if access.standing == Standing.REPRESENTATIVE_WITHOUT_COPIES:
        return own or _is_status(item)
    # Access ended: what they sent themselves before the end, and nothing new.
    ended_at = access.ended_at
    return own and at is not None and ended_at is not None and at <= ended_at


def visible[T](access: Access, items: Iterable[T]) -> list[T]:
    """The items of ``items`` the viewer may see, in their order."""
    return [item for item in items if may_see(access, item)]
