"""What the casework side leaves on the citizen's case page (/mine-soknader/<reference>/):
who in the municipality has seen the case, places on waiting lists, preliminary replies
(forvaltningsloven § 11a) with their letter, and the caseworker told when the citizen
answers."""

import hashlib
import logging
from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import formats, timezone, translation

from referrals.applications import services
from referrals.capacity.models import WaitingListEntry
from referrals.cases import access
from referrals.cases.models import AccessLogEntry, Application
from referrals.casework import services as casework
from tests.referrals.casework.factories import decide, make_case, take
from tests.referrals.helpers import national_id, upload

pytestmark = pytest.mark.django_db


def detail(world_or_case) -> str:
    case = getattr(world_or_case, "case", world_or_case)
    return f"/mine-soknader/{case.reference}/"


def _on_behalf_case(world, *, may_receive_copies: bool, person_id: str):
    """Kari applies for her father; he did not agree that she gets copies of letters."""
    return make_case(
        applicant=world.citizen,
        service_type=world.case.service_type,
        district=world.case.district,
        offers=[world.offer],
        on_behalf=True,
        relation="relative",
        basis="consent",
        person_name="Per Nordmann",
        person_national_id=person_id,
        applicant_may_receive_copies=may_receive_copies,
    )


# --- 1. who in the municipality has seen the case ---------------------------------------


def test_the_page_shows_staff_accesses_by_role_and_unit_newest_first(world, login):
    base = timezone.now() - timedelta(hours=3)
    # The caseworker first, the unit leader half an hour later.
    for minutes, user in ((0, world.staff.north), (30, world.staff.leader)):
        with time_machine.travel(base + timedelta(minutes=minutes), tick=False):
            access.log_access(
                user=user, action="view", object_type="application", application=world.case
            )

    response = login(world.citizen).get(detail(world))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hvem i kommunen har sett saken din" in html
    rows = response.context["access_history"]
    assert [str(row["role"]) for row in rows] == ["Enhetsleder", "Saksbehandler"]
    assert rows[0]["unit"] == "Solsiden"
    assert rows[0]["at"] > rows[1]["at"]
    assert "Enhetsleder" in html and "Solsiden" in html and "Saksbehandler" in html
    # By role and unit, never by name.
    for name in ("Nora Nord", "Lars Leder"):
        assert name not in html


def test_real_case_page_visits_by_staff_appear_and_refused_attempts_do_not(world, login):
    assert (
        login(world.staff.north).get(f"/saksbehandling/{world.case.reference}/").status_code == 200
    )
    # A caseworker of another district is refused (404); the refusal is logged, not shown.
    assert (
        login(world.staff.south).get(f"/saksbehandling/{world.case.reference}/").status_code == 404
    )
    assert AccessLogEntry.objects.filter(
        application_id_logged=world.case.pk, allowed=False
    ).exists()
    rows = login(world.citizen).get(detail(world)).context["access_history"]
    allowed = AccessLogEntry.objects.filter(application_id_logged=world.case.pk, allowed=True)
    assert len(rows) == allowed.count() >= 1
    assert {str(row["role"]) for row in rows} == {"Saksbehandler"}


def test_only_staff_accesses_are_listed(world, login):
    # An allowed row for a non-staff role (the citizen herself) is not "the municipality".
    access.log_access(
        user=world.citizen, action="view", object_type="application", application=world.case
    )
    response = login(world.citizen).get(detail(world))
    assert response.context["access_history"] == []
    assert "Ingen ansatte i kommunen har sett saken din ennå." in response.content.decode()


def test_another_cases_accesses_are_not_shown(world, login, day_activity, districts):
    other = make_case(applicant=world.stranger, service_type=day_activity, district=districts.north)
    access.log_access(
        user=world.staff.north, action="view", object_type="application", application=other
    )
    assert login(world.citizen).get(detail(world)).context["access_history"] == []


def test_staff_accesses_are_recognised_in_nynorsk_too(world):
    # The selector gives role labels in the active language; the filter must match them.
    from referrals.cases.access import access_history as _access_history

    access.log_access(
        user=world.staff.north, action="view", object_type="application", application=world.case
    )
    for language in ("nb", "nn", "en"):
        with translation.override(language):
            assert len(_access_history(world.case)) == 1, language


def test_a_relative_without_the_right_to_copies_does_not_see_the_access_history(world, login):
    father = national_id(date(1941, 2, 3))
    case = _on_behalf_case(world, may_receive_copies=False, person_id=father)
    access.log_access(
        user=world.staff.north, action="view", object_type="application", application=case
    )
    response = login(world.citizen).get(detail(case))
    assert response.status_code == 200
    assert "Hvem i kommunen har sett saken din" not in response.content.decode()
    # The person the application is about (verified by ID-porten) sees it: it is his
    # case (representation.joins_person).
    world.stranger.national_id = father
    world.stranger.save()
    response = login(world.stranger).get(detail(case))
    assert "Hvem i kommunen har sett saken din" in response.content.decode()


# --- 2. waiting lists ----------------------------------------------------------------------


def _grant(world, case, weekdays):
    take(case, world.staff.north)
    return decide(case, world.staff.north, offer=world.offer, weekdays=weekdays)


def test_the_page_shows_the_offer_weekday_and_place_in_the_queue(
    world, login, day_activity, districts
):
    world.offer.capacity_per_day = 1
    world.offer.save(update_fields=["capacity_per_day"])
    # The first gets the Wednesday place, the second waits first in line.
    for name in ("Xenia Plassfått", "Yngve Førstikøen"):
        other = make_case(
            applicant=world.stranger,
            service_type=day_activity,
            district=districts.north,
            person_name=name,
        )
        _grant(world, other, [2])
    _grant(world, world.case, [2, 4])  # Wednesday full (2nd in the queue), Friday free

    response = login(world.citizen).get(detail(world))
    html = response.content.decode()
    assert "Venteliste" in html
    assert [(str(r["weekday"]), r["position"]) for r in response.context["waiting"]] == [
        ("onsdag", 2)
    ]
    assert "Solsiden dagsenter" in html
    assert "Nr. 2" in html
    # Another person on the list is never named.
    assert "Xenia Plassfått" not in html and "Yngve Førstikøen" not in html


def test_the_place_moves_up_and_a_removed_entry_is_not_shown(world, login, day_activity, districts):
    world.offer.capacity_per_day = 1
    world.offer.save(update_fields=["capacity_per_day"])
    _grant(
        world,
        make_case(applicant=world.stranger, service_type=day_activity, district=districts.north),
        [2],
    )
    first = make_case(applicant=world.stranger, service_type=day_activity, district=districts.north)
    _grant(world, first, [2])
    _grant(world, world.case, [2])
    client = login(world.citizen)
    assert [r["position"] for r in client.get(detail(world)).context["waiting"]] == [2]

    WaitingListEntry.objects.filter(application=first).update(removed_at=timezone.now())
    assert [r["position"] for r in client.get(detail(world)).context["waiting"]] == [1]

    WaitingListEntry.objects.filter(application=world.case).update(removed_at=timezone.now())
    response = client.get(detail(world))
    assert response.context["waiting"] == []
    assert 'id="waiting-heading"' not in response.content.decode()


def test_without_a_waiting_list_place_there_is_no_waiting_list_section(world, login):
    _grant(world, world.case, [1, 3])  # room on both days
    response = login(world.citizen).get(detail(world))
    assert response.context["waiting"] == []
    assert 'id="waiting-heading"' not in response.content.decode()


# --- 3. preliminary replies ----------------------------------------------------------------


def _preliminary(world, case=None):
    case = case or world.case
    take(case, world.staff.north)
    return casework.send_preliminary_reply(
        application=case,
        actor=world.staff.north,
        reason="Vi venter på uttalelse fra hjemmetjenesten.",
        expected_date=timezone.localdate() + timedelta(days=21),
    )


def letter_url(case, reply) -> str:
    return f"/mine-soknader/{case.reference}/forelopig-svar/{reply.pk}/"


def test_the_page_shows_the_preliminary_reply_and_its_letter_downloads(world, login):
    reply = _preliminary(world)
    client = login(world.citizen)
    html = client.get(detail(world)).content.decode()
    assert "Foreløpig svar" in html
    assert "Vi venter på uttalelse fra hjemmetjenesten." in html
    with translation.override("nb"):
        assert formats.date_format(reply.expected_date, "j. F Y") in html
    assert letter_url(world.case, reply) in html

    response = client.get(letter_url(world.case, reply))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert "forelopig-svar-" in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    assert hashlib.sha256(data).hexdigest() == reply.letter_sha256


def test_the_letter_refuses_strangers_staff_and_other_cases_with_404_and_logs_it(
    world, login, day_activity, districts, caplog
):
    reply = _preliminary(world)
    url = letter_url(world.case, reply)
    own = make_case(applicant=world.stranger, service_type=day_activity, district=districts.north)
    with caplog.at_level(logging.WARNING, logger="referrals.cases.access"):
        assert login(world.stranger).get(url).status_code == 404
        # The stranger's own case, with the other case's letter id: still 404.
        assert login(world.stranger).get(letter_url(own, reply)).status_code == 404
        # Staff read letters on the casework side, not through the citizen's URL.
        assert login(world.staff.north).get(url).status_code == 404
        missing = f"/mine-soknader/{world.case.reference}/forelopig-svar/{reply.pk + 1000}/"
        assert login(world.citizen).get(missing).status_code == 404
    refusals = [r for r in caplog.records if r.name == "referrals.cases.access"]
    assert len(refusals) == 4
    assert world.case.person_national_id not in caplog.text


def test_anonymous_users_are_sent_to_log_in_for_the_letter(world, client):
    reply = _preliminary(world)
    response = client.get(letter_url(world.case, reply))
    assert response.status_code == 302
    assert response.url.startswith("/konto/logg-inn/")


def test_the_letter_is_read_only(world, login):
    reply = _preliminary(world)
    assert login(world.citizen).post(letter_url(world.case, reply)).status_code == 405


def test_letters_follow_the_rules_for_copies(world, login):
    father = national_id(date(1941, 2, 3))
    case = _on_behalf_case(world, may_receive_copies=False, person_id=father)
    reply = _preliminary(world, case)
    client = login(world.citizen)
    html = client.get(detail(case)).content.decode()
    # A preliminary reply is a letter to the person (and a message from the
    # municipality): neither it nor its letter is shown, and fetching it is a 404.
    assert "Vi venter på uttalelse fra hjemmetjenesten." not in html
    assert letter_url(case, reply) not in html
    assert client.get(letter_url(case, reply)).status_code == 404

    world.stranger.national_id = father  # the person, logged in with ID-porten
    world.stranger.save()
    person = login(world.stranger)
    assert letter_url(case, reply) in person.get(detail(case)).content.decode()
    assert person.get(letter_url(case, reply)).status_code == 200

    Application.objects.filter(pk=case.pk).update(applicant_may_receive_copies=True)
    assert login(world.citizen).get(letter_url(case, reply)).status_code == 200


# --- 4. the caseworker hears about the citizen's answer ----------------------------------


def _request_information(world):
    services.send_message_to_applicant(
        application=world.case,
        sender=world.staff.north,
        body="Send oss uttalelsen fra fastlegen.",
        reply_by=timezone.localdate() + timedelta(days=14),
    )


def _staff_mail(world):
    return [m for m in mail.outbox if world.staff.north.email in m.to]


def test_a_reply_notifies_the_assigned_caseworker_after_commit(
    world, login, django_capture_on_commit_callbacks
):
    take(world.case, world.staff.north)
    _request_information(world)
    mail.outbox.clear()
    client = login(world.citizen)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            f"/mine-soknader/{world.case.reference}/svar/",
            {"reply-body": "Jeg har demens og diabetes, se vedlagt epikrise."},
        )
        assert response.status_code == 302
    assert callbacks and mail.outbox == []  # nothing goes before the commit
    for callback in callbacks:
        callback()
    sent = _staff_mail(world)
    assert len(sent) == 1
    message = sent[0]
    text = message.subject + message.body
    assert world.case.reference in message.subject
    assert f"/saksbehandling/{world.case.reference}/" in message.body
    for secret in (
        world.case.person_national_id,
        "demens",
        "diabetes",
        "epikrise",
        world.case.person_name,
    ):
        assert secret not in text
    world.case.refresh_from_db()
    assert world.case.status == Application.Status.UNDER_ASSESSMENT


def test_more_documents_notify_the_assigned_caseworker(
    world, login, django_capture_on_commit_callbacks
):
    take(world.case, world.staff.north)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = login(world.citizen).post(
            f"/mine-soknader/{world.case.reference}/dokumenter/",
            {"documents-files": [upload("epikrise-demens.pdf")]},
        )
    assert response.status_code == 302
    sent = _staff_mail(world)
    assert len(sent) == 1
    assert world.case.reference in sent[0].subject
    assert "epikrise" not in sent[0].subject + sent[0].body


def test_the_caseworker_assigned_now_is_the_one_told(world, django_capture_on_commit_callbacks):
    take(world.case, world.staff.north)
    stale = Application.objects.get(pk=world.case.pk)  # fetched before the reassignment
    casework.assign_case(
        application=world.case, assignee=world.staff.north_colleague, actor=world.staff.north
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_to_municipality(application=stale, user=world.citizen, body="Svar.")
    assert [m.to for m in mail.outbox] == [[world.staff.north_colleague.email]]


def test_nothing_is_sent_when_no_caseworker_is_assigned(
    world, login, django_capture_on_commit_callbacks
):
    assert world.case.caseworker is None
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        login(world.citizen).post(
            f"/mine-soknader/{world.case.reference}/svar/", {"reply-body": "Her er svaret."}
        )
        login(world.citizen).post(
            f"/mine-soknader/{world.case.reference}/dokumenter/",
            {"documents-files": [upload("uttalelse.pdf")]},
        )
    staff_addresses = {user.email for user in vars(world.staff).values()}
    assert not [m for m in mail.outbox if set(m.to) & staff_addresses]
