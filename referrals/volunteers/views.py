"""/frivillig/: the public list of help wanted, the helper's sign-up and own page; and
/saksbehandling/frivillige/opplaering/: the coordinators' onboarding page.

A helper sees only their own profile. A coordinator (``referrals.view_helperroleenrolment``)
sees the helpers enrolled in the roles of their units; any other enrolment is a 404."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from portal.documents.downloads import bytes_download
from portal.http import AuthenticatedHttpRequest
from referrals.cases.access import log_access
from referrals.cases.models import AccessLogEntry
from referrals.cases.views import StaffMixin
from referrals.volunteers import pdf, pledge, selectors, services
from referrals.volunteers.filters import HelpRequestFilter, RoleFilter
from referrals.volunteers.forms import PoliceCheckForm, SignUpForm, TickForm, parse_slot
from referrals.volunteers.models import (
    ChecklistItem,
    HelperProfile,
    HelperRoleEnrolment,
    RoleKind,
)
from referrals.volunteers.rules import police_certificate_rule

PERMISSION = "referrals.view_helperroleenrolment"
HELPERS_OBJECT_TYPE = "volunteer_helpers"
ENROLMENT_OBJECT_TYPE = "volunteer_enrolment"


@require_safe
def wanted(request: HttpRequest) -> HttpResponse:
    """Public: volunteer roles and open help requests, without personal data."""
    roles = RoleFilter(request.GET or None, queryset=selectors.public_roles())
    requests = HelpRequestFilter(request.GET or None, queryset=selectors.open_help_requests())
    return render(
        request,
        "referrals/volunteers/wanted.html",
        {"filter": roles, "roles": roles.qs, "help_requests": requests.qs},
    )


def _initial(helper: HelperProfile | None, request: AuthenticatedHttpRequest) -> dict[str, Any]:
    if helper is None:
        return {"name": request.user.full_name, "email": request.user.email}
    return {
        "name": helper.name,
        "email": helper.email,
        "phone": helper.phone,
        "district": helper.district,
        "interests": list(helper.interests.all()),
        "languages": list(helper.languages.all()),
        "availability": [f"{slot.weekday}-{slot.part}" for slot in helper.availability.all()],
        "gender": helper.gender,
        "birth_year": helper.birth_year,
        "experience": helper.experience,
        "driving_licence": helper.driving_licence,
        "has_car": helper.has_car,
        "roles": [
            enrolment.role
            for enrolment in helper.enrolments.exclude(status=HelperRoleEnrolment.Status.ENDED)
        ],
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def sign_up(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The helper's interest form: roles, interests, languages, district, when."""
    helper = selectors.helper_for(request.user)
    if request.method == "POST":
        form = SignUpForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            services.register_interest(
                request.user,
                services.SignUp(
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    district=data["district"],
                    roles=list(data["roles"]),
                    interests=list(data["interests"]),
                    languages=list(data["languages"]),
                    availability=[parse_slot(value) for value in data["availability"]],
                    experience=data["experience"],
                    driving_licence=data["driving_licence"],
                    has_car=data["has_car"],
                    gender=data["gender"],
                    birth_year=data["birth_year"],
                    language=translation.get_language() or "nb",
                ),
            )
            messages.success(
                request, _("Takk! Vi har fått interessen din, og en koordinator tar kontakt.")
            )
            return redirect("referrals:volunteer_mine")
    else:
        form = SignUpForm(initial=_initial(helper, request))
    return render(request, "referrals/volunteers/sign_up.html", {"form": form})


def _is_id(value: str) -> bool:
    """Digits 0-9 only: ``str.isdigit`` holds for "²" too, which ``int`` refuses."""
    return value.isascii() and value.isdigit()


def _own_helper(request: AuthenticatedHttpRequest) -> HelperProfile:
    helper = selectors.helper_for(request.user)
    if helper is None:
        raise Http404
    return helper


@login_required
@require_safe
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The helper's own page: roles, onboarding per role, pledge, formålsattest, pause."""
    helper = selectors.helper_for(request.user)
    if helper is None:
        return render(request, "referrals/volunteers/mine.html", {"helper": None})
    rows = []
    signed = selectors.has_signed_pledge(helper)
    for enrolment in selectors.my_enrolments(helper):
        rows.append(
            {
                "enrolment": enrolment,
                "items": selectors.checklist(enrolment),
                "rule": police_certificate_rule(enrolment.role),
                "police_ok": selectors.police_check_ok(enrolment),
                "latest_check": selectors.latest_police_check(enrolment),
            }
        )
    return render(
        request,
        "referrals/volunteers/mine.html",
        {"helper": helper, "rows": rows, "signed": signed},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def sign_pledge(request: AuthenticatedHttpRequest) -> HttpResponse:
    """GET shows the confidentiality pledge; POST signs it."""
    helper = _own_helper(request)
    if request.method == "POST":
        if request.POST.get("confirm") != "1":
            return render(
                request,
                "referrals/volunteers/pledge.html",
                {
                    "paragraphs": pledge.PARAGRAPHS,
                    "error": _("Kryss av for at du har lest og godtar taushetserklæringen."),
                },
            )
        services.sign_pledge(helper)
        messages.success(request, _("Du har signert taushetserklæringen."))
        return redirect("referrals:volunteer_mine")
    signed = helper.pledges.first()
    return render(
        request,
        "referrals/volunteers/pledge.html",
        {"paragraphs": pledge.PARAGRAPHS, "signed": signed},
    )


@login_required
@require_safe
def purpose_pdf(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The formålsattest for one of the helper's roles (``?rolle=<role id>``), only
    where a police certificate is allowed for the role; anything else → 404."""
    helper = _own_helper(request)
    role_id = request.GET.get("rolle", "")
    if not _is_id(role_id):
        raise Http404
    enrolment = get_object_or_404(
        helper.enrolments.select_related("role", "role__unit", "helper"), role_id=int(role_id)
    )
    if not police_certificate_rule(enrolment.role).allowed:
        raise Http404
    body = pdf.render_purpose_pdf(enrolment, language=translation.get_language() or "nb")
    return bytes_download(body, content_type="application/pdf", name="formalsattest.pdf")


@login_required
@require_POST
def change_status(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Pause, resume or stop being a helper, or answer that one still wants to help."""
    helper = _own_helper(request)
    action = request.POST.get("action", "")
    if action == "pause":
        services.pause_helper(helper)
        messages.success(request, _("Du er satt på pause. Vi spør deg ikke om nye oppdrag."))
    elif action == "resume":
        services.resume_helper(helper)
        messages.success(request, _("Velkommen tilbake! Du er aktiv igjen."))
    elif action == "stop":
        services.stop_helper(helper)
        messages.success(
            request,
            _("Du er avsluttet som hjelper. Opplysningene om deg slettes etter 90 dager."),
        )
    elif action == "confirm":
        services.confirm_still_helping(helper)
        messages.success(request, _("Takk! Vi har notert at du fortsatt vil hjelpe."))
    else:
        messages.error(request, _("Ukjent valg."))
    return redirect("referrals:volunteer_mine")


# --- the coordinators' onboarding page ---------------------------------------------------


def _onboarding_rows(request: AuthenticatedHttpRequest, bound: dict[int, PoliceCheckForm]) -> Any:
    rows = []
    for enrolment in selectors.staff_enrolments(request.user):
        # The certificate is recorded in its own form below; the pledge is signed by
        # the helper; any other item is ticked here.
        items = [
            {
                "item": entry.item,
                "done": entry.done,
                "tickable": entry.item.kind != ChecklistItem.Kind.PLEDGE,
            }
            for entry in selectors.checklist(enrolment)
            if entry.item.kind != ChecklistItem.Kind.POLICE_CERTIFICATE
        ]
        rule = police_certificate_rule(enrolment.role)
        form = bound.get(enrolment.pk) or (
            PoliceCheckForm(initial={"enrolment": enrolment.pk}, prefix=f"p{enrolment.pk}")
            if rule.allowed
            else None
        )
        rows.append(
            {
                "enrolment": enrolment,
                "items": items,
                "rule": rule,
                "latest_check": selectors.latest_police_check(enrolment),
                "police_form": form,
            }
        )
    return rows


class OnboardingView(StaffMixin):
    """The helpers in the roles of the coordinator's units, with their checklists."""

    permission_required = PERMISSION
    http_method_names = ["get", "head", "options"]

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        # The helpers' names and contact details are personal data: the listing is
        # written to the access log, as the queue is.
        log_access(
            user=request.user,
            action=AccessLogEntry.Action.LIST,
            object_type=HELPERS_OBJECT_TYPE,
        )
        return render_onboarding(request, {})


def render_onboarding(
    request: AuthenticatedHttpRequest, bound: dict[int, PoliceCheckForm], status: int = 200
) -> HttpResponse:
    return render(
        request,
        "referrals/volunteers/onboarding.html",
        {"rows": _onboarding_rows(request, bound), "RoleKind": RoleKind},
        status=status,
    )


class TickView(StaffMixin):
    """Tick (or untick) a checklist item for an enrolment in the coordinator's units."""

    permission_required = PERMISSION
    http_method_names = ["post", "options"]

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = TickForm(request.POST)
        if not form.is_valid():
            raise Http404
        enrolment = get_object_or_404(
            selectors.staff_enrolments(request.user), pk=form.cleaned_data["enrolment"]
        )
        item = get_object_or_404(enrolment.role.checklist_items, pk=form.cleaned_data["item"])
        log_access(
            user=request.user,
            action=AccessLogEntry.Action.CHANGE,
            object_type=ENROLMENT_OBJECT_TYPE,
            object_id=str(enrolment.pk),
        )
        try:
            if form.cleaned_data["done"]:
                services.tick_item(enrolment, item, by=request.user)
            else:
                services.untick_item(enrolment, item)
        except services.VolunteerError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Sjekklisten for %(name)s er oppdatert.") % {"name": enrolment.helper.name},
            )
        return redirect("referrals:volunteer_onboarding")


class PoliceCheckView(StaffMixin):
    """Record a police certificate check: date, result, renewal date. A posted file is
    refused and never read."""

    permission_required = PERMISSION
    http_method_names = ["post", "options"]

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        enrolment_id = ""
        for key in request.POST:
            value = request.POST.get(key, "")
            if key.endswith("-enrolment") and _is_id(value):
                enrolment_id = value
        if not enrolment_id:
            raise Http404
        enrolment = get_object_or_404(selectors.staff_enrolments(request.user), pk=enrolment_id)
        if not police_certificate_rule(enrolment.role).allowed:
            raise Http404
        log_access(
            user=request.user,
            action=AccessLogEntry.Action.CHANGE,
            object_type=ENROLMENT_OBJECT_TYPE,
            object_id=str(enrolment.pk),
        )
        form = PoliceCheckForm(
            request.POST, prefix=f"p{enrolment.pk}", files_posted=bool(request.FILES)
        )
        if not form.is_valid():
            return render_onboarding(request, {enrolment.pk: form}, status=200)
        data = form.cleaned_data
        try:
            services.record_police_check(
                enrolment,
                shown_on=data["shown_on"],
                result=data["result"],
                renew_by=data["renew_by"],
                by=request.user,
            )
        except services.VolunteerError as error:
            form.add_error(None, str(error))
            return render_onboarding(request, {enrolment.pk: form})
        messages.success(
            request,
            _("Kontrollen av politiattesten for %(name)s er registrert.")
            % {"name": enrolment.helper.name},
        )
        return redirect("referrals:volunteer_onboarding")
