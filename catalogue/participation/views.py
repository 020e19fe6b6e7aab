"""The citizen's pages: sign up for a session or a whole course
(``/tilbud/<slug>/pamelding/``), see and manage one's sign-ups (``/mine-pameldinger/``,
or through the link in the e-mail without an account), a calendar file per sign-up.

A whole course's sign-ups (``SignUp.course``) are one entry: any of its sign-ups'
pages shows and acts on the course (the first session not over stands for it), and
its calendar file holds every session.

Changes are POSTs; the views only turn requests into service calls. Someone else's
sign-up, or a link that is not (or no longer) valid, is a 404.

The sign-up page's anonymous GET (the form empty, nothing of the visitor on it) comes
from the catalogue's page cache (catalogue.page_cache: keyed by path and language, the
visitor's own CSRF token put in on every response). Its version holds the offer's row
(read on every request: an unpublished offer is a 404 at once, an edited one a miss)
and the offer's places stamp (``selectors.places_stamp``), which every change to its
sessions or sign-ups replaces, as for the offer page: the free places shown are never
older than the last sign-up. Logged-in visitors (a prefilled form), pending flash
messages and POSTs are rendered for the request and never stored; below the page cache,
the page's content (heading, courses, the empty form) is kept per process by
``signup_page``, keyed by the sessions read afresh on every request, with the places
(the choices' labels), the CSRF token and a logged-in visitor's own details put in for
each request.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from catalogue import page_cache, params
from catalogue.models import Offer
from catalogue.participation import ical, selectors, services, signup_page
from catalogue.participation.forms import SignUpForm
from catalogue.participation.models import SignUp
from catalogue.participation.presentation import course_when, status_text
from portal import limits
from portal.http import AuthenticatedHttpRequest

# An anonymous sign-up sends an e-mail: counted per client address like registrations.
SIGNUP_LIMIT_SETTING = "RATELIMIT_SIGNUPS_PER_HOUR"


def _signup_offer(slug: str) -> Offer:
    return get_object_or_404(
        Offer.objects.published().filter(participation=Offer.Participation.SIGNUP), slug=slug
    )


def _language() -> str:
    return (get_language() or "nb")[:2]


# The sign-up page reads no query parameters: every spelling of its address shares a page.
NO_PARAMS: dict[str, params.Canonicaliser] = {}


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HttpRequest, slug: str) -> HttpResponse:
    offer = selectors.signup_offer(slug)
    query = params.canonical(request.GET, NO_PARAMS)
    if not page_cache.cacheable(request, query):
        return _signup(request, offer)

    def version(generation: str) -> str:
        stamp = selectors.places_stamp(offer.pk)
        return f"{generation}:{offer.pk}:{offer.updated_at.isoformat()}:{stamp}"

    return page_cache.serve(
        request,
        lambda _current, extra: _signup(request, offer, extra),
        params=query,
        version=version,
    )


def _signup(
    request: HttpRequest, offer: Offer, extra: dict[str, str] | None = None
) -> HttpResponse:
    sessions = selectors.signup_page_sessions(offer.pk)
    user = request.user if request.user.is_authenticated else None
    initial = {}
    if user is not None:
        initial = {"name": user.full_name, "phone": user.phone, "email": user.email}
    title = offer.tr("title")
    # The page cache's placeholder (replaced by each visitor's token), else this visitor's.
    csrf_token = (extra or {}).get("csrf_token") or get_token(request)
    form = None
    if request.method == "POST":
        form = SignUpForm(
            request.POST, sessions=sessions, require_email=user is None, initial=initial
        )
        if sessions and form.is_valid():
            if user is None:
                refused = limits.limited(
                    request, "participation-signup", setting=SIGNUP_LIMIT_SETTING
                )
                if refused is not None:
                    return refused
            session = form.sessions[form.cleaned_data["session"]].session
            session.offer = offer  # read for this request: the service need not again
            try:
                made = services.sign_up(session, form.data_for_service(_language()), user=user)
            except services.SignUpClosed:
                form.add_error(
                    "session", _("Påmeldingen til dette tidspunktet er stengt. Velg et annet.")
                )
            else:
                if user is None:
                    return redirect("catalogue:signup_sent", slug=offer.slug)
                messages.success(request, _result_message(made))
                return redirect("catalogue:my_signup", pk=made.pk)
        content = signup_page.content_with_errors(
            form=form,
            title=title,
            sessions=sessions,
            authenticated=user is not None,
            path=request.path,
            csrf_token=csrf_token,
        )
    else:
        # Kept per process for everyone who sees these sessions (signup_page).
        content = signup_page.content(
            offer_pk=offer.pk,
            offer_updated_at=offer.updated_at,
            title=title,
            sessions=sessions,
            authenticated=user is not None,
            path=request.path,
            personal=initial,
            csrf_token=csrf_token,
        )
    return render(
        request,
        "catalogue/participation/signup_form.html",
        {
            "offer": offer,
            "title": title,
            "form": form,
            "content": content,
            # The language switcher's "next": the address the page is cached under.
            "current_path": request.path,
            # One token for the page's forms (the context processor would mask another).
            "csrf_token": csrf_token,
            **(extra or {}),
        },
    )


def _result_message(signup: SignUp) -> str:
    if signup.status == SignUp.Status.CONFIRMED:
        if signup.course is not None:
            return _("%(name)s er påmeldt hele kurset.") % {"name": signup.name}
        return _("%(name)s er påmeldt.") % {"name": signup.name}
    # As the e-mail just sent told it, when one was (else counted now).
    position = signup.told_position
    if position is None:
        position = selectors.waiting_position(signup)
    if signup.course is not None:
        return _(
            "Det var fullt. %(name)s står på ventelisten til hele kurset, plass %(position)d."
        ) % {"name": signup.name, "position": position or 0}
    return _("Det var fullt. %(name)s står på ventelisten, plass %(position)d.") % {
        "name": signup.name,
        "position": position or 0,
    }


@require_safe
def signup_sent(request: HttpRequest, slug: str) -> HttpResponse:
    offer = _signup_offer(slug)
    return render(
        request,
        "catalogue/participation/signup_sent.html",
        {"offer": offer, "title": offer.tr("title")},
    )


# --- one's sign-ups -----------------------------------------------------------------------


@login_required
@never_cache
@require_safe
def my_signups(request: AuthenticatedHttpRequest) -> HttpResponse:
    # A course is one entry, where its first session is, with the dates of all.
    courses: dict[object, list[SignUp]] = {}
    firsts: list[SignUp] = []
    for signup in selectors.signups_for_user(request.user):
        if signup.course is None:
            firsts.append(signup)
        elif signup.course in courses:
            courses[signup.course].append(signup)
        else:
            courses[signup.course] = [signup]
            firsts.append(signup)
    rows = [
        _row(
            s,
            reverse("catalogue:my_signup", kwargs={"pk": s.pk}),
            courses.get(s.course, []) if s.course is not None else [],
        )
        for s in firsts
    ]
    return render(request, "catalogue/participation/my_signups.html", {"rows": rows})


def _row(signup: SignUp, url: str, members: list[SignUp] | None = None) -> dict[str, object]:
    """What the pages show of a sign-up; a course's (``members``, soonest first, the
    first being ``signup``) with the dates of all its sessions."""
    position = None
    if signup.status == SignUp.Status.WAITING:
        ahead = getattr(signup, "ahead", None)  # selectors.with_positions, on the list
        position = ahead + 1 if ahead is not None else selectors.waiting_position(signup)
    session = signup.session
    course_sessions = [member.session for member in members or []]
    return {
        "signup": signup,
        "session": session,
        "course_sessions": course_sessions,
        "course_when": course_when(course_sessions) if course_sessions else "",
        "title": session.offer.tr("title"),
        "url": url,
        "position": position,
        "status_text": status_text(signup, position),
        "can_cancel": signup.status not in SignUp.HOLDS_PLACE or session.can_cancel_online(),
        "contact_phone": session.offer.contact_phone,
        "unit_name": session.offer.unit.name if session.offer.unit_id else "",
    }


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def my_signup(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    signup = selectors.signup_for_user(request.user, pk)
    url = reverse("catalogue:my_signup", kwargs={"pk": pk})
    ics_url = reverse("catalogue:my_signup_ics", kwargs={"pk": pk})
    return _manage(request, signup, url, ics_url)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def token_signup(request: HttpRequest, token: str) -> HttpResponse:
    signup = selectors.signup_for_token(token)
    url = reverse("catalogue:token_signup", kwargs={"token": token})
    ics_url = reverse("catalogue:token_signup_ics", kwargs={"token": token})
    return _manage(request, signup, url, ics_url)


def _manage(request: HttpRequest, signup: SignUp, url: str, ics_url: str) -> HttpResponse:
    # A course: its first session not over stands for it (the page and the actions).
    members = selectors.course_members(signup)
    if members:
        signup = members[0]
    if request.method == "POST":
        return _act(request, signup, url)
    if signup.session.ends_at <= timezone.now() and signup.status != SignUp.Status.CONFIRMED:
        raise Http404("The session is over")
    row = _row(signup, url, members)
    return render(
        request,
        "catalogue/participation/signup_detail.html",
        {**row, "ics_url": ics_url, "offer_url": signup.session.offer.get_absolute_url()},
    )


def _act(request: HttpRequest, signup: SignUp, url: str) -> HttpResponseRedirect:
    action = request.POST.get("action", "")
    Status = SignUp.Status
    try:
        if action == "cancel" and signup.status != Status.CANCELLED:
            services.cancel(signup)
            messages.success(request, _("Du er meldt av."))
        elif action == "confirm" and signup.status == Status.PENDING_EMAIL:
            done = services.confirm_email(signup)
            messages.success(request, _result_message(done))
            # The confirmation made a new link; the old one no longer works.
            return redirect("catalogue:token_signup", token=done.token)
        elif action == "accept" and signup.status == Status.OFFERED:
            services.accept_offer(signup)
            messages.success(request, _("Plassen er din. Velkommen!"))
    except services.CancelTooLate:
        messages.error(request, _("Fristen for å melde av på nett er ute. Ring enheten."))
    except services.OfferNotOpen:
        messages.error(request, _("Fristen for å takke ja er ute, og plassen har gått videre."))
    except services.SignUpClosed:
        messages.error(request, _("Påmeldingen til dette tidspunktet er stengt."))
    return HttpResponseRedirect(url)


# --- calendar files ------------------------------------------------------------------------


def _ics(signup: SignUp) -> HttpResponse:
    """The sign-up's session; a course's: every session of it not cancelled."""
    response = HttpResponse(
        ical.sessions_ical(selectors.course_sessions(signup)),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{signup.session.offer.slug}.ics"'
    return response


@login_required
@require_safe
def my_signup_ics(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _ics(selectors.signup_for_user(request.user, pk))


@require_safe
def token_signup_ics(request: HttpRequest, token: str) -> HttpResponse:
    return _ics(selectors.signup_for_token(token))
