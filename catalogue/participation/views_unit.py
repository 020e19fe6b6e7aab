"""The unit's pages for an offer's sessions, under /tilbud/forvalt/<slug>/deltakere/:
sessions and places, the people of a session (needs, the waiting list, moving someone
from it by hand, cancelling), attendance ticked on a tablet, the day's transport and
meal lists (page, PDF, CSV); and the numbers per offer (/tilbud/forvalt/deltakelse/).

Like the other staff pages (catalogue.views_staff): log-in, then the permission
declared on the view (403), then the offer fetched only among those the user manages
(``Offer.objects.for_user``), so another unit's offer, session or sign-up is a 404.
Participants' names and needs are seen by the offer's unit (and the administrators who
manage every unit) only. The views turn requests into service calls; the rules are
in unit_services, services and lists.
"""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from catalogue import views_staff
from catalogue.models import Offer
from catalogue.participation import lists, services, statistics, unit_selectors, unit_services
from catalogue.participation.forms_unit import PlacesForm, SessionForm
from catalogue.participation.models import Session, SignUp
from portal.documents.downloads import bytes_download
from portal.documents.pdf import RendererBusy, render_slot
from portal.http import AuthenticatedHttpRequest

VIEW = "catalogue.view_offer"
# The day's lists are for days within ten years either way (further is a typing error,
# and near the ends of the calendar the day's bounds cannot be computed).
MAX_DAYS_AWAY = 3660
CHANGE = "catalogue.change_offer"


def offer_for(request: AuthenticatedHttpRequest, slug: str) -> Offer:
    """Only offers the user manages, else 404 (as every staff page)."""
    return views_staff.offer_for(request.user, slug, Offer.objects.select_related("unit"))


def _when(session: Session) -> str:
    starts = timezone.localtime(session.starts_at)
    ends = timezone.localtime(session.ends_at)
    return "{} {}–{}".format(
        formats.date_format(starts, "l j. F Y"),
        formats.time_format(starts, "H.i"),
        formats.time_format(ends, "H.i"),
    )


# --- sessions and places ----------------------------------------------------------------


@require_safe
@login_required
@permission_required(VIEW, raise_exception=True)
def participants(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    offer = offer_for(request, slug)
    return render(
        request,
        "catalogue/participation/unit/participants.html",
        {
            "offer": offer,
            "coming": unit_selectors.coming_sessions(offer),
            "past": unit_selectors.past_sessions(offer),
            "list_day": lists.default_day(offer),
            "takes_signups": offer.participation == Offer.Participation.SIGNUP,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@permission_required(CHANGE, raise_exception=True)
def session_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    offer = offer_for(request, slug)
    form = SessionForm(
        request.POST if request.method == "POST" else None,
        locations=offer.locations.all(),
        initial={"location": offer.locations.first()},
    )
    if request.method == "POST":
        if form.is_valid():
            created = unit_services.create_sessions(
                offer=offer,
                starts_at=form.starts_at,
                duration=form.duration,
                weeks=form.cleaned_data["weeks"],
                options=form.options(),
            )
            messages.success(
                request,
                ngettext(
                    "Tidspunktet er lagt til.",
                    "%(count)d tidspunkter er lagt til.",
                    len(created),
                )
                % {"count": len(created)},
            )
            return redirect("catalogue:staff_participants", slug=offer.slug)
        status = 422
    else:
        status = 200
    return render(
        request,
        "catalogue/participation/unit/session_form.html",
        {"offer": offer, "form": form},
        status=status,
    )


def _session_page(
    request: HttpRequest,
    offer: Offer,
    session: Session,
    *,
    places_form: PlacesForm | None = None,
    status: int = 200,
) -> HttpResponse:
    people = unit_selectors.session_people(session)
    return render(
        request,
        "catalogue/participation/unit/session.html",
        {
            "offer": offer,
            "session": session,
            "when": _when(session),
            "people": people,
            "places_form": places_form or PlacesForm(initial={"places": session.places}),
            "can_mark": unit_services.can_mark_attendance(session),
            "list_day": timezone.localtime(session.starts_at).date(),
        },
        status=status,
    )


@require_safe
@login_required
@permission_required(VIEW, raise_exception=True)
def session_detail(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    offer = offer_for(request, slug)
    return _session_page(request, offer, unit_selectors.session_of(offer, pk))


@require_POST
@login_required
@permission_required(CHANGE, raise_exception=True)
def session_places(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    offer = offer_for(request, slug)
    session = unit_selectors.session_of(offer, pk)
    form = PlacesForm(request.POST)
    if form.is_valid():
        try:
            unit_services.change_places(session=session, places=form.cleaned_data["places"])
        except unit_services.TooFewPlaces:
            taken = unit_selectors.session_people(session).participants
            form.add_error(
                "places",
                _("%(count)d har allerede plass. Meld av noen først, eller velg flere plasser.")
                % {"count": len(taken)},
            )
        else:
            messages.success(request, _("Antall plasser er endret."))
            return redirect("catalogue:staff_session", slug=offer.slug, pk=session.pk)
    return _session_page(request, offer, session, places_form=form, status=422)


@require_POST
@login_required
@permission_required(CHANGE, raise_exception=True)
def signup_move(request: AuthenticatedHttpRequest, slug: str, pk: int, signup: int) -> HttpResponse:
    """Give a waiting person a place by hand (even beyond the places)."""
    offer = offer_for(request, slug)
    session = unit_selectors.session_of(offer, pk)
    found = unit_selectors.signup_of(session, signup)
    if found.status in (SignUp.Status.WAITING, SignUp.Status.OFFERED):
        moved = services.move_from_waiting_list(found)
        messages.success(request, _("%(name)s har fått plass.") % {"name": moved.name})
    else:
        messages.info(request, _("%(name)s står ikke på ventelisten.") % {"name": found.name})
    return redirect("catalogue:staff_session", slug=offer.slug, pk=session.pk)


@require_POST
@login_required
@permission_required(CHANGE, raise_exception=True)
def signup_cancel(
    request: AuthenticatedHttpRequest, slug: str, pk: int, signup: int
) -> HttpResponse:
    """The unit cancels a sign-up (any time); a place freed goes to the queue."""
    offer = offer_for(request, slug)
    session = unit_selectors.session_of(offer, pk)
    found = unit_selectors.signup_of(session, signup)
    if found.status != SignUp.Status.CANCELLED:
        services.cancel(found, by_staff=True)
        messages.success(request, _("%(name)s er meldt av.") % {"name": found.name})
    return redirect("catalogue:staff_session", slug=offer.slug, pk=session.pk)


# --- attendance ------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@permission_required(CHANGE, raise_exception=True)
def attendance(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    offer = offer_for(request, slug)
    session = unit_selectors.session_of(offer, pk)
    if request.method == "POST":
        present = [
            int(value)
            for value in request.POST.getlist("present")
            if value.isascii() and value.isdigit()
        ]
        try:
            came, stayed_away = unit_services.mark_attendance(session=session, present=present)
        except unit_services.AttendanceTooEarly:
            messages.error(request, _("Oppmøtet kan registreres fra og med dagen det skjer."))
        else:
            messages.success(
                request,
                _("Oppmøtet er lagret: %(came)d møtte, %(away)d møtte ikke.")
                % {"came": came, "away": stayed_away},
            )
        return redirect("catalogue:staff_attendance", slug=offer.slug, pk=session.pk)
    people = unit_selectors.session_people(session)
    return render(
        request,
        "catalogue/participation/unit/attendance.html",
        {
            "offer": offer,
            "session": session,
            "when": _when(session),
            "people": people,
            "can_mark": unit_services.can_mark_attendance(session),
        },
    )


# --- the day's lists -------------------------------------------------------------------------


def _day(request: HttpRequest, offer: Offer) -> tuple[date, bool]:
    """The day asked for (``?dag=2027-01-13``), or the default day and True when what
    was asked for is not a date."""
    value = request.GET.get("dag", "")
    if not value:
        return lists.default_day(offer), False
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return lists.default_day(offer), True
    if abs((day - timezone.localdate()).days) > MAX_DAYS_AWAY:
        return lists.default_day(offer), True
    return day, False


@require_safe
@login_required
@permission_required(VIEW, raise_exception=True)
def day_lists(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    offer = offer_for(request, slug)
    day, bad_day = _day(request, offer)
    return render(
        request,
        "catalogue/participation/unit/day_lists.html",
        {
            "offer": offer,
            "lists": lists.day_lists(offer, day),
            "day_param": day.isoformat(),
            "bad_day": bad_day,
            "days": lists.session_days(offer, around=day),
            "lead_minutes": int(lists.pickup_lead().total_seconds() // 60),
        },
    )


def _download_lists(
    request: AuthenticatedHttpRequest, slug: str, kind: str
) -> tuple[Offer, date, lists.DayLists]:
    """The offer, the day and its lists for a PDF or CSV download (404 for another
    unit's offer or an unknown kind of list)."""
    offer = offer_for(request, slug)
    if kind not in lists.KINDS:
        raise Http404("No such list")
    day, _bad = _day(request, offer)
    return offer, day, lists.day_lists(offer, day)


def _filename(offer: Offer, kind: str, day: date, extension: str) -> str:
    return f"{kind}-{offer.slug}-{day.isoformat()}.{extension}"


@require_safe
@login_required
@permission_required(VIEW, raise_exception=True)
def day_list_pdf(request: AuthenticatedHttpRequest, slug: str, kind: str) -> HttpResponse:
    offer, day, day_lists = _download_lists(request, slug, kind)
    try:
        with render_slot():
            pdf = lists.list_pdf(
                offer=offer, lists=day_lists, kind=kind, language=(get_language() or "nb")[:2]
            )
    except RendererBusy:
        response = render(request, "catalogue/pdf_busy.html", status=503)
        response["Retry-After"] = "10"
        return response
    return bytes_download(
        pdf, content_type="application/pdf", name=_filename(offer, kind, day, "pdf")
    )


@require_safe
@login_required
@permission_required(VIEW, raise_exception=True)
def day_list_csv(request: AuthenticatedHttpRequest, slug: str, kind: str) -> HttpResponse:
    offer, day, day_lists = _download_lists(request, slug, kind)
    body = lists.transport_csv(day_lists) if kind == "transport" else lists.meal_csv(day_lists)
    return bytes_download(
        body, content_type="text/csv; charset=utf-8", name=_filename(offer, kind, day, "csv")
    )


# --- numbers ---------------------------------------------------------------------------------


@require_safe
@login_required
@permission_required(VIEW, raise_exception=True)
def participation_statistics(request: AuthenticatedHttpRequest) -> HttpResponse:
    first, end = statistics.period()
    return render(
        request,
        "catalogue/participation/unit/statistics.html",
        {
            "offers": statistics.offer_statistics(Offer.objects.for_user(request.user)),
            "first_month": first,
            "last_month": end - timedelta(days=1),
            "min_shown": statistics.MIN_SHOWN,
        },
    )
