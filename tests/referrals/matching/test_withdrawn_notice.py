"""When the one who asked withdraws a request (/frivillig/be-om-hjelp/<id>/trekk/), the
helper proposed or matched on it is told by e-mail, in the language they signed up in,
with a link to their assignments and nothing about the person."""

import pytest
from django.core import mail
from django.urls import reverse

from referrals.cases.services import ApplicationError
from referrals.matching import services
from referrals.matching.models import Match
from tests.referrals.helpers import MODEL_BACKEND
from tests.referrals.matching.factories import make_asking_world

pytestmark = pytest.mark.django_db

NEED = "Mor bor alene og liker sjakk. Hun blir glad for besøk."
DESCRIPTION = "Besøksvenn i Nord, liker sjakk."


@pytest.fixture
def world():
    return make_asking_world()


def proposed(world):
    help_request = services.ask_for_helper(
        user=world["relative"],
        need=services.Need(role=world["role"], district=world["district"]),
        contact=services.Contact(person_name="Maja Mor", person_phone="+4791112222", need=NEED),
        language="nb",
    )
    services.describe(
        help_request=help_request,
        text=services.PublicText(description=DESCRIPTION, public=True),
        by=world["coordinator"],
    )
    match = services.propose(
        help_request=help_request, helper=world["helper"], by=world["coordinator"]
    )
    mail.outbox.clear()
    return help_request, match


def withdraw(world, help_request, capture):
    with capture(execute=True):
        services.withdraw(help_request=help_request, user=world["relative"])


def assert_nothing_about_the_person(message):
    text = message.subject + message.body
    for secret in ("Maja", "+4791112222", "911 12 222", "Dina", NEED, DESCRIPTION, "sjakk"):
        assert secret not in text


def test_a_proposed_helper_is_told_the_proposal_is_no_longer_needed(
    world, django_capture_on_commit_callbacks
):
    help_request, match = proposed(world)
    withdraw(world, help_request, django_capture_on_commit_callbacks)

    [message] = mail.outbox
    assert message.to == [world["helper"].email]
    assert message.subject == "Oppdraget trengs ikke lenger"
    assert "Forslaget til oppdrag du fikk, trengs derfor ikke lenger" in message.body
    assert "/frivillig/min-side/oppdrag/" in message.body
    assert_nothing_about_the_person(message)
    match.refresh_from_db()
    assert match.status == Match.Status.ENDED


def test_a_matched_helper_is_told_in_their_language(world, django_capture_on_commit_callbacks):
    world["helper"].language = "nn"
    world["helper"].save(update_fields=["language"])
    help_request, match = proposed(world)
    services.answer_for_person(match=match, user=world["relative"], answer="accept")
    services.accept_by_helper(match=match, user=world["helper"].user)
    mail.outbox.clear()
    withdraw(world, help_request, django_capture_on_commit_callbacks)

    [message] = mail.outbox
    assert message.to == [world["helper"].email]
    assert message.subject == "Oppdraget trengst ikkje lenger"
    assert "Oppdraget ditt er difor avslutta" in message.body
    assert_nothing_about_the_person(message)


def test_a_helper_who_declined_earlier_is_not_told_again(world, django_capture_on_commit_callbacks):
    help_request, match = proposed(world)
    services.decline(match=match, user=world["helper"].user, by_helper=True)
    withdraw(world, help_request, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_withdrawing_on_the_page_tells_the_helper(
    client, world, django_capture_on_commit_callbacks
):
    help_request, _match = proposed(world)
    client.force_login(world["relative"], backend=MODEL_BACKEND)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("referrals:matching_withdraw", kwargs={"pk": help_request.pk})
        )
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[world["helper"].email]]


def test_someone_elses_withdrawal_tells_no_one(world, django_capture_on_commit_callbacks):
    help_request, _match = proposed(world)
    with pytest.raises(ApplicationError), django_capture_on_commit_callbacks(execute=True):
        services.withdraw(help_request=help_request, user=world["coordinator"])
    assert mail.outbox == []
