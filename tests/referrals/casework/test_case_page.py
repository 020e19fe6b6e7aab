"""The case page: everything submitted, attachments, timeline, internal notes (never
shown to the citizen), messages, and requests for more information."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from referrals.applications import services
from referrals.cases.models import Application, Message
from referrals.casework import services as casework
from tests.referrals.casework.factories import make_case, take
from tests.referrals.helpers import upload


def _url(case, suffix=""):
    return f"/saksbehandling/{case.reference}/{suffix}"


def test_the_case_page_shows_what_was_submitted_attachments_and_timeline(world, login):
    html = login(world.staff.north).get(_url(world.case)).content.decode()
    assert "Ola Nordmann" in html
    assert "Ønsker noen å være sammen med på dagtid." in html
    assert "legeerklaering.pdf" in html
    assert "Solsiden dagsenter" in html
    assert "Søknaden ble sendt" in html
    assert world.case.masked_national_id in html


def test_internal_notes_are_kept_from_the_citizen(world, login):
    client = login(world.staff.north)
    client.post(_url(world.case, "notat/"), {"note-body": "Datteren er sliten, vurder avlastning."})
    assert "Datteren er sliten" in client.get(_url(world.case)).content.decode()

    citizen_page = login(world.citizen).get(f"/mine-soknader/{world.case.reference}/")
    assert citizen_page.status_code == 200
    assert "Datteren er sliten" not in citizen_page.content.decode()
    assert "Internt notat" not in citizen_page.content.decode()


def test_an_empty_note_is_refused_with_a_message(world, login):
    response = login(world.staff.north).post(_url(world.case, "notat/"), {"note-body": ""})
    assert response.status_code == 422
    assert "Skriv notatet." in response.content.decode()


def test_requesting_information_sets_a_deadline_and_waits_for_the_reply(
    world, login, django_capture_on_commit_callbacks
):
    take(world.case, world.staff.north)
    mail.outbox.clear()
    reply_by = timezone.localdate() + timedelta(days=14)
    with django_capture_on_commit_callbacks(execute=True):
        response = login(world.staff.north).post(
            _url(world.case, "be-om-opplysninger/"),
            {
                "request-body": "Send oss uttalelse fra fastlegen.",
                "request-reply_by": reply_by.isoformat(),
            },
        )
    assert response.status_code == 302
    world.case.refresh_from_db()
    assert world.case.status == Application.Status.AWAITING_INFORMATION
    message = Message.objects.get(application=world.case, from_municipality=True)
    assert message.reply_by == reply_by
    assert len(mail.outbox) == 1
    assert world.case.person_national_id not in mail.outbox[0].body

    citizen_page = login(world.citizen).get(f"/mine-soknader/{world.case.reference}/")
    assert "Send oss uttalelse fra fastlegen." in citizen_page.content.decode()

    services.reply_to_municipality(
        application=world.case, user=world.citizen, body="Her er uttalelsen."
    )
    world.case.refresh_from_db()
    assert world.case.status == Application.Status.UNDER_ASSESSMENT
    html = login(world.staff.north).get(_url(world.case)).content.decode()
    assert "Her er uttalelsen." in html


def test_a_deadline_in_the_past_is_refused_and_the_text_kept(world, login):
    response = login(world.staff.north).post(
        _url(world.case, "be-om-opplysninger/"),
        {"request-body": "Trenger legeerklæring.", "request-reply_by": "2020-01-01"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Svarfristen må være etter i dag." in html
    assert "Trenger legeerklæring." in html
    world.case.refresh_from_db()
    assert world.case.status == Application.Status.SUBMITTED


def _case_page_queries(world, login, messages: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i in range(messages):
        services.send_message_to_applicant(
            application=world.case, sender=world.staff.north, body=f"Melding {i}"
        )
        services.reply_to_municipality(
            application=world.case, user=world.citizen, body=f"Svar {i}", files=[upload()]
        )
        casework.add_internal_note(application=world.case, author=world.staff.north, body="N")
    client = login(world.staff.north)
    client.get(_url(world.case))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url(world.case)).status_code == 200
    return len(queries)


def test_the_case_page_runs_the_same_number_of_queries_for_5_and_40_messages(
    world, login, day_activity, districts
):
    take(world.case, world.staff.north)
    few = _case_page_queries(world, login, 5)
    other = take(
        make_case(applicant=world.citizen, service_type=day_activity, district=districts.north),
        world.staff.north,
    )
    world.case = other
    many = _case_page_queries(world, login, 40)
    assert few == many
    # Session, user, permissions and groups, the case (with the reader's assignments in
    # it), the access-log entry, what the case holds, its preferred offers, attachments,
    # messages, events and notes. The reader's units and the choices of the assign and
    # consult forms come from the cache (referrals.cases.staff_cache). The issue's
    # budget is 12.
    assert few == 11


# The tables of the lists the case page reads only when the case holds any.
SKIPPED_WHEN_EMPTY = (
    "referrals_message",
    "referrals_internalnote",
    "referrals_preliminaryreply",
    "referrals_decision",
    "referrals_appeal",
    "referrals_assessment",
    "referrals_consultation",
    "referrals_decisionproposal",
    "referrals_letterdispatch",
)


def _tables_read(client, case) -> set[str]:
    """The tables the page reads rows from (``SELECT … FROM "table"``)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url(case)).status_code == 200
    read = set()
    for query in queries:
        sql = query["sql"]
        if sql.startswith("SELECT") and " FROM " in sql and "EXISTS (" not in sql[:40]:
            read.add(sql.split(" FROM ", 1)[1].split()[0].strip('"'))
    return read


def test_a_case_that_holds_nothing_yet_reads_none_of_those_lists(
    world, login, day_activity, districts
):
    case = take(
        make_case(applicant=world.citizen, service_type=day_activity, district=districts.north),
        world.staff.north,
    )
    client = login(world.staff.north)
    client.get(_url(case))
    assert not _tables_read(client, case) & set(SKIPPED_WHEN_EMPTY)

    services.send_message_to_applicant(application=case, sender=world.staff.north, body="Hei")
    casework.add_internal_note(application=case, author=world.staff.north, body="Notat")
    read = _tables_read(client, case)
    assert {"referrals_message", "referrals_internalnote"} <= read
    assert not read & {"referrals_decision", "referrals_appeal", "referrals_consultation"}
    html = client.get(_url(case)).content.decode()
    assert "Hei" in html and "Notat" in html


def test_the_holdings_say_which_lists_have_rows(world, day_activity, districts):
    from referrals.casework.selectors import case_holdings

    case = make_case(applicant=world.citizen, service_type=day_activity, district=districts.north)
    holdings = case_holdings(case)
    assert set(holdings) == {
        "attachments",
        "messages",
        "preliminary_replies",
        "notes",
        "decisions",
        "appeals",
        "assessment",
        "consultations",
        "dispatches",
        "awaiting_proposal",
    }
    assert not any(holdings.values())
    casework.add_internal_note(application=case, author=world.staff.north, body="N")
    assert {name for name, held in case_holdings(case).items() if held} == {"notes"}
    # The world's case was sent with a medical certificate.
    assert case_holdings(world.case)["attachments"] is True


def test_a_long_history_shows_the_newest_notes_and_events_and_all_on_request(
    world, login, day_activity, districts
):
    from referrals.casework.selectors import CASE_PAGE_RECENT

    case = take(
        make_case(applicant=world.citizen, service_type=day_activity, district=districts.north),
        world.staff.north,
    )
    total = CASE_PAGE_RECENT + 10
    for i in range(total):
        casework.add_internal_note(
            application=case, author=world.staff.north, body=f"Notat nr. {i}."
        )
    client = login(world.staff.north)

    html = client.get(_url(case)).content.decode()
    assert f"Notat nr. {total - 1}." in html  # the newest
    assert f"Notat nr. {total - CASE_PAGE_RECENT}." in html
    assert f"Notat nr. {total - CASE_PAGE_RECENT - 1}." not in html  # older: left out
    assert html.index(f"Notat nr. {total - 2}.") < html.index(f"Notat nr. {total - 1}.")
    assert "Vis alle notatene" in html
    assert "Vis hele tidslinjen" in html  # every note also wrote an event
    assert html.count('class="timeline__item"') == CASE_PAGE_RECENT

    everything = client.get(_url(case), {"alle": "1"}).content.decode()
    assert "Notat nr. 0." in everything
    assert "Vis alle notatene" not in everything
    assert everything.count('class="timeline__item"') == case.events.count()


def test_a_short_history_has_no_link_to_show_all(world, login):
    html = login(world.staff.north).get(_url(world.case)).content.decode()
    assert "Vis alle notatene" not in html
    assert "Vis hele tidslinjen" not in html


def test_after_a_form_error_the_show_all_links_still_lead_to_the_case_page(
    world, login, day_activity, districts
):
    from referrals.casework.selectors import CASE_PAGE_RECENT

    case = take(
        make_case(applicant=world.citizen, service_type=day_activity, district=districts.north),
        world.staff.north,
    )
    for i in range(CASE_PAGE_RECENT + 1):
        casework.add_internal_note(application=case, author=world.staff.north, body=f"N {i}")
    client = login(world.staff.north)
    # An empty note: the case page comes back with the error, at the note's POST address.
    response = client.post(_url(case, "notat/"), {"note-body": ""})
    assert response.status_code == 422
    html = response.content.decode()
    for anchor in ("notes-heading", "timeline-heading"):
        assert f'href="{_url(case)}?alle=1#{anchor}"' in html
    assert client.get(f"{_url(case)}?alle=1").status_code == 200
