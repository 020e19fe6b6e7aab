"""When a police certificate (politiattest) may and must be asked for.

A police certificate can only be demanded where a law or a regulation gives the
authority for it (politiregisterloven chapter 7; the section number, § 36, is not
confirmed). The portal applies two such rules (docs/volunteers.md, "Rules applied",
says what was checked against which source):

- støttekontakt and avlaster are services under the Health and Care Services Act; the
  municipality must demand a certificate from whoever is offered such a position or
  assignment (helse- og omsorgstjenesteloven § 5-4);
- a volunteer whose tasks involve trust or responsibility towards minors or people
  with an intellectual disability: a barneomsorgsattest (politiregisterloven § 39
  første ledd) under politiregisterforskriften § 34-1. The portal asks for it in
  every such role.

Any other volunteer role: a certificate must not be asked for, and a role's checklist
cannot hold one.
"""

from dataclasses import dataclass
from typing import Protocol

from referrals.volunteers.models import RoleKind

HOL_5_4 = "helse- og omsorgstjenesteloven § 5-4"
PRF_34_1 = "politiregisterforskriften § 34-1, jf. politiregisterloven § 39 første ledd"


class RoleFacts(Protocol):
    kind: str
    involves_minors: bool
    involves_intellectual_disability: bool


@dataclass(frozen=True)
class Rule:
    required: bool
    allowed: bool
    legal_basis: str  # the provisions that give the authority; "" when not allowed


NOT_ALLOWED = Rule(required=False, allowed=False, legal_basis="")


def police_certificate_rule(role: RoleFacts) -> Rule:
    """Whether a police certificate is required (and allowed) for ``role``, and why."""
    if role.kind in (RoleKind.STOTTEKONTAKT, RoleKind.AVLASTER):
        return Rule(required=True, allowed=True, legal_basis=HOL_5_4)
    if role.involves_minors or role.involves_intellectual_disability:
        return Rule(required=True, allowed=True, legal_basis=PRF_34_1)
    return NOT_ALLOWED
