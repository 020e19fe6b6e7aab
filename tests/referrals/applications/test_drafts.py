"""The draft lifecycle: saved at every step, continued later, deleted after 30 days."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from referrals.applications import services
from referrals.cases.models import Application, ReferenceSequence
from referrals.records import retention
from tests.referrals.helpers import make_draft, make_submitted, upload

pytestmark = pytest.mark.django_db


def test_each_step_is_saved_and_save_and_exit_goes_to_my_applications(
    citizen_client, citizen, day_activity
):
    citizen_client.post("/soknad/", {"service_type": day_activity.pk})
    draft = Application.objects.get()
    response = citizen_client.post(
        f"/soknad/{draft.public_id}/hvem/", {"on_behalf": "no", "action": "save_exit"}
    )
    assert response.url == "/mine-soknader/"
    draft.refresh_from_db()
    assert draft.on_behalf is False
    assert draft.status == Application.Status.DRAFT
    # Continuing later shows the saved answer.
    body = citizen_client.get(f"/soknad/{draft.public_id}/hvem/").content.decode()
    assert 'value="no"' in body and "checked" in body
    assert "slettes automatisk" in body


def test_a_change_from_the_review_returns_to_the_review(citizen_client, citizen, day_activity):
    draft = make_draft(applicant=citizen, service_type=day_activity)
    response = citizen_client.post(
        f"/soknad/{draft.public_id}/behov/?fra=oppsummering",
        {
            "wants": ["physical"],
            "need_description": "Ny tekst",
            "transport_needed": "no",
            "action": "next",
        },
    )
    assert response.url == f"/soknad/{draft.public_id}/oppsummering/"
    draft.refresh_from_db()
    assert draft.wants == ["physical"] and draft.transport_needed is False


def test_a_draft_can_be_deleted(
    citizen_client, citizen, day_activity, django_capture_on_commit_callbacks
):
    draft = make_draft(applicant=citizen, service_type=day_activity)
    attachment = services.add_attachment(application=draft, uploaded=upload(), user=citizen)
    with django_capture_on_commit_callbacks(execute=True):
        response = citizen_client.post(f"/soknad/{draft.public_id}/slett/bekreft/")
    assert response.status_code == 302
    assert not Application.objects.exists()
    assert not attachment.file.storage.exists(attachment.file.name)


def test_drafts_untouched_for_30_days_are_deleted_and_others_kept(
    citizen, day_activity, django_capture_on_commit_callbacks
):
    now = timezone.now()
    with time_machine.travel(now - timedelta(days=31), tick=False):
        old = make_draft(applicant=citizen, service_type=day_activity)
        services.add_attachment(application=old, uploaded=upload(), user=citizen)
        sent = make_submitted(applicant=citizen, service_type=day_activity)
    with time_machine.travel(now - timedelta(days=29), tick=False):
        recent = make_draft(applicant=citizen, service_type=day_activity)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("delete_stale_drafts")
    remaining = set(Application.objects.values_list("pk", flat=True))
    assert remaining == {sent.pk, recent.pk}
    assert old.pk not in remaining


def test_saving_a_step_keeps_the_draft_alive(citizen, day_activity):
    now = timezone.now()
    with time_machine.travel(now - timedelta(days=40), tick=False):
        draft = make_draft(applicant=citizen, service_type=day_activity)
    services.save_step(application=draft, step="need", data={"diet": "Glutenfri"}, step_number=5)
    assert retention.delete_stale_drafts() == 0


def test_references_count_up_per_year(citizen, day_activity):
    with time_machine.travel("2026-03-01 12:00 +01:00", tick=False):
        first = make_submitted(applicant=citizen, service_type=day_activity)
        second = make_submitted(applicant=citizen, service_type=day_activity)
    with time_machine.travel("2027-01-02 12:00 +01:00", tick=False):
        third = make_submitted(applicant=citizen, service_type=day_activity)
    assert [first.reference, second.reference, third.reference] == [
        "2026-000001",
        "2026-000002",
        "2027-000001",
    ]
    assert ReferenceSequence.objects.get(year=2026).last_number == 2


def test_a_stored_identity_number_is_shown_masked_and_kept_when_left_empty(
    citizen_client, citizen, day_activity
):
    draft = make_draft(applicant=citizen, service_type=day_activity)
    stored = draft.person_national_id
    body = citizen_client.get(f"/soknad/{draft.public_id}/personen/").content.decode()
    assert stored not in body
    assert stored[:6] + "*****" in body
    response = citizen_client.post(
        f"/soknad/{draft.public_id}/personen/",
        {
            "person_name": "Ola Nordmann",
            "person_national_id": "",
            "person_language": "nb",
            "person_address": "Storgata 1",
            "person_postcode": "0155",
            "person_place": "Oslo",
            "action": "next",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.person_national_id == stored
