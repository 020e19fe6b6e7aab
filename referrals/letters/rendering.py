"""Letters to the citizen and the legal rules they state.

The decision letter (enkeltvedtak) must contain (forvaltningsloven §§ 24–27): the
outcome, the legal basis, the facts, the reasons, what a grant contains, the right to
appeal (also when granted, § 27), the deadline from the legal basis — 4 weeks for
health and care services (pasient- og brukerrettighetsloven § 7-5), 3 weeks where only
forvaltningsloven § 29 applies — that the appeal goes to the municipality, which
reconsiders it before Statsforvalteren, how to appeal (also online), the right to see
the case documents (§§ 18–19), that Pasient- og brukerombudet can help (health and care
services), and a contact person.

Legal texts live in the letter templates as translatable strings; letters are rendered
with ``translation.override`` in the person's language (bokmål or nynorsk). An English
courtesy copy of a decision letter is rendered on demand from the stored decision with
the same template (``render_decision_letter_courtesy_copy``); it is never stored, and
the frozen Norwegian letter stays the legal decision.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, pgettext

from catalogue.models import APPEAL_WEEKS, AppealBasis, ServiceType, Weekday
from portal.documents.pdf import render_pdf
from referrals.cases import deadlines
from referrals.cases.models import (
    Application,
    DayPlace,
    Decision,
    DecisionContent,
    DecisionContentValues,
)

LETTER_LANGUAGES = ("nb", "nn")
COURTESY_LANGUAGE = "en"
# Printed only on the English copy, so it is English whatever the active language.
COURTESY_NOTE = "Courtesy translation — the Norwegian letter is the legal decision"


def letter_language(application: Application) -> str:
    """Letters are written in bokmål or nynorsk: the person's choice when it is one of
    them, else the language the application was filed in, else bokmål."""
    for candidate in (application.person_language, application.language):
        if candidate in LETTER_LANGUAGES:
            return candidate
    return "nb"


@dataclass(frozen=True)
class AppealRule:
    weeks: int
    law: str  # the provision that sets the deadline, as printed in the letter
    health_and_care: bool  # Pasient- og brukerombudet can help


def appeal_rule(appeal_basis: str) -> AppealRule:
    basis = AppealBasis(appeal_basis)
    if basis == AppealBasis.HEALTH_CARE:
        return AppealRule(
            weeks=APPEAL_WEEKS[basis],
            law=gettext("pasient- og brukerrettighetsloven § 7-5"),
            health_and_care=True,
        )
    return AppealRule(
        weeks=APPEAL_WEEKS[basis], law=gettext("forvaltningsloven § 29"), health_and_care=False
    )


def appeal_deadline(*, issued: date, appeal_basis: str) -> date:
    """The last day to appeal, moved past weekends and holidays (``cases.deadlines``)."""
    return deadlines.appeal_deadline(issued, APPEAL_WEEKS[AppealBasis(appeal_basis)])


def letter_legal_basis(service_type: ServiceType, legal_basis: str) -> str:
    """The legal basis as printed in the active language: the decision stores the
    bokmål citation (one line of the service type's ``legal_basis``); the letter prints
    the same line of the nynorsk or English version when there is one."""
    lines = [line.strip() for line in (service_type.legal_basis or "").splitlines() if line.strip()]
    translated = [
        line.strip() for line in service_type.tr("legal_basis").splitlines() if line.strip()
    ]
    chosen = (legal_basis or "").strip()
    if not chosen:
        return str(service_type.tr("legal_basis"))
    if chosen in lines and len(translated) == len(lines):
        return translated[lines.index(chosen)]
    return chosen


class LetterContent(DecisionContentValues):
    """What a decision letter says beyond the outcome: its ``DecisionContent`` as
    stored, with the offer's label and the date of the decision a correction replaces."""

    offer_label: str
    replaces_issued: date | None
    day_places: list[DayPlace]


def weekday_names(days: Iterable[int | str] | None) -> list[str]:
    return [str(Weekday(int(day)).label) for day in sorted(int(d) for d in days or [])]


def day_lines(day_places: Iterable[DayPlace], start_date: date | None) -> list[str]:
    """Per granted weekday, in the active language: from when the place starts, or
    that the person is on the waiting list and their place in it."""
    lines = []
    for day in sorted(day_places, key=lambda d: d.get("weekday", 0)):
        name = str(Weekday(day.get("weekday", 0)).label).capitalize()
        if day.get("place"):
            if start_date is None:
                lines.append(gettext("%(day)s: plass") % {"day": name})
            else:
                lines.append(
                    gettext("%(day)s: plass fra %(date)s")
                    % {"day": name, "date": formats.date_format(start_date, "DATE_FORMAT")}
                )
        else:
            lines.append(
                gettext("%(day)s: venteliste, nummer %(position)s i køen")
                % {"day": name, "position": day.get("position", "")}
            )
    return lines


def render_decision_letter(
    *,
    application: Application,
    outcome: str,
    legal_basis: str,
    appeal_basis: str,
    content: LetterContent,
    issued_at: datetime,
    language: str,
    courtesy_copy: bool = False,
) -> bytes:
    """The decision letter as a tagged PDF. ``content`` holds the DecisionContent
    fields (facts, reasons, grant details, contact person). ``courtesy_copy`` renders
    the English courtesy copy, marked as such."""
    if courtesy_copy:
        language = COURTESY_LANGUAGE
    else:
        language = language if language in LETTER_LANGUAGES else "nb"
    issued = timezone.localdate(issued_at)
    with translation.override(language):
        rule = appeal_rule(appeal_basis)
        title = gettext("Vedtak i sak %(reference)s") % {"reference": application.reference}
        outcome_label = str(Decision.Outcome(outcome).label)
        days = weekday_names(content.get("weekdays"))
        service_type = application.service_type
        context = {
            "application": application,
            "title": title,
            # In the letter's language: the service type's nynorsk name and legal basis in a
            # nynorsk letter.
            "service_name": str(service_type.tr("name")),
            "legal_basis_text": str(service_type.tr("legal_basis_text")),
            "outcome": outcome,
            "outcome_label": outcome_label,
            "granted": outcome in Decision.GRANTING,
            "legal_basis": letter_legal_basis(service_type, legal_basis),
            "content": content,
            "weekdays": days,
            "day_lines": day_lines(content.get("day_places") or [], content.get("start_date")),
            "rule": rule,
            "issued": issued,
            "deadline": appeal_deadline(issued=issued, appeal_basis=appeal_basis),
            "appeal_url": settings.SITE_URL + reverse("referrals:my_applications"),
            "municipality_name": settings.MUNICIPALITY_NAME,
            "municipality_address": settings.MUNICIPALITY_ADDRESS,
            "municipality_contact_email": settings.MUNICIPALITY_CONTACT_EMAIL,
            "municipality_contact_phone": settings.MUNICIPALITY_CONTACT_PHONE,
            "ombud_phone": settings.PATIENT_OMBUD_PHONE,
            "ombud_url": settings.PATIENT_OMBUD_URL,
            "site_url": settings.SITE_URL,
            "generated": issued_at,
            "kind": pgettext("letter kind", "Vedtak"),
            "courtesy_note": COURTESY_NOTE if courtesy_copy else "",
        }
    return render_pdf("referrals/letters/decision.html", context, language=language)


def stored_letter_context(decision: Decision) -> LetterContent:
    """The letter's ``content`` rebuilt from what was stored when the decision was
    issued (``DecisionContent``), so a letter rendered later says exactly the same. A
    correction also states the date of the decision it replaces and why. A decision
    without content (not issued through casework) raises ``DecisionContent.DoesNotExist``."""
    content = DecisionContent.objects.select_related("offer__unit", "decision__replaces").get(
        decision=decision
    )
    offer = content.offer
    replaces = content.decision.replaces
    return {
        "facts": content.facts,
        "reasons": content.reasons,
        "offer": offer,
        "weekdays": content.weekdays,
        "hours": content.hours,
        "start_date": content.start_date,
        "review_date": content.review_date,
        "transport": content.transport,
        "meals": content.meals,
        "egenandel": content.egenandel,
        "contact_name": content.contact_name,
        "contact_phone": content.contact_phone,
        "contact_email": content.contact_email,
        "language": content.language,
        "offer_label": f"{offer.title} ({offer.unit.name})" if offer else "",
        "correction_reason": content.correction_reason,
        "approved_by_name": content.approved_by_name,
        "day_places": list(content.day_places or []),
        "replaces_issued": (
            timezone.localdate(replaces.issued_at)
            if replaces is not None and content.correction_reason
            else None
        ),
    }


def render_stored_decision_letter(decision: Decision, *, courtesy_copy: bool = False) -> bytes:
    """The decision letter rendered from what was stored when it was issued (``Decision``
    and its ``DecisionContent``), dated the day it was issued (also when rendered later,
    after a renderer failure), in its letter language.

    ``courtesy_copy``: the English courtesy copy, rendered on demand and never stored;
    the frozen Norwegian letter and its SHA-256 stay as they are. A decision without
    content (not issued through casework) raises ``DecisionContent.DoesNotExist``."""
    content = stored_letter_context(decision)
    application = decision.application
    return render_decision_letter(
        application=application,
        outcome=decision.outcome,
        legal_basis=decision.legal_basis or application.service_type.legal_basis,
        appeal_basis=decision.appeal_basis,
        content=content,
        issued_at=decision.issued_at,
        language=COURTESY_LANGUAGE if courtesy_copy else content["language"],
        courtesy_copy=courtesy_copy,
    )


def render_decision_letter_courtesy_copy(decision: Decision) -> bytes:
    return render_stored_decision_letter(decision, courtesy_copy=True)


PRELIMINARY_REPLY_AFTER_DAYS = 30  # "within a month" (forvaltningsloven § 11a)


def render_preliminary_reply(
    *,
    application: Application,
    reason: str,
    expected_date: date,
    sent_at: datetime,
    contact_name: str,
    language: str,
    contact_phone: str = "",
    contact_email: str = "",
) -> bytes:
    """The preliminary reply (foreløpig svar, forvaltningsloven § 11a) as a tagged PDF,
    with the caseworker's phone and e-mail when they have them."""
    language = language if language in LETTER_LANGUAGES else "nb"
    with translation.override(language):
        title = gettext("Foreløpig svar i sak %(reference)s") % {"reference": application.reference}
        service_name = str(application.service_type.tr("name"))
    context = {
        "application": application,
        "title": title,
        "service_name": service_name,
        "reason": reason,
        "expected_date": expected_date,
        "sent": timezone.localdate(sent_at),
        "contact_name": contact_name,
        "contact_phone": contact_phone,
        "contact_email": contact_email,
        "municipality_name": settings.MUNICIPALITY_NAME,
        "municipality_address": settings.MUNICIPALITY_ADDRESS,
        "municipality_contact_email": settings.MUNICIPALITY_CONTACT_EMAIL,
        "municipality_contact_phone": settings.MUNICIPALITY_CONTACT_PHONE,
    }
    return render_pdf("referrals/letters/preliminary_reply.html", context, language=language)
