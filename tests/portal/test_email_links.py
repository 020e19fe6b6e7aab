"""Every link in an e-mail points at SITE_URL, never at the Host the request came with.

A Host can be in ALLOWED_HOSTS and still not be the portal's address (another name of
the server, a proxy that passes the client's Host on): a password-reset link built from
it sent the reset token to whoever answers that name. Here every e-mail the portal sends
while answering a request is sent with such a Host, and each link in it must start with
SITE_URL. The e-mail templates themselves build no links (they get ``{{ link }}``).
"""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.roles import Role
from referrals.demo import seed_service_types
from tests.catalogue.factories import DistrictFactory, OfferFactory, SessionFactory, UnitFactory
from tests.portal.users import user_with_password
from tests.referrals.casework.factories import make_case, make_caseworker, make_unit_leader, take
from tests.referrals.helpers import MODEL_BACKEND, make_draft, make_user, national_id

pytestmark = pytest.mark.django_db

SITE_URL = "https://aktivitet.eksempel.kommune.no"
HOSTILE_HOST = "angriper.example"
BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def hostile_host_allowed(settings):
    settings.SITE_URL = SITE_URL
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOSTILE_HOST]


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """``send(client.post, url, data)``: the request, with the e-mails it queues sent."""

    def _send(method, url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            response = method(url, data or {})
        assert response.status_code in (200, 302), (url, response.status_code)
        return response

    return _send


def hostile_client(user=None) -> Client:
    client = Client(HTTP_HOST=HOSTILE_HOST)
    if user is not None:
        client.force_login(user, backend=MODEL_BACKEND)
    return client


def assert_links_on_site_url(expected_messages: int = 1) -> None:
    assert len(mail.outbox) == expected_messages, [m.subject for m in mail.outbox]
    for message in mail.outbox:
        links = re.findall(r"https?://\S+", message.body)
        assert links, message.body
        for link in links:
            assert link.startswith(SITE_URL + "/"), link
        assert HOSTILE_HOST not in message.subject + message.body


# --- accounts ----------------------------------------------------------------------------


def test_the_password_reset_link(send):
    user_with_password(email="kari@example.no")
    send(hostile_client().post, reverse("portal:password_reset"), {"email": "kari@example.no"})
    assert_links_on_site_url()
    assert "/konto/nytt-passord/" in mail.outbox[0].body


@pytest.mark.parametrize("known", [False, True], ids=["new-address", "known-address"])
def test_the_registration_links(send, known):
    if known:
        user_with_password(email="kari@example.no")
    data = {
        "full_name": "Kari Nordmann",
        "email": "kari@example.no",
        "password1": "lang-og-trygg-passfrase-9",
        "password2": "lang-og-trygg-passfrase-9",
    }
    send(hostile_client().post, reverse("accounts:register"), data)
    assert_links_on_site_url()


@pytest.mark.parametrize("taken", [False, True], ids=["free-address", "taken-address"])
def test_the_email_change_links(send, taken):
    if taken:
        user_with_password(email="ny@example.no")
    user = make_user(Role.CITIZEN, email="id@example.no", national_id=national_id(start=310))
    send(hostile_client(user).post, reverse("accounts:email"), {"email": "ny@example.no"})
    assert_links_on_site_url()


# --- applications and casework ------------------------------------------------------------


@pytest.fixture
def case_world():
    day_activity = {s.slug: s for s in seed_service_types()}["dagaktivitet"]
    north = DistrictFactory(name="Nord", slug="nord")
    citizen = make_user(Role.CITIZEN, email="ola@example.no", full_name="Ola Nordmann")
    caseworker = make_caseworker(
        service_type=day_activity, district=north, email="nord@example.no", full_name="Nora Nord"
    )
    moon = UnitFactory(name="Månen")
    make_unit_leader(unit=moon, email="mane@example.no", full_name="Mona Måne")
    case = make_case(applicant=citizen, service_type=day_activity, district=north)
    mail.outbox.clear()  # the receipt of make_case
    return {
        "service_type": day_activity,
        "citizen": citizen,
        "caseworker": caseworker,
        "case": case,
        "moon": moon,
    }


def test_the_receipt_link(send, case_world):
    draft = make_draft(applicant=case_world["citizen"], service_type=case_world["service_type"])
    url = reverse("referrals:apply_submit", kwargs={"key": draft.public_id})
    send(hostile_client(case_world["citizen"]).post, url, {"confirmed_truthful": "on"})
    assert_links_on_site_url()


def test_the_status_change_link(send, case_world):
    url = reverse("referrals:case_take", kwargs={"reference": case_world["case"].reference})
    send(hostile_client(case_world["caseworker"]).post, url)
    assert_links_on_site_url()


def test_the_message_link(send, case_world):
    case = take(case_world["case"], case_world["caseworker"])
    mail.outbox.clear()
    url = reverse("referrals:case_request_information", kwargs={"reference": case.reference})
    reply_by = (timezone.localdate() + timezone.timedelta(days=14)).isoformat()
    data = {"request-body": "Send oss uttalelse fra fastlegen.", "request-reply_by": reply_by}
    send(hostile_client(case_world["caseworker"]).post, url, data)
    assert_links_on_site_url()


def test_the_caseworker_notice_link(send, case_world):
    case = take(case_world["case"], case_world["caseworker"])
    mail.outbox.clear()
    url = reverse("referrals:reply", kwargs={"reference": case.reference})
    send(hostile_client(case_world["citizen"]).post, url, {"reply-body": "Her er svaret."})
    assert_links_on_site_url()


def test_the_consultation_link(send, case_world):
    case = take(case_world["case"], case_world["caseworker"])
    mail.outbox.clear()
    url = reverse("referrals:case_consult", kwargs={"reference": case.reference})
    data = {"consult-unit": case_world["moon"].pk, "consult-question": "Har dere plass?"}
    send(hostile_client(case_world["caseworker"]).post, url, data)
    assert_links_on_site_url()


def test_the_error_report_link(send):
    unit = UnitFactory(name="Solsiden")
    make_unit_leader(unit=unit, email="sol@example.no", full_name="Solveig Sol")
    offer = OfferFactory(slug="kaffetreff", unit=unit)
    url = reverse("catalogue:report_error", kwargs={"slug": offer.slug})
    send(hostile_client().post, url, {"message": "Feil telefonnummer"})
    assert_links_on_site_url()


# --- the templates ---------------------------------------------------------------------------


def email_templates() -> list[Path]:
    found = [
        path
        for folder in ("templates", "portal", "catalogue", "referrals")
        for path in (BASE_DIR / folder).rglob("*.txt")
        if "templates" in path.parts and ("email" in path.name or "emails" in path.parts)
    ]
    return sorted(found)


def test_the_email_templates_are_found():
    names = {path.name for path in email_templates()}
    assert {"password_reset_email.txt", "verify.txt", "consultation.txt"} <= names


@pytest.mark.parametrize("path", email_templates(), ids=lambda p: str(p.relative_to(BASE_DIR)))
def test_no_email_template_builds_a_link_itself(path):
    """A link is given as ``{{ link }}`` (SITE_URL + path); a template that builds one
    from the request (``domain``, ``protocol``, ``request``) or a bare ``{% url %}``
    (a path without a host) is a mistake."""
    source = path.read_text()
    for forbidden in ("{{ domain", "{{ protocol", "request.", "{% url", "site_name"):
        assert forbidden not in source, forbidden


def test_the_signup_link(send):
    session = SessionFactory()
    url = reverse("catalogue:signup", kwargs={"slug": session.offer.slug})
    data = {
        "session": session.pk,
        "for_whom": "self",
        "name": "Per Hansen",
        "phone": "91234567",
        "email": "per@example.no",
    }
    send(hostile_client().post, url, data)
    assert_links_on_site_url()
