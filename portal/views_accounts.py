"""Citizen accounts on the embedded default: register with an e-mail address, confirm
it through a signed link, then log in. (ID-porten, when configured, is in portal.oidc.)

Citizens who log in with ID-porten get no e-mail address from it; they add (or change)
one here, confirmed through a signed link in the same way."""

import hashlib
import logging
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, password_validation
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core import signing
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from portal import limits
from portal.emails import queue_email
from portal.forms import CrispyFormMixin
from portal.oidc import PLACEHOLDER_EMAIL_DOMAIN, has_placeholder_email
from portal.roles import Role

logger = logging.getLogger(__name__)

VERIFY_SALT = "portal.accounts.verify-email"
EMAIL_CHANGE_SALT = "portal.accounts.change-email"
VERIFY_MAX_AGE = 60 * 60 * 24 * 3  # three days
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class RegistrationForm(CrispyFormMixin, forms.Form):
    full_name = forms.CharField(
        label=_("Fullt navn"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Skriv navnet ditt.")},
    )
    email = forms.EmailField(
        label=_("E-postadresse"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Skriv e-postadressen din."),
            "invalid": _("Skriv en gyldig e-postadresse, for eksempel navn@eksempel.no."),
        },
    )
    password1 = forms.CharField(
        label=_("Passord"),
        strip=False,
        help_text=_("Minst 10 tegn. Ikke bruk et passord du bruker andre steder."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Velg et passord.")},
    )
    password2 = forms.CharField(
        label=_("Gjenta passordet"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Skriv passordet en gang til.")},
    )

    def clean_email(self):
        return get_user_model().objects.normalize_email(self.cleaned_data["email"]).lower()

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error(
                "password2", _("Passordene er ikke like. Skriv det samme passordet to ganger.")
            )
        elif password1:
            user = get_user_model()(
                email=cleaned.get("email", ""), full_name=cleaned.get("full_name", "")
            )
            try:
                password_validation.validate_password(password1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


def _email_fingerprint(user) -> str:
    # Ties the link to the address it was sent to, without putting the address in the URL.
    return hashlib.sha256(user.email.lower().encode()).hexdigest()[:16]


def make_verification_token(user) -> str:
    return signing.dumps(
        {"u": user.pk, "e": _email_fingerprint(user)}, salt=VERIFY_SALT, compress=True
    )


def user_for_verification_token(token: str):
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return None
    user = get_user_model().objects.filter(pk=data.get("u")).first()
    if user is None or data.get("e") != _email_fingerprint(user):
        return None
    return user


def _safe_next(request, value: str | None) -> str | None:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return None


def register_citizen(
    *, full_name: str, email: str, password: str, next_url: str | None, language: str
) -> None:
    """Create an inactive citizen and send the confirmation link; if the address is
    taken, tell its owner instead. Nobody learns which addresses have accounts: the page
    is the same either way, and so is the work (one password hash in every path; without
    it a known address answered in 0.1 s and a new one in a second)."""
    User = get_user_model()
    link_base = settings.SITE_URL
    with transaction.atomic():
        existing = User.objects.filter(email__iexact=email).first()
        if existing is not None and existing.is_active:
            make_password(password)  # the hash the other paths store; this one is dropped
            queue_email(
                to=[existing.email],
                template="accounts/emails/already_registered.txt",
                context={
                    "link": link_base + reverse("portal:login"),
                    "municipality_name": settings.MUNICIPALITY_NAME,
                },
                language=language,
            )
            return
        if existing is None:
            try:
                with transaction.atomic():
                    existing = User.objects.create_user(
                        email=email, password=password, full_name=full_name, is_active=False
                    )
            except IntegrityError:
                return  # registered at the same moment by another request
            citizen_group, _created = Group.objects.get_or_create(name=Role.CITIZEN.value)
            existing.groups.add(citizen_group)
        else:
            # Not yet confirmed: the newest registration sets name and password.
            existing.full_name = full_name
            existing.set_password(password)
            existing.save(update_fields=["full_name", "password"])
        link = link_base + reverse(
            "accounts:verify", kwargs={"token": make_verification_token(existing)}
        )
        if next_url:
            link += "?" + urlencode({"next": next_url})
        queue_email(
            to=[existing.email],
            template="accounts/emails/verify.txt",
            context={
                "link": link,
                "municipality_name": settings.MUNICIPALITY_NAME,
                "days": VERIFY_MAX_AGE // 86400,
            },
            language=language,
        )


@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def register(request):
    if request.user.is_authenticated:
        return redirect("referrals:my_applications")
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.method == "POST":
        form = RegistrationForm(request.POST)
        if form.is_valid():
            refused = limits.limited(
                request, "register", setting="RATELIMIT_REGISTRATIONS_PER_HOUR"
            )
            if refused:
                return refused
            register_citizen(
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                next_url=next_url,
                language=get_language() or "nb",
            )
            return redirect("accounts:register_done")
        status = 422
    else:
        form = RegistrationForm()
        status = 200
    return render(
        request, "accounts/register.html", {"form": form, "next": next_url or ""}, status=status
    )


@require_safe
def register_done(request):
    return render(request, "accounts/register_done.html")


@never_cache  # the link in an e-mail: the page is the address owner's, logged in or not
@require_http_methods(["GET", "POST"])
def verify(request, token):
    """GET shows a button; the POST confirms (a state change is never a GET, and mail
    scanners that open links do not activate accounts)."""
    user = user_for_verification_token(token)
    if user is None:
        return render(request, "accounts/verify_invalid.html", status=400)
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.method == "POST":
        with transaction.atomic():
            user = get_user_model().objects.select_for_update().get(pk=user.pk)
            if not user.is_active:
                user.is_active = True
                user.save(update_fields=["is_active"])
                logger.info("Citizen account %s confirmed its e-mail address", user.pk)
        login(request, user, backend=MODEL_BACKEND)
        return redirect(next_url or "referrals:my_applications")
    return render(
        request, "accounts/verify.html", {"already_active": user.is_active, "next": next_url or ""}
    )


# --- the e-mail address of an ID-porten account ---------------------------------------


class EmailForm(CrispyFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-postadresse"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Skriv e-postadressen din."),
            "invalid": _("Skriv en gyldig e-postadresse, for eksempel navn@eksempel.no."),
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self):
        email = get_user_model().objects.normalize_email(self.cleaned_data["email"]).lower()
        if email.endswith("@" + PLACEHOLDER_EMAIL_DOMAIN):
            raise forms.ValidationError(
                _("Skriv en gyldig e-postadresse, for eksempel navn@eksempel.no.")
            )
        if email == self.user.email.lower():
            raise forms.ValidationError(_("Dette er allerede e-postadressen din."))
        return email


def make_email_change_token(user) -> str:
    # Bound to both the current and the pending address: the link stops working once
    # the address has changed or a newer address has been asked for.
    fingerprints = {"e": _email_fingerprint(user), "p": _fingerprint(user.pending_email)}
    return signing.dumps({"u": user.pk, **fingerprints}, salt=EMAIL_CHANGE_SALT, compress=True)


def _fingerprint(address: str) -> str:
    return hashlib.sha256(address.lower().encode()).hexdigest()[:16]


def user_for_email_change_token(token: str):
    try:
        data = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=VERIFY_MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return None
    user = get_user_model().objects.filter(pk=data.get("u"), is_active=True).first()
    if (
        user is None
        or not user.pending_email
        or data.get("e") != _email_fingerprint(user)
        or data.get("p") != _fingerprint(user.pending_email)
    ):
        return None
    return user


def request_email_change(*, user, email: str, language: str) -> None:
    """Keep ``email`` as the user's pending address and send the confirmation link to
    it; if another account has the address, tell its owner instead (the page says the
    same either way, so nobody learns which addresses have accounts)."""
    User = get_user_model()
    with transaction.atomic():
        if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
            queue_email(
                to=[email],
                template="accounts/emails/already_registered.txt",
                context={
                    "link": settings.SITE_URL + reverse("portal:login"),
                    "municipality_name": settings.MUNICIPALITY_NAME,
                },
                language=language,
            )
            return
        user.pending_email = email
        user.save(update_fields=["pending_email"])
        link = settings.SITE_URL + reverse(
            "accounts:email_confirm", kwargs={"token": make_email_change_token(user)}
        )
        queue_email(
            to=[email],
            template="accounts/emails/email_change.txt",
            context={
                "link": link,
                "municipality_name": settings.MUNICIPALITY_NAME,
                "days": VERIFY_MAX_AGE // 86400,
            },
            language=language,
        )
    logger.info("Account %s asked to change its e-mail address", user.pk)


def confirm_email_change(*, user) -> bool:
    """Make the pending address the account's address. False when there is nothing
    pending or another account has taken the address in the meantime."""
    User = get_user_model()
    with transaction.atomic():
        # Locked: two confirmations (or a confirmation and a new request) at once.
        user = User.objects.select_for_update().get(pk=user.pk)
        if not user.pending_email:
            return False
        if User.objects.filter(email__iexact=user.pending_email).exclude(pk=user.pk).exists():
            return False
        user.email, user.pending_email = user.pending_email, ""
        try:
            with transaction.atomic():
                user.save(update_fields=["email", "pending_email"])
        except IntegrityError:
            return False
    logger.info("Account %s confirmed a new e-mail address", user.pk)
    return True


@login_required
@require_http_methods(["GET", "POST"])
def email(request):
    """An ID-porten account adds its real e-mail address (or changes it)."""
    user = request.user
    if not user.national_id:
        raise Http404  # local accounts log in with their address; not changed here
    if request.method == "POST":
        form = EmailForm(request.POST, user=user)
        if form.is_valid():
            # Per account: citizens behind one address (a library) do not share it.
            refused = limits.limited(
                request, "email", setting="RATELIMIT_REGISTRATIONS_PER_HOUR", key=limits.account
            )
            if refused:
                return refused
            request_email_change(
                user=user, email=form.cleaned_data["email"], language=get_language() or "nb"
            )
            messages.success(
                request,
                _("Vi har sendt en lenke til %(email)s. Åpne den for å bekrefte adressen.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("accounts:email")
        status = 422
    else:
        form = EmailForm(user=user)
        status = 200
    context = {
        "form": form,
        "placeholder": has_placeholder_email(user),
        "pending_email": user.pending_email,
    }
    return render(request, "accounts/email.html", context, status=status)


@never_cache  # shows the new address to whoever has the link, logged in or not
@require_http_methods(["GET", "POST"])
def email_confirm(request, token):
    """GET shows a button, the POST saves (mail scanners that open links change
    nothing). No log-in needed: the link itself proves the address is the citizen's."""
    user = user_for_email_change_token(token)
    if user is None:
        return render(request, "accounts/email_invalid.html", status=400)
    if request.method == "POST":
        if not confirm_email_change(user=user):
            return render(request, "accounts/email_invalid.html", status=400)
        messages.success(request, _("E-postadressen er lagret."))
        if request.user.is_authenticated and request.user.pk == user.pk:
            return redirect("accounts:email")
        return redirect("portal:home")
    return render(request, "accounts/email_confirm.html", {"pending_email": user.pending_email})
