"""The volunteers someone asked for, in the records: their personal-data download
(JSON and PDF) has what they asked for and the status; the daily retention job deletes
the private part a year after the request was withdrawn or closed, the anonymous
request stays."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from referrals.matching import services
from referrals.records import retention
from referrals.records.personal_data import personal_data_for, render_personal_data_pdf
from referrals.volunteers.models import HelpRequest, HelpRequester
from tests.referrals.matching.factories import make_asking_world

pytestmark = pytest.mark.django_db


def ask(world):
    return services.ask_for_helper(
        user=world["relative"],
        need=services.Need(role=world["role"], district=world["district"]),
        contact=services.Contact(
            person_name="Maja Mor", person_phone="+4791112222", need="Liker sjakk."
        ),
        language="nb",
    )


def test_the_asker_gets_their_requests_in_the_download():
    world = make_asking_world()
    ask(world)
    data = personal_data_for(world["relative"])
    [row] = data["help_requests"]
    assert row["kind"] == "Besøksvenn"
    assert (row["person_name"], row["person_phone"], row["need"]) == (
        "Maja Mor",
        "+4791112222",
        "Liker sjakk.",
    )
    assert row["district"] == "Nord"
    assert row["status"] == "Ny, trenger offentlig beskrivelse"
    assert row["helper_name"] == ""
    reader = PdfReader(io.BytesIO(render_personal_data_pdf(data, language="nb")))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Maja Mor" in text
    assert "Liker sjakk." in text
    assert personal_data_for(world["coordinator"])["help_requests"] == []


def test_the_private_part_goes_a_year_after_the_request_closed():
    world = make_asking_world()
    old, recent, still_open = ask(world), ask(world), ask(world)
    for help_request in (old, recent):
        services.withdraw(help_request=help_request, user=world["relative"])
    HelpRequest.objects.filter(pk=old.pk).update(
        closed_at=timezone.now() - timedelta(days=retention.ASKED_REQUEST_DAYS + 1)
    )
    assert retention.delete_closed_requesters() == 1
    assert HelpRequest.objects.filter(pk=old.pk).exists()
    assert set(HelpRequester.objects.values_list("help_request_id", flat=True)) == {
        recent.pk,
        still_open.pk,
    }
