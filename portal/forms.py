from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from portal.emails import queue_email


class ReadableMaxLengthValidator(MaxLengthValidator):
    """Django's MaxLengthValidator, telling how much was typed, the numbers grouped the
    reader's way: "Skriv høyst 200 tegn (du skrev 3 009)."."""

    message = _("Skriv høyst %(limit)s tegn (du skrev %(count)s).")

    def __call__(self, value: Any) -> None:
        limit = self.limit_value() if callable(self.limit_value) else self.limit_value
        length = self.clean(value)
        if self.compare(length, limit):
            raise ValidationError(
                self.message,
                code=self.code,
                params={
                    "limit": number_format(limit, force_grouping=True),
                    "count": number_format(length, force_grouping=True),
                    "limit_value": limit,
                    "show_value": length,
                    "value": value,
                },
            )


def readable_max_length(form: forms.BaseForm) -> None:
    """Swap Django's max-length check on every field for the readable one."""
    for field in form.fields.values():
        field.validators = [
            ReadableMaxLengthValidator(validator.limit_value)
            if type(validator) is MaxLengthValidator
            else validator
            for validator in field.validators
        ]


class CrispyFormMixin:
    """Render through the Designsystemet template pack with the project's defaults."""

    submit_label = _("Fortsett")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        readable_max_length(self)  # type: ignore[arg-type]  # a mixin of forms


class LoginForm(CrispyFormMixin, auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label=_("E-postadresse"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Passord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _(
            "E-postadressen eller passordet er feil. Sjekk begge og prøv igjen. "
            "Etter flere mislykkede forsøk blir kontoen låst en stund."
        ),
        "inactive": _("Denne kontoen er deaktivert. Kontakt kommunen."),
    }


class PasswordResetForm(CrispyFormMixin, auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label=_("E-postadresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        # Through the tasks framework like every other e-mail, with the link on SITE_URL
        # like every other link in an e-mail. Django's context has the request's Host as
        # "domain" and "site_name": a Host in ALLOWED_HOSTS other than the portal's own
        # address (another name of the server, a proxy passing the client's Host on)
        # would send the reset token to that host. Only the uid and token are used.
        del subject_template_name, from_email, html_email_template_name
        path = reverse(
            "portal:password_reset_confirm",
            kwargs={"uidb64": context["uid"], "token": context["token"]},
        )
        queue_email(
            to=[to_email],
            template=email_template_name,
            context={
                "link": settings.SITE_URL + path,
                "municipality_name": settings.MUNICIPALITY_NAME,
            },
        )


class SetPasswordForm(CrispyFormMixin, auth_forms.SetPasswordForm):
    pass
