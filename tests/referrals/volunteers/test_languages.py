"""The helper's language: stored from the page they signed up on (and changed when they
save the form again in another language), and every e-mail to them written in it."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from referrals.volunteers import services
from referrals.volunteers.models import HelperProfile, PoliceCertificateCheck, RoleKind
from tests.referrals.volunteers.factories import (
    EnrolmentFactory,
    HelperProfileFactory,
    VolunteerRoleFactory,
)

pytestmark = pytest.mark.django_db


def sign_up(client, role, language: str):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(
        reverse("referrals:volunteer_signup"),
        {"roles": [role.pk], "name": "Hege Hjelper", "email": "hege@example.no"},
    )
    assert response.status_code == 302


def test_the_language_of_the_sign_up_is_stored_and_follows_an_edit(helper_client):
    role = VolunteerRoleFactory(title="Aktivitetsvenn")
    sign_up(helper_client, role, "nn")
    assert HelperProfile.objects.get(user=helper_client.user).language == "nn"

    sign_up(helper_client, role, "en")  # the helper edits their profile in English
    assert HelperProfile.objects.get(user=helper_client.user).language == "en"


def test_an_unknown_language_is_stored_as_bokmal():
    assert services.helper_language("nn-no") == "nn"
    assert services.helper_language("de") == "nb"
    assert services.helper_language("") == "nb"


@pytest.mark.parametrize(
    ("language", "expected", "unexpected"),
    [
        ("nn", "Vil du framleis vere hjelpar?", "Vil du fortsatt"),
        ("en", "Do you still want to be a helper?", "Vil du"),
        ("nb", "Vil du fortsatt være hjelper?", "framleis"),
    ],
)
def test_the_yearly_question_is_asked_in_the_helpers_language(
    language, expected, unexpected, django_capture_on_commit_callbacks
):
    helper = HelperProfileFactory(language=language)
    with django_capture_on_commit_callbacks(execute=True):
        services.ask_if_still_helping(helper)
    [message] = mail.outbox
    assert message.subject == expected
    assert unexpected not in message.subject + message.body


@pytest.mark.parametrize(
    ("language", "subject", "body"),
    [
        ("nn", "Politiattesten din må fornyast", "Politiattesten for rolla Støttekontakt (nn)"),
        ("en", "Your police certificate must be renewed", "Support contact"),
    ],
)
def test_the_renewal_reminder_is_in_the_helpers_language_with_the_role_too(
    language, subject, body, django_capture_on_commit_callbacks
):
    role = VolunteerRoleFactory(
        kind=RoleKind.STOTTEKONTAKT,
        title="Støttekontakt",
        title_nn="Støttekontakt (nn)",
        title_en="Support contact",
    )
    enrolment = EnrolmentFactory(helper=HelperProfileFactory(language=language), role=role)
    today = timezone.localdate()
    PoliceCertificateCheck.objects.create(
        enrolment=enrolment,
        shown_on=today - dt.timedelta(days=1000),
        result=PoliceCertificateCheck.Result.NO_REMARKS,
        renew_by=today + dt.timedelta(days=10),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_police_renewals(today=today) == 1
    [message] = mail.outbox
    assert message.subject == subject
    assert body in message.body
    assert "må fornyes innen" not in message.body


def test_the_helpers_page_says_which_language_the_emails_are_in(helper_client):
    role = VolunteerRoleFactory(title="Aktivitetsvenn")
    helper_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    form = helper_client.get(reverse("referrals:volunteer_signup")).content.decode()
    assert "skrives på språket du bruker på denne siden nå" in form
    sign_up(helper_client, role, "nn")

    page = helper_client.get(reverse("referrals:volunteer_mine")).content.decode()
    assert "Språk i e-post frå oss: Norsk nynorsk." in page
    helper_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = helper_client.get(reverse("referrals:volunteer_mine")).content.decode()
    assert "Language of our emails: Norsk nynorsk." in page
