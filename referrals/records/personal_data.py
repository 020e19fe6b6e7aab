"""Everything the portal holds about a citizen in their applications, for the download
on /mine-soknader/ (GDPR art. 15 and 20: right of access and data portability).

``personal_data_for(user)`` builds one plain dict; the JSON download serialises it and
the PDF download renders it, so the two always say the same. It shows exactly what the
citizen's own pages show that user, and no more:

- the applications of ``selectors.my_applications`` (filed by the user, or about them
  when their identity is verified and the case reaches them:
  ``referrals.cases.representation.joins_person``) and the user's drafts;
- of each application, the items ``referrals.cases.representation.may_see`` lets the user
  see, as on the case page: someone who applied on the person's behalf without the
  right to copies gets the status and what they sent themselves, not the person's or
  the municipality's messages, documents, letters, decisions, places or the access
  log; one whose access the person ended gets only what they sent before the end;
- identity numbers masked as on the receipt (``mask_national_id``);
- of each decision and preliminary reply, how the user's own copy of the letter was
  sent (``dispatch``: channel, status, when it was queued and sent, and the postal
  address a paper letter went to), as the case page says it; never who in the office
  printed it;
- the støttekontakt match of a case, as the case page shows it (to those who may see
  the decision's details): its status, and the helper's first name only once both
  accepted; and every match of the case (``matches``: status and dates, the helper's
  first name only once both accepted, and the check-ins the user gave themselves;
  never the hours, which are the helper's);
- for a helper, their profile (with the language their e-mails are written in), roles,
  the checklist items done, pledges and police certificate checks (date and result,
  never the certificate), their matches: the public description of the help wanted,
  the status and dates, their own check-ins and the hours they reported (never the
  person), and hours reports kept for payroll after their match was deleted;
- the volunteers the user asked for (/frivillig/be-om-hjelp/), as their own page shows
  them: what was asked, for whom, the status, and the helper's name once both accepted;
- the sign-ups for sessions the user made while logged in, for themselves or for
  someone they help (``catalogue.participation.export``), with the needs given;
- never internal notes, internal timeline events, assessments, consultations, decision
  proposals, staff names or anything else only staff see.
"""

from datetime import date, datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from catalogue.models import Weekday
from catalogue.participation.export import signups_for_export
from portal.documents.pdf import render_pdf
from portal.models import User
from referrals.applications import selectors
from referrals.capacity.models import Allocation
from referrals.capacity.selectors import waiting_list
from referrals.cases.access import access_history
from referrals.cases.identity import mask_national_id
from referrals.cases.models import Appeal, Application, Attachment, Decision
from referrals.cases.presentation import (
    citizen_event_text,
    day_labels,
    extra_answer_rows,
    want_labels,
)
from referrals.cases.representation import Aspect, Standing, may_see, verified_national_id
from referrals.letters.channels import channel_label
from referrals.letters.models import LetterDispatch
from referrals.matching import selectors as matching_selectors
from referrals.matching.models import CheckIn, HoursReport, Match
from referrals.volunteers.models import HelperProfile

# A part of the export: names to plain values (text, numbers, dates, lists and parts),
# ready for ``DjangoJSONEncoder`` and the PDF template.
Record = dict[str, object]


def _local(value: datetime | None) -> datetime | None:
    return timezone.localtime(value) if value else None


def _weekday(value: int) -> str:
    return str(Weekday(value).label) if value in Weekday.values else str(value)


def _attachment(attachment: Attachment) -> Record:
    return {
        "name": attachment.original_name,
        "kind": attachment.kind,
        "kind_label": str(attachment.get_kind_display()),
        "content_type": attachment.content_type,
        "size": attachment.size,
        "uploaded_at": _local(attachment.uploaded_at),
        "sent_later": attachment.after_submission,
    }


def _answers(application: Application) -> Record:
    """What the application says, as the receipt shows it (identity number masked)."""
    return {
        "on_behalf": application.on_behalf,
        "relation": application.relation,
        "relation_label": str(application.get_relation_display()),
        "power_of_attorney_scope": application.power_of_attorney_scope,
        "basis": application.basis,
        "basis_label": str(application.get_basis_display()),
        "cannot_consent_reason": application.cannot_consent_reason,
        "document_later": application.document_later,
        "person": {
            "name": application.person_name,
            "national_id": application.masked_national_id,
            "address": application.person_address,
            "postcode": application.person_postcode,
            "place": application.person_place,
            "district": application.district.name if application.district else "",
            "phone": application.person_phone,
            "email": application.person_email,
            "language": application.person_language,
            "language_label": str(application.get_person_language_display()),
            "language_other": application.person_language_other,
            "interpreter_needed": application.interpreter_needed,
            "interpreter_language": application.interpreter_language,
        },
        "applicant_contact": {
            "name": application.applicant_name,
            "phone": application.applicant_phone,
            "email": application.applicant_email,
            "may_receive_copies": application.applicant_may_receive_copies,
        },
        "need": {
            "wants": want_labels(application.wants),
            "description": application.need_description,
            "current_services": application.current_services,
            "days": day_labels(application.days),
            "transport_needed": application.transport_needed,
            "meals_help": application.meals_help,
            "diet": application.diet,
            "extra_answers": [
                {"question": label, "answer": value}
                for label, value in extra_answer_rows(application.extra_answers)
            ],
            "other_information": application.other_information,
        },
        "preferred_offers": [offer.tr("title") for offer in application.preferred_offers.all()],
        "confirmed_truthful": application.confirmed_truthful,
        # A caregiver's own application (pårørendestøtte): the person cared for (the
        # identity number masked) and the care burden; None for other applications.
        "caregiving": _caregiving(application),
    }


def _caregiving(application: Application) -> Record | None:
    if not application.service_type.for_caregivers:
        return None
    return {
        "cared_for_name": application.cared_for_name,
        "cared_for_relation": application.cared_for_relation,
        "cared_for_birth_year": application.cared_for_birth_year,
        "cared_for_national_id": application.masked_cared_for_national_id,
        "cared_for_consent": application.cared_for_consent,
        "cared_for_consent_label": str(application.get_cared_for_consent_display()),
        "cared_for_no_consent_reason": application.cared_for_no_consent_reason,
        "care_hours_per_week": application.care_hours_per_week,
        "care_nights_per_month": application.care_nights_per_month,
        "care_duration": application.care_duration,
        "care_duration_label": str(application.get_care_duration_display()),
        "care_tasks": application.care_tasks,
    }


def _dispatch(dispatch: LetterDispatch | None) -> Record | None:
    """How the user's copy of a letter was sent (set by the case page's selector)."""
    if dispatch is None:
        return None
    paper = dispatch.channel == "paper"
    return {
        "channel": dispatch.channel,
        "channel_label": str(channel_label(dispatch.channel)),
        "status": dispatch.status,
        "status_label": str(dispatch.get_status_display()),
        "queued_at": _local(dispatch.created_at),
        "sent_at": _local(dispatch.sent_at),
        "postal_address": {
            "name": dispatch.name,
            "street": dispatch.street,
            "postcode": dispatch.postcode,
            "place": dispatch.place,
        }
        if paper
        else None,
    }


def _decision(decision: Decision) -> Record:
    content = getattr(decision, "content", None)
    return {
        "outcome": decision.outcome,
        "outcome_label": str(decision.get_outcome_display()),
        "issued_at": _local(decision.issued_at),
        "legal_basis": decision.legal_basis,
        "appeal_deadline": decision.appeal_deadline,
        "letter_sha256": decision.letter_sha256,
        # Set when a later decision (a correction, or after an appeal) replaced it.
        "replaced_at": _local(decision.replaced_at),
        "dispatch": _dispatch(getattr(decision, "dispatch", None)),
        "content": None
        if content is None
        else {
            "facts": content.facts,
            "reasons": content.reasons,
            "offer": content.offer.tr("title") if content.offer else "",
            "weekdays": day_labels(content.weekdays),
            "hours": content.hours,
            "start_date": content.start_date,
            "review_date": content.review_date,
            "transport": content.transport,
            "meals": content.meals,
            "egenandel": content.egenandel,
            "contact_name": content.contact_name,
            "contact_phone": content.contact_phone,
            "contact_email": content.contact_email,
        },
    }


def _appeal(appeal: Appeal) -> Record:
    return {
        "submitted_at": _local(appeal.submitted_at),
        "status": appeal.status,
        "status_label": str(appeal.get_status_display()),
        "late": appeal.late,
        "reasons": appeal.reasons,
        "wanted_outcome": appeal.wanted_outcome,
    }


def _places(application: Application) -> list[Record]:
    allocations = Allocation.objects.filter(application=application).select_related("offer")
    return [
        {
            "offer": allocation.offer.tr("title"),
            "weekday": _weekday(allocation.weekday),
            "start_date": allocation.start_date,
            "ended_at": _local(allocation.ended_at),
            "ends_on": allocation.ends_on,
        }
        for allocation in allocations
    ]


def _case_match(application: Application) -> Record | None:
    """The støttekontakt match of the case, as the case page shows it: the status, and
    the helper's name only once both have accepted."""
    if not matching_selectors.is_stottekontakt(application):
        return None
    match_status = matching_selectors.status_for(application)
    if match_status is None:
        return None
    match = match_status.match
    if match is None:
        return {
            "status": "searching",
            "status_label": gettext("Vi leter etter en støttekontakt til deg."),
        }
    return {
        "status": match.status,
        "status_label": str(match.get_status_display()),
        "proposed_at": _local(match.proposed_at),
        "started_at": _local(match.started_at),
        "helper_name": _helper_first_name(match),
    }


def _helper_first_name(match: Match) -> str:
    """The helper's first name, once both sides have accepted (the match started, even
    if it has ended since); before that, nothing about the helper."""
    if match.started_at is None:
        return ""
    return (match.helper.name.split() or [""])[0]


def _case_matches(application: Application, *, user: User) -> list[Record]:
    """Every match of the case's help requests, newest first, as the person's side
    knows them: the status and dates, the helper's first name only once both accepted,
    and the check-ins ``user`` gave themselves. Never the helper's hours or check-ins."""
    matches = (
        Match.objects.filter(help_request__application=application)
        .select_related("helper")
        .order_by("-proposed_at", "-pk")
    )
    own_check_ins = CheckIn.objects.filter(
        match__in=matches, side=CheckIn.Side.PERSON, answered_by=user
    ).order_by("week")
    by_match: dict[int, list[Record]] = {}
    for check_in in own_check_ins:
        by_match.setdefault(check_in.match_id, []).append(
            {
                "week": check_in.week,
                "rating": check_in.rating,
                "text": check_in.text,
                "answered_at": _local(check_in.answered_at),
            }
        )
    return [
        {
            "status": match.status,
            "status_label": str(match.get_status_display()),
            "proposed_at": _local(match.proposed_at),
            "person_accepted_at": _local(match.person_accepted_at),
            "started_at": _local(match.started_at),
            "ended_at": _local(match.ended_at),
            "ended_reason": str(match.get_ended_reason_display()) if match.ended_reason else "",
            "helper_first_name": _helper_first_name(match),
            "your_check_ins": by_match.get(match.pk, []),
        }
        for match in matches
    ]


def _application(application: Application, *, user: User) -> Record:
    page = selectors.application_page_data(user=user, application=application)
    access = page["access"]
    letters_allowed = page["letters_allowed"]
    # The status is for those who may follow the case (not after the person ended
    # a representative's access); the details of the decision for those who may read it.
    status = page["status_visible"]
    details = may_see(access, Aspect.DECISION_DETAILS)
    return {
        "reference": application.reference,
        "service_type": str(application.service_type),
        "status": application.status if status else "",
        "status_label": str(application.get_status_display()) if status else "",
        "filed_by_you": application.applicant_id == user.pk,
        "your_access_ended_at": _local(access.ended_at)
        if access.standing == Standing.ACCESS_ENDED
        else None,
        "created_at": _local(application.created_at),
        "submitted_at": _local(application.submitted_at),
        "due_date": application.due_date if status and application.is_open else None,
        "decided_at": _local(application.decided_at) if status else None,
        "withdrawn_at": _local(application.withdrawn_at) if status else None,
        "answers": _answers(application),
        "attachments": [_attachment(item) for item in page["attachments"]],
        "messages": [
            {
                "from_municipality": item.message.from_municipality,
                "from_you": item.sender == "you",
                "sender_name": item.sender_name,
                "created_at": _local(item.message.created_at),
                "reply_by": item.message.reply_by,
                "body": item.message.body,
                "attachments": [_attachment(attachment) for attachment in item.attachments],
            }
            for item in page["case_messages"]
        ],
        "timeline": [
            {"at": _local(event.at), "kind": event.kind, "label": citizen_event_text(event)}
            for event in page["events"]
        ],
        "decisions": [_decision(decision) for decision in page["decisions"]],
        "preliminary_replies": [
            {
                "sent_at": _local(reply.sent_at),
                "reason": reply.reason,
                "expected_date": reply.expected_date,
                "letter_sha256": reply.letter_sha256,
                "dispatch": _dispatch(getattr(reply, "dispatch", None)),
            }
            for reply in page["preliminary_replies"]
        ],
        "appeals": [_appeal(appeal) for appeal in page["appeals"]],
        "places": _places(application) if details else [],
        "waiting_list": [
            {**row, "offer": row["offer"].tr("title"), "weekday": str(row["weekday"])}
            for row in (waiting_list(application) if details else [])
        ],
        "access_log": access_history(application) if may_see(access, Aspect.ACCESS_LOG) else [],
        "letters_shown": letters_allowed,
        "match": _case_match(application) if details else None,
        "matches": _case_matches(application, user=user) if details else [],
    }


def _draft(application: Application) -> Record:
    return {
        "service_type": str(application.service_type),
        "created_at": _local(application.created_at),
        "updated_at": _local(application.updated_at),
        "deleted_after": application.draft_expires_on,
        "answers": _answers(application),
        "attachments": [_attachment(item) for item in application.attachments.all()],
    }


def _helper(user: User) -> Record | None:
    """The user's helper profile (referrals.volunteers), if they offered to help: what
    they told us, their roles and onboarding, the pledges they signed and the police
    certificate checks (date and result only: the certificate is never stored)."""
    helper = HelperProfile.objects.filter(user=user).select_related("district").first()
    if helper is None:
        return None
    enrolments = helper.enrolments.select_related("role", "role__unit").prefetch_related(
        "completions__item", "police_checks"
    )
    return {
        "name": helper.name,
        "email": helper.email,
        "phone": str(helper.phone),
        "gender": helper.get_gender_display() if helper.gender else "",
        "birth_year": helper.birth_year,
        "district": str(helper.district) if helper.district else "",
        "interests": [str(item) for item in helper.interests.all()],
        "languages": [str(item) for item in helper.languages.all()],
        "availability": [str(slot) for slot in helper.availability.all()],
        "experience": helper.experience,
        "driving_licence": helper.driving_licence,
        "has_car": helper.has_car,
        "language": helper.language,
        "language_label": str(helper.get_language_display()),
        "status": helper.get_status_display(),
        "stopped_at": _local(helper.stopped_at),
        "last_confirmed_at": _local(helper.last_confirmed_at),
        "created_at": _local(helper.created_at),
        "pledges": [
            {"text_version": pledge.text_version, "signed_at": _local(pledge.signed_at)}
            for pledge in helper.pledges.all()
        ],
        "roles": [
            {
                "role": str(enrolment.role),
                "kind": str(enrolment.role.get_kind_display()),
                "unit": enrolment.role.unit.name,
                "status": enrolment.get_status_display(),
                "since": _local(enrolment.created_at),
                "ended_at": _local(enrolment.ended_at),
                "checklist_done": [
                    {"item": str(done.item), "done_at": _local(done.done_at)}
                    for done in enrolment.completions.all()
                ],
                "police_certificate_checks": [
                    {
                        "certificate_dated": check.shown_on,
                        "result": check.get_result_display(),
                        "renew_by": check.renew_by,
                        "checked_at": _local(check.checked_at),
                    }
                    for check in enrolment.police_checks.all()
                ],
            }
            for enrolment in enrolments
        ],
        "matches": _helper_matches(helper),
        "hours_kept_for_payroll": _hours_without_match(user),
    }


def _hours(report: HoursReport) -> Record:
    return {
        "month": report.month,
        "hours": report.hours,
        "note": report.note,
        "reported_at": _local(report.reported_at),
    }


def _hours_without_match(user: User) -> list[Record]:
    """Hours the helper reported whose match has since been deleted (records.retention):
    payroll keeps them with the helper's name and e-mail copied, so they are still
    about the helper. Found by the user's own log-in address, never by the address typed
    into the helper profile: typing someone else's there must not show their hours."""
    if not user.email:
        return []
    reports = HoursReport.objects.filter(
        match__isnull=True, helper_email__iexact=user.email
    ).select_related("unit")
    return [
        {**_hours(report), "unit": report.unit.name if report.unit else ""} for report in reports
    ]


def _helper_matches(helper: HelperProfile) -> list[Record]:
    """The helper's matches: the public description of the help wanted (never the
    person), the status and dates, the helper's own check-ins and their hours."""
    matches = helper.matches.select_related("help_request").prefetch_related(
        "check_ins", "hours_reports"
    )
    return [
        {
            "description": match.help_request.tr("description"),
            "status": str(match.get_status_display()),
            "proposed_at": _local(match.proposed_at),
            "accepted_at": _local(match.helper_accepted_at),
            "started_at": _local(match.started_at),
            "ended_at": _local(match.ended_at),
            "ended_reason": str(match.get_ended_reason_display()) if match.ended_reason else "",
            "check_ins": [
                {
                    "week": check_in.week,
                    "rating": check_in.rating,
                    "text": check_in.text,
                    "answered_at": _local(check_in.answered_at),
                }
                for check_in in match.check_ins.all()
                if check_in.side == CheckIn.Side.HELPER
            ],
            "hours": [_hours(report) for report in match.hours_reports.all()],
        }
        for match in matches
    ]


def _asked(user: User) -> list[Record]:
    """The volunteers ``user`` asked for, with what they told the coordinator."""
    rows = []
    for help_request in matching_selectors.requests_of_requester(user).prefetch_related(
        "times", "interests"
    ):
        requester = help_request.requester
        match = matching_selectors.current_match(help_request)
        rows.append(
            {
                "kind": str(help_request.role or help_request.get_kind_display()),
                "person_name": requester.person_name,
                "person_phone": requester.person_phone,
                "for_self": requester.for_self,
                "need": requester.need,
                "district": str(help_request.district or ""),
                "interests": [str(interest) for interest in help_request.interests.all()],
                "times": [str(slot) for slot in help_request.times.all()],
                "status": str(help_request.get_status_display()),
                "asked_at": _local(help_request.created_at),
                "closed_at": _local(help_request.closed_at),
                "helper_name": match.helper.name if match is not None and match.started else "",
            }
        )
    return rows


def personal_data_for(user: User, *, now: datetime | None = None) -> Record:
    """What the municipality holds about ``user`` in their applications (see the module
    docstring for what is left out). Dates are local ``date``/``datetime`` objects;
    ``DjangoJSONEncoder`` writes them as ISO 8601."""
    applications = (
        selectors.my_applications(user)
        .select_related("district")
        .prefetch_related("decisions__content", "preferred_offers")
    )
    drafts = selectors.my_drafts(user).select_related("district")
    return {
        "generated_at": _local(now or timezone.now()),
        "municipality": settings.MUNICIPALITY_NAME,
        "user": {
            "name": user.full_name,
            "email": user.email,
            "phone": user.phone,
            "national_id": mask_national_id(user.national_id),
            "identity_verified": bool(verified_national_id(user)),
            "registered_at": _local(user.date_joined),
            "last_login": _local(user.last_login),
        },
        "applications": [_application(item, user=user) for item in applications],
        "drafts": [_draft(item) for item in drafts],
        "helper": _helper(user),
        "help_requests": _asked(user),
        # Sign-ups for sessions of open offers, for themselves or someone they help.
        "signups": signups_for_export(user),
    }


def export_file_name(*, today: date, extension: str) -> str:
    return f"mine-opplysninger-{today.isoformat()}.{extension}"


def render_personal_data_pdf(data: Record, *, language: str) -> bytes:
    """The same dict as the JSON download, as a tagged PDF (PDF/UA-1)."""
    language = language if language in ("nb", "nn", "en") else "nb"
    with translation.override(language):
        title = gettext("Opplysninger om deg i søknadene dine")
    context = {
        "data": data,
        "title": title,
        "municipality_name": settings.MUNICIPALITY_NAME,
        "municipality_contact_email": settings.MUNICIPALITY_CONTACT_EMAIL,
        "municipality_contact_phone": settings.MUNICIPALITY_CONTACT_PHONE,
        "generated": data["generated_at"],
        "site_url": settings.SITE_URL,
    }
    return render_pdf("referrals/pdf/personal_data.html", context, language=language)
