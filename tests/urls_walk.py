"""Every URL of the project, walked from the URL configuration, and the classification
of each view by what a request may change: read-only, a form (GET shows, POST changes),
POST-only, or a protocol's exception. tests/security/test_methods_csrf.py checks the
classification against the views; tests/security/test_access_matrix.py and
tests/i18n/test_language_leaks.py visit the URLs."""

from django.urls import URLPattern, URLResolver, get_resolver

URLCONF = "portal.urls"
SKIPPED_PREFIXES = ("admin/", "i18n/")

# Views that only read. GET must work (no 405); a POST without a CSRF token is 403.
READ_ONLY = {
    "healthz",
    "portal:home",
    "portal:accessibility",
    "portal:privacy",
    "portal:password_reset_done",
    "portal:password_reset_complete",
    "portal:logout_idporten",  # after log-out: on to ID-porten's end_session_endpoint
    "accounts:register_done",
    "accounts:oidc_start",  # redirects to ID-porten; only a state value in the session
    "accounts:oidc_failed",  # the page that says why an ID-porten log-in failed
    "catalogue:staff_offers",
    "catalogue:staff_review",
    "catalogue:staff_reports",
    "catalogue:staff_search",
    "catalogue:staff_offer_preview",
    "catalogue:staff_offer_feedback",  # the unit's feedback results
    "catalogue:feedback_thanks",
    "catalogue:staff_participants",  # an offer's sessions
    "catalogue:staff_session",  # one session's participants and waiting list
    "catalogue:staff_day_lists",  # the day's transport and meal lists
    "catalogue:staff_day_list_pdf",
    "catalogue:staff_day_list_csv",
    "catalogue:staff_participation_statistics",
    "catalogue:guide",
    "catalogue:guide_results",
    "catalogue:guide_step",  # answers travel in the query string, nothing is stored
    "catalogue:catalogue_pdf",
    "catalogue:shortlist",
    "catalogue:shortlist_pdf",
    "catalogue:offer_pdf",
    "catalogue:report_error_thanks",
    "catalogue:offer_list",
    "catalogue:offer_detail",
    "catalogue:offer_calendar",
    "catalogue:offer_image",
    "catalogue:signup_sent",  # "check your e-mail" after a sign-up without an account
    "catalogue:my_signups",
    "catalogue:my_signup_ics",
    "catalogue:token_signup_ics",
    "referrals:draft_delete_confirm",  # the confirmation page; deleting is draft_delete
    "referrals:receipt",
    "referrals:my_applications",
    "referrals:application_detail",
    "referrals:receipt_pdf",
    "referrals:withdraw_confirm",  # the confirmation page; withdrawing is withdraw
    "referrals:end_representation_confirm",  # the confirmation; ending is end_representation
    "referrals:appeal",  # the appeal form page; sending is appeal_submit
    "referrals:attachment_download",
    "referrals:decision_letter",
    "referrals:decision_letter_english",  # the English courtesy copy, rendered on demand
    "referrals:preliminary_reply_letter",
    "referrals:personal_data_json",  # the citizen's own data (GDPR art. 15/20), a download
    "referrals:personal_data_pdf",
    "referrals:queue",
    "referrals:case",
    "referrals:case_letter",
    "referrals:case_letter_english",  # the English courtesy copy, rendered on demand
    "referrals:case_attachment",
    "referrals:case_preliminary_letter",
    "referrals:capacity",
    "referrals:statistics",
    "referrals:kpr_export",  # administrators only; a download is access-logged, not a change
    "referrals:case_appeal_file",  # the case documents PDF for Statsforvalteren
    "referrals:access_log",  # administrators only; reading is access-logged, not a change
    "referrals:roles",  # administrators only; the list of staff and the grant form
    "referrals:print_queue",  # the paper letters to print; listing is access-logged
    "referrals:print_batch",  # a print batch's letters and its buttons
    "referrals:print_batch_pdf",  # the batch PDF; each letter's download is access-logged
    "referrals:volunteers",  # the public list of help wanted (no personal data)
    "referrals:volunteer_mine",  # the helper's own page
    "referrals:volunteer_purpose_pdf",  # the helper's formålsattest for one of their roles
    "referrals:volunteer_onboarding",  # coordinators: the helpers of their units' roles
    "referrals:matching_requests",  # coordinators: open help requests; listing is logged
    "referrals:matching_request",  # one help request with suggestions; access-logged
    "referrals:matching_statistics",  # coordinators: figures, none below 5
    "referrals:matching_hours_csv",  # the month's hours for payroll; the download is logged
    "referrals:matching_mine",  # the helper's proposals and matches
    "referrals:matching_my_requests",  # the requests for a volunteer one asked for
    "referrals:matching_my_request",  # one of them: status, the proposed helper
}

# State-changing views that show a form on GET and change state on POST.
FORMS = {
    "portal:login",
    "portal:password_reset",  # sends an e-mail
    "portal:password_reset_confirm",
    "accounts:register",
    "accounts:verify",
    "accounts:email",  # an ID-porten account asks for a link to its new e-mail address
    "accounts:email_confirm",  # GET shows a button, POST saves the confirmed address
    "accounts:oidc_link",  # GET names the account, POST goes to ID-porten to add it
    "catalogue:staff_offer_create",
    "catalogue:staff_offer_edit",
    "catalogue:staff_session_create",  # GET shows the form, POST adds sessions
    "catalogue:staff_attendance",  # GET shows the ticks, POST saves who came
    "catalogue:report_error",
    "catalogue:feedback_answer",  # GET shows the one-time form, POST stores the answer
    "catalogue:signup",  # GET shows the sign-up form, POST signs up
    "catalogue:my_signup",  # GET shows the sign-up, POST confirms, accepts or cancels
    "catalogue:token_signup",  # the same through the e-mail's link, without an account
    "referrals:apply_start",  # POST creates the draft
    "referrals:apply_step",  # POST saves the step (and uploads)
    "referrals:caregiver_step",  # the same, on a caregiver's own path
    "referrals:case_decide",  # GET shows the decision form, POST decides
    "referrals:case_correct_decision",  # GET shows the correction form, POST corrects
    # GET shows the form, POST searches (a read, but by POST: the identity number must
    # not travel in a URL) and is access-logged.
    "referrals:person_search",
    "referrals:volunteer_signup",  # GET shows the interest form, POST registers it
    "referrals:volunteer_pledge",  # GET shows the pledge, POST signs it
    "referrals:matching_check_in",  # the helper's "Hvordan går det?" form
    "referrals:matching_hours",  # the helper's monthly hours form
    "referrals:match_check_in",  # the person's "Hvordan går det?" form
    "referrals:matching_ask",  # GET shows the form to ask for a volunteer, POST asks
    "referrals:matching_new",  # GET shows a coordinator's new request, POST registers it
    "referrals:matching_describe",  # GET shows the public description, POST saves it
    "referrals:matching_my_check_in",  # the asker's "Hvordan går det?" form
}

# State-changing views that accept POST only: GET must answer 405.
POST_ONLY = {
    "portal:logout",
    "catalogue:staff_report_handled",
    "catalogue:staff_offer_publish",
    "catalogue:staff_offer_archive",
    "catalogue:staff_offer_reviewed",
    "catalogue:staff_session_places",  # a new number of places
    "catalogue:staff_signup_move",  # a waiting person gets a place by hand
    "catalogue:staff_signup_cancel",  # the unit cancels a sign-up
    "catalogue:shortlist_add",
    "catalogue:shortlist_remove",
    "referrals:apply_submit",
    "referrals:caregiver_submit",
    "referrals:draft_delete",
    "referrals:draft_attachment_delete",
    "referrals:reply",
    "referrals:add_documents",
    "referrals:withdraw",
    "referrals:end_representation",
    "referrals:appeal_submit",
    "referrals:case_take",
    "referrals:case_assign",
    "referrals:case_close",
    "referrals:case_reopen",
    "referrals:case_note",
    "referrals:case_postal_address",  # registers or corrects the postal addresses
    "referrals:case_request_information",
    "referrals:case_preliminary_reply",  # sends the foreløpig svar (fvl. § 11a)
    "referrals:case_assessment",  # saves the caseworker's assessment (kartlegging)
    "referrals:case_paper_appeal",  # registers an appeal received on paper
    "referrals:case_forward_appeal",  # sends the appeal to Statsforvalteren
    "referrals:case_appeal_outcome",  # records Statsforvalteren's outcome
    "referrals:capacity_end_allocation",  # ends a place; proposes the next on the waiting list
    "referrals:capacity_priority",  # changes a waiting-list priority
    "referrals:case_approve_decision",  # four eyes: a second caseworker approves
    "referrals:case_consult",  # sends a consultation to another unit's leaders
    "referrals:case_consultation_answer",  # a unit leader answers a consultation
    "referrals:case_return_decision",  # four eyes: sent back to the drafter
    "referrals:roles_grant",  # an administrator gives a role with its scope
    "referrals:roles_revoke",  # an administrator takes a role away
    "referrals:print_make_batch",  # puts the queued paper letters in a print batch
    "referrals:print_batch_printed",  # marks a batch's letters printed and posted
    "referrals:volunteer_status",  # the helper pauses, resumes, stops or confirms
    "referrals:volunteer_tick",  # a coordinator ticks a checklist item
    "referrals:volunteer_police_check",  # a coordinator records a police certificate check
    "referrals:matching_propose",  # a coordinator proposes a ready helper
    "referrals:matching_end",  # a coordinator ends a match with a reason
    "referrals:matching_answer",  # the helper accepts or declines a proposal
    "referrals:matching_person_answer",  # a coordinator records the person's answer
    "referrals:matching_withdraw",  # the one who asked withdraws their request
    "referrals:matching_my_answer",  # the one who asked accepts or declines a helper
    "referrals:match_answer",  # the person accepts or declines a proposed helper
    "referrals:case_request_helper",  # "Finn støttekontakt" on the case page
}

# State changes on GET because a protocol demands it. Each with its protection.
GET_BY_PROTOCOL = {
    # OpenID Connect redirects the browser back with GET; the one-time `state` and
    # `nonce` values bound to the session stop cross-site log-in (mozilla-django-oidc).
    "accounts:oidc_callback",
    # OpenID Connect Front-Channel Logout: ID-porten frames it to end the session named
    # by `sid` (unguessable) and `iss` (must be ID-porten's); it can only log out.
    "accounts:oidc_frontchannel_logout",
}

# Server-to-server POSTs a protocol defines: no browser, so no CSRF token; a signed token
# is the proof instead. GET must answer 405, a POST without the token 400.
# The open-data API (catalogue.api): read-only JSON for everyone, no session or cookie
# read. CSRF-exempt so that every method but GET, HEAD and OPTIONS gets the API's own
# JSON 405 (a POST with or without a token), never a change and never an HTML 403.
OPEN_DATA = {
    "catalogue:api_index",
    "catalogue:api_openapi",
    "catalogue:api_organizations",
    "catalogue:api_organization",
    "catalogue:api_services",
    "catalogue:api_service",
    "catalogue:api_locations",
    "catalogue:api_location",
    "catalogue:api_service_at_locations",
    "catalogue:api_service_at_location",
    "catalogue:api_schedules",
    "catalogue:api_taxonomies",
    "catalogue:api_taxonomy",
    "catalogue:api_taxonomy_terms",
    "catalogue:api_taxonomy_term",
    "catalogue:api_not_found",  # any other address under /api/: a JSON 404
    "volunteers_api:volunteer_roles",  # referrals.volunteers.api: public roles only
}

POST_BY_PROTOCOL = {
    # OpenID Connect Back-Channel Logout: ID-porten POSTs a `logout_token` signed with
    # its key (portal.idporten_sessions.verify_logout_token).
    "accounts:oidc_backchannel_logout",
}

CLASSIFIED = READ_ONLY | FORMS | POST_ONLY | GET_BY_PROTOCOL | POST_BY_PROTOCOL | OPEN_DATA


def walk(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    """(name, route, pattern) for every URL below ``resolver``, included ones too."""
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            full = ":".join(part for part in (namespace, inner) if part)
            yield from walk(pattern, route, full)
        elif isinstance(pattern, URLPattern):
            name = ":".join(part for part in (namespace, pattern.name or "") if part)
            yield name, route, pattern


def all_urls(urlconf=URLCONF) -> list[tuple[str, str, URLPattern]]:
    return list(walk(get_resolver(urlconf)))
