"""The rows of the access matrix (tests/security/test_access_matrix.py, whose docstring
has the table): for every URL that addresses an object, how to build its arguments for
the world's objects (tests/security/matrix_world.py), what kind of page it is, and which
roles may use it. tests/i18n/test_language_leaks.py visits the same URLs."""

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.security.matrix_world import ROLES, MatrixWorld

# --- who ------------------------------------------------------------------------------

CASE_CITIZENS = {"owner", "relative", "relative_no_copies"}  # may act on the case
# May open the case page and the receipt: also the relative whose access A ended.
CASE_READERS = CASE_CITIZENS | {"relative_ended"}
# The person, and a representative with the right to copies (or a verge or fullmektig):
# a relative without it sees the status and what they sent, not A's letters, messages
# or attachments (referrals.cases.representation).
LETTER_READERS = {"owner", "relative"}
INVOLVED_LEADERS = {"leader_allocated", "leader_waiting", "leader_consulted"}
CASEWORKER = {"caseworker"}
# The leader of the unit that owns the offer, and the administrator, who manages every
# unit's offers (``catalogue.manage_all_units``) on these pages as in the admin.
CATALOGUE_MANAGERS = {"leader_unrelated", "admin"}
# Roles without any catalogue permission: the catalogue staff pages answer 403 before
# they look the offer up.
NO_CATALOGUE_PERMISSION = {
    "owner",
    "stranger",
    "relative",
    "relative_no_copies",
    "relative_ended",
    "caseworker",
    "caseworker_elsewhere",
}

# How a refusal looks, per kind of page.
CITIZEN = "citizen"  # log-in required; 404 for anyone else
CASE = "case"  # staff case pages: log-in required; 404 and a logged refusal
CATALOGUE_STAFF = "catalogue_staff"  # log-in; 403 without permission; 404 other unit
ADMIN = "admin"  # 404 for everyone else, anonymous too, and a logged refusal
PUBLIC = "public"  # open data: everyone


@dataclass(frozen=True)
class Row:
    kind: str
    allowed: frozenset
    kwargs: Callable[[MatrixWorld], dict] = field(default=lambda w: {})
    method: str = "get"


def _ref(w):
    return {"reference": w.case.reference}


def _with(**extra):
    def build(w):
        return {
            "reference": w.case.reference,
            **{key: get(w) for key, get in extra.items()},
        }

    return build


def _draft(w):
    return {"key": w.draft.public_id}


def _case_page(allowed=frozenset(CASEWORKER), method="post", kwargs=_ref):
    return Row(CASE, frozenset(allowed), kwargs, method)


def _citizen(allowed=frozenset(CASE_CITIZENS), method="get", kwargs=_ref):
    return Row(CITIZEN, frozenset(allowed), kwargs, method)


def _offer(method):
    return Row(
        CATALOGUE_STAFF,
        frozenset(CATALOGUE_MANAGERS),
        lambda w: {"slug": w.objects["moon_offer"].slug},
        method,
    )


def _moon(method, **extra):
    """A page of the moon course's sessions (catalogue.participation.views_unit)."""

    def build(w):
        return {
            "slug": w.objects["moon_course"].slug,
            **{key: get(w) for key, get in extra.items()},
        }

    return Row(CATALOGUE_STAFF, frozenset(CATALOGUE_MANAGERS), build, method)


_session = {"pk": lambda w: w.objects["moon_session"].pk}
_signup = {**_session, "signup": lambda w: w.objects["moon_signup"].pk}


def _public(key):
    return Row(PUBLIC, frozenset(ROLES), lambda w: {"pk": w.objects[key].uuid})


def _help_request(method):
    return Row(
        CATALOGUE_STAFF,
        frozenset(CATALOGUE_MANAGERS),
        lambda w: {"pk": w.objects["help_request"].pk},
        method,
    )


def _match(method):
    return Row(CITIZEN, frozenset({"stranger"}), lambda w: {"pk": w.objects["match"].pk}, method)


def _asked(method):
    return Row(CITIZEN, frozenset({"relative"}), lambda w: {"pk": w.objects["asked"].pk}, method)


_attachment = _with(attachment=lambda w: w.objects["attachment"].public_id)
_person_attachment = _with(attachment=lambda w: w.objects["person_attachment"].public_id)
_decision = _with(decision=lambda w: w.objects["decision"].pk)
_reply = _with(reply=lambda w: w.objects["reply"].pk)


def _batch(w):
    return {"batch": w.objects["print_batch"].pk}


MATRIX: dict[str, Row] = {
    # The citizen's pages about the case (the person, and whoever applied for them).
    "referrals:receipt": _citizen(CASE_READERS),
    "referrals:application_detail": _citizen(CASE_READERS),
    "referrals:receipt_pdf": _citizen(CASE_READERS),
    "referrals:reply": _citizen(method="post"),  # a message to the municipality
    "referrals:add_documents": _citizen(method="post"),
    "referrals:withdraw_confirm": _citizen(),
    "referrals:withdraw": _citizen(method="post"),
    "referrals:appeal": _citizen(),
    "referrals:appeal_submit": _citizen(method="post"),
    "referrals:attachment_download": _citizen(LETTER_READERS, kwargs=_person_attachment),
    "referrals:decision_letter": _citizen(LETTER_READERS, kwargs=_decision),
    "referrals:decision_letter_english": _citizen(LETTER_READERS, kwargs=_decision),
    "referrals:preliminary_reply_letter": _citizen(LETTER_READERS, kwargs=_reply),
    # Only the person ends the access of the one who applied for them.
    "referrals:end_representation_confirm": _citizen({"owner"}),
    "referrals:end_representation": _citizen({"owner"}, method="post"),
    # A's draft: only the person who started it.
    "referrals:apply_step": _citizen(
        {"owner"}, kwargs=lambda w: {"key": w.draft.public_id, "step": "tjeneste"}
    ),
    "referrals:apply_submit": _citizen({"owner"}, method="post", kwargs=_draft),
    # A caregiver's own path (pårørendestøtte): the same draft, the same rule.
    "referrals:caregiver_step": _citizen(
        {"owner"}, kwargs=lambda w: {"key": w.draft.public_id, "step": "omsorg"}
    ),
    "referrals:caregiver_submit": _citizen({"owner"}, method="post", kwargs=_draft),
    "referrals:draft_delete_confirm": _citizen({"owner"}, kwargs=_draft),
    "referrals:draft_delete": _citizen({"owner"}, method="post", kwargs=_draft),
    "referrals:draft_attachment_delete": _citizen(
        {"owner"},
        method="post",
        kwargs=lambda w: {
            "key": w.draft.public_id,
            "attachment": w.objects["draft_attachment"].public_id,
        },
    ),
    # The staff case pages.
    "referrals:case": _case_page(CASEWORKER | INVOLVED_LEADERS, method="get"),
    "referrals:case_decide": _case_page(method="get"),
    "referrals:case_take": _case_page(),
    "referrals:case_assign": _case_page(),
    "referrals:case_close": _case_page(),
    "referrals:case_reopen": _case_page(),
    "referrals:case_note": _case_page(),
    "referrals:case_postal_address": _case_page(),
    "referrals:case_request_information": _case_page(),  # a message to the citizen
    "referrals:case_preliminary_reply": _case_page(),
    "referrals:case_assessment": _case_page(),
    "referrals:case_paper_appeal": _case_page(),
    "referrals:case_forward_appeal": _case_page(),
    "referrals:case_appeal_outcome": _case_page(),
    "referrals:case_consult": _case_page(),
    "referrals:case_attachment": _case_page(method="get", kwargs=_attachment),
    "referrals:case_letter": _case_page(method="get", kwargs=_decision),
    "referrals:case_letter_english": _case_page(method="get", kwargs=_decision),
    "referrals:case_correct_decision": _case_page(method="get", kwargs=_decision),
    "referrals:case_preliminary_letter": _case_page(method="get", kwargs=_reply),
    "referrals:case_appeal_file": _case_page(
        method="get", kwargs=_with(forwarding=lambda w: w.objects["forwarding"].pk)
    ),
    "referrals:case_consultation_answer": _case_page(
        {"leader_consulted"}, kwargs=_with(consultation=lambda w: w.objects["consultation"].pk)
    ),
    "referrals:case_approve_decision": _case_page(
        kwargs=_with(proposal=lambda w: w.objects["proposal"].pk)
    ),
    "referrals:case_return_decision": _case_page(
        kwargs=_with(proposal=lambda w: w.objects["proposal"].pk)
    ),
    # A print batch of paper letters: the caseworker whose scope holds its cases.
    "referrals:print_batch": _case_page(method="get", kwargs=_batch),
    "referrals:print_batch_pdf": _case_page(method="get", kwargs=_batch),
    "referrals:print_batch_printed": _case_page(kwargs=_batch),
    # The administrators' access log (no object in the URL, but all of it is personal).
    "referrals:access_log": Row(ADMIN, frozenset({"admin"})),
    # Catalogue staff pages: the moon unit's offer and error report.
    "catalogue:staff_offer_edit": _offer("get"),
    "catalogue:staff_offer_preview": _offer("get"),
    "catalogue:staff_offer_feedback": _offer("get"),
    "catalogue:staff_offer_publish": _offer("post"),
    "catalogue:staff_offer_archive": _offer("post"),
    "catalogue:staff_offer_reviewed": _offer("post"),
    "catalogue:staff_report_handled": Row(
        CATALOGUE_STAFF,
        frozenset(CATALOGUE_MANAGERS),
        lambda w: {"pk": w.objects["moon_report"].pk},
        "post",
    ),
    # One's own sign-up for a session (catalogue.participation): only the one who made it.
    "catalogue:my_signup": _citizen({"owner"}, kwargs=lambda w: {"pk": w.objects["own_signup"].pk}),
    "catalogue:my_signup_ics": _citizen(
        {"owner"}, kwargs=lambda w: {"pk": w.objects["own_signup"].pk}
    ),
    # The moon course's sessions and participants: its unit only.
    "catalogue:staff_participants": _moon("get"),
    "catalogue:staff_session_create": _moon("get"),
    "catalogue:staff_day_lists": _moon("get"),
    "catalogue:staff_day_list_pdf": _moon("get", kind=lambda w: "transport"),
    "catalogue:staff_day_list_csv": _moon("get", kind=lambda w: "maltid"),
    "catalogue:staff_session": _moon("get", **_session),
    "catalogue:staff_attendance": _moon("get", **_session),
    "catalogue:staff_session_places": _moon("post", **_session),
    "catalogue:staff_signup_move": _moon("post", **_signup),
    "catalogue:staff_signup_cancel": _moon("post", **_signup),
    # Matching (referrals.matching): the moon unit's help request, for the coordinators
    # of the moon unit (its leader) and those who manage every unit; others with the
    # coordinators' permission: 404; without it: 403.
    "referrals:matching_request": _help_request("get"),
    "referrals:matching_propose": _help_request("post"),
    "referrals:matching_end": _help_request("post"),
    "referrals:matching_describe": _help_request("get"),
    # The moon unit's request has no one to answer online: its coordinators record the
    # person's answer.
    "referrals:matching_person_answer": _help_request("post"),
    # The helper's own match: only that helper (citizen B; nothing due on it yet: a
    # message and back to the helper's page).
    "referrals:matching_answer": _match("post"),
    "referrals:matching_check_in": _match("get"),
    "referrals:matching_hours": _match("get"),
    # A request for a volunteer the relative asked for, for A: only the relative.
    "referrals:matching_my_request": _asked("get"),
    "referrals:matching_withdraw": _asked("post"),
    "referrals:matching_my_answer": _asked("post"),
    "referrals:matching_my_check_in": _asked("get"),
    # "Finn støttekontakt" on the case page (the case is no støttekontakt case: the
    # refusal is a message and the case page again).
    "referrals:case_request_helper": _case_page(),
    # The person's answer to a proposed helper and the check-ins (none on this case:
    # a message and back to the case page).
    "referrals:match_answer": _citizen(method="post"),
    "referrals:match_check_in": _citizen(),
    # Open data about published offers.
    "catalogue:api_organization": _public("moon_unit"),
    "catalogue:api_service": _public("moon_offer"),
    "catalogue:api_location": _public("moon_location"),
}
