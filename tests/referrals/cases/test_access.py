"""Who sees what on the staff side: every role against every object and action.
Not allowed is a 404 (never a hint that the case exists), and the refusal is logged."""

import hashlib

import pytest
from django.urls import reverse

from referrals.applications import services
from referrals.cases.models import AccessLogEntry, Application
from tests.referrals.casework.factories import make_case, make_caseworker, take
from tests.referrals.helpers import record_decision

ROLES = [
    "anonymous",
    "citizen",
    "stranger",
    "north",
    "south",
    "everywhere_support",
    "leader",
    "other_leader",
    "admin",
]
# What each role may do: view the case, change it, download an attachment or a letter.
ALLOWED = {
    "north": {"view", "change", "attachment", "letter"},
    "leader": {"view"},
}
OBJECTS = ["view", "change", "attachment", "letter"]


def _user(world, role):
    if role in ("citizen", "stranger"):
        return getattr(world, role)
    return getattr(world.staff, role)


def _decided(world):
    take(world.case, world.staff.north)
    pdf = b"%PDF-1.7 letter"
    return record_decision(
        application=Application.objects.get(pk=world.case.pk),
        outcome="granted",
        actor=world.staff.north,
        letter_pdf=pdf,
    )


def _request(client, world, what, decision):
    reference = world.case.reference
    if what == "view":
        return client.get(reverse("referrals:case", kwargs={"reference": reference}))
    if what == "change":
        return client.post(
            reverse("referrals:case_note", kwargs={"reference": reference}),
            {"note-body": "Ringte datteren."},
        )
    if what == "attachment":
        return client.get(
            reverse(
                "referrals:case_attachment",
                kwargs={"reference": reference, "attachment": world.attachment.public_id},
            )
        )
    return client.get(
        reverse("referrals:case_letter", kwargs={"reference": reference, "decision": decision.pk})
    )


@pytest.mark.parametrize("what", OBJECTS)
@pytest.mark.parametrize("role", ROLES)
def test_the_permission_matrix(world, client, role, what):
    decision = _decided(world)
    if role != "anonymous":
        client.force_login(_user(world, role), backend="django.contrib.auth.backends.ModelBackend")
    before = AccessLogEntry.objects.count()

    response = _request(client, world, what, decision)

    if role == "anonymous":
        assert response.status_code == 302
        assert "/konto/logg-inn/" in response["Location"]
        return
    user = _user(world, role)
    if what in ALLOWED.get(role, set()):
        assert response.status_code in (200, 302)
        entry = AccessLogEntry.objects.order_by("-pk").first()
        assert entry.allowed is True
        assert entry.user == user
        assert entry.reference == world.case.reference
    else:
        assert response.status_code == 404
        refusal = AccessLogEntry.objects.filter(pk__gt=0).order_by("-pk")[0]
        assert AccessLogEntry.objects.count() == before + 1
        assert refusal.allowed is False
        assert refusal.user == user
        assert refusal.reference == world.case.reference


def test_the_letter_download_is_the_frozen_file(world, login):
    decision = _decided(world)
    response = login(world.staff.north).get(
        reverse(
            "referrals:case_letter",
            kwargs={"reference": world.case.reference, "decision": decision.pk},
        )
    )
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == decision.letter_sha256
    assert response["Cache-Control"] == "private, no-store"


def test_an_unknown_reference_is_a_404_and_logged(world, login):
    response = login(world.staff.north).get("/saksbehandling/2026-999999/")
    assert response.status_code == 404
    entry = AccessLogEntry.objects.get(allowed=False)
    assert entry.reference == "2026-999999"
    assert entry.person == ""


def test_a_caseworker_for_all_districts_sees_every_district(world, login, service_types, districts):
    everywhere = make_caseworker(
        service_type=world.case.service_type, email="alle@example.no", full_name="Alle Bydeler"
    )
    south_case = make_case(
        applicant=world.citizen, service_type=world.case.service_type, district=districts.south
    )
    client = login(everywhere)
    assert client.get(f"/saksbehandling/{world.case.reference}/").status_code == 200
    assert client.get(f"/saksbehandling/{south_case.reference}/").status_code == 200


def test_a_unit_leader_sees_the_summary_but_no_case_contents(world, login):
    services.send_message_to_applicant(
        application=world.case, sender=world.staff.north, body="Hemmelig helseopplysning"
    )
    page = login(world.staff.leader).get(f"/saksbehandling/{world.case.reference}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Solsiden dagsenter" in html
    assert "Hemmelig helseopplysning" not in html
    assert "legeerklaering.pdf" not in html
    assert "Interne notater" not in html


def test_state_changes_refuse_get(world, login):
    client = login(world.staff.north)
    for name in (
        "case_take",
        "case_assign",
        "case_close",
        "case_reopen",
        "case_note",
        "case_request_information",
    ):
        url = reverse(f"referrals:{name}", kwargs={"reference": world.case.reference})
        assert client.get(url).status_code == 405, name


def test_urls_and_page_titles_never_carry_the_identity_number(world, login):
    page = login(world.staff.north).get(f"/saksbehandling/{world.case.reference}/")
    html = page.content.decode()
    assert world.case.person_national_id not in html
    title = html.split("<title>")[1].split("</title>")[0]
    assert world.case.reference in title
