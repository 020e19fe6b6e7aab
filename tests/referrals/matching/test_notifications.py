"""E-mails when a match is proposed and when it starts: both sides are told to log in,
in their language, with no names, descriptions or contact details in the e-mail."""

import pytest
from django.core import mail

from referrals.cases.models import Application
from referrals.matching import services
from tests.referrals.matching.factories import make_helper, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def request_for(world):
    return services.request_helper(
        application=world["application"],
        unit=world["unit"],
        description="En mann i 70-årene i Nord som liker fisking.",
        by=world["coordinator"],
    )


def by_recipient() -> dict[str, mail.EmailMessage]:
    return {message.to[0]: message for message in mail.outbox}


def assert_no_personal_data(message, helper):
    text = message.subject + message.body
    for secret in ("Per Person", "+4791234567", helper.name, helper.phone, "fisking"):
        assert secret not in text


def test_a_proposal_tells_the_helper_and_the_applicant(world, django_capture_on_commit_callbacks):
    help_request = request_for(world)
    helper = make_helper(world["role"], name="Nils Nær", phone="+4798765432")
    with django_capture_on_commit_callbacks(execute=True):
        services.propose(help_request=help_request, helper=helper, by=world["coordinator"])

    messages = by_recipient()
    assert set(messages) == {helper.email, world["citizen"].email}
    for message in messages.values():
        assert "Du har fått et forslag til oppdrag – logg inn for å se det" in message.body
        assert_no_personal_data(message, helper)
    assert "/frivillig/min-side/oppdrag/" in messages[helper.email].body
    assert world["application"].reference in messages[world["citizen"].email].body


def test_the_applicant_is_told_in_their_language(world, django_capture_on_commit_callbacks):
    Application.objects.filter(pk=world["application"].pk).update(language="en")
    help_request = request_for(world)
    helper = make_helper(world["role"])
    with django_capture_on_commit_callbacks(execute=True):
        services.propose(help_request=help_request, helper=helper, by=world["coordinator"])

    messages = by_recipient()
    assert "Du har fått" not in messages[world["citizen"].email].body
    assert "Du har fått et forslag" in messages[helper.email].body


def test_both_are_told_when_both_have_accepted(world, django_capture_on_commit_callbacks):
    help_request = request_for(world)
    helper = make_helper(world["role"], name="Nils Nær", phone="+4798765432")
    match = services.propose(help_request=help_request, helper=helper, by=world["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        match = services.accept_by_helper(match=match, user=helper.user)
    assert mail.outbox == []  # one side only: nothing yet

    with django_capture_on_commit_callbacks(execute=True):
        services.accept_by_person(match=match, user=world["citizen"])

    messages = by_recipient()
    assert set(messages) == {helper.email, world["citizen"].email}
    for message in messages.values():
        assert "kontaktopplysningene" in message.body
        assert_no_personal_data(message, helper)


@pytest.mark.parametrize(
    ("language", "subject", "text"),
    [
        (
            "nn",
            "Forslag til oppdrag",
            "Du har fått eit forslag til oppdrag – logg inn for å sjå det",
        ),
        ("en", "A proposed assignment", "You have received a proposed assignment"),
    ],
)
def test_the_helper_is_told_in_their_language(
    world, language, subject, text, django_capture_on_commit_callbacks
):
    help_request = request_for(world)
    helper = make_helper(world["role"], language=language)
    with django_capture_on_commit_callbacks(execute=True):
        match = services.propose(help_request=help_request, helper=helper, by=world["coordinator"])

    messages = by_recipient()
    assert messages[helper.email].subject == subject
    assert text in messages[helper.email].body
    assert "Du har fått et forslag" in messages[world["citizen"].email].body  # bokmål: theirs

    mail.outbox.clear()
    match = services.accept_by_helper(match=match, user=helper.user)
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_by_person(match=match, user=world["citizen"])
    started = by_recipient()[helper.email]
    assert "kontaktopplysningene" not in started.body
    assert "Begge har nå takket ja" in by_recipient()[world["citizen"].email].body


def test_the_person_a_relative_applied_for_is_told_in_their_own_language(
    world, django_capture_on_commit_callbacks
):
    Application.objects.filter(pk=world["application"].pk).update(
        on_behalf=True, person_email="per@example.no", person_language="nn", language="en"
    )
    help_request = request_for(world)
    helper = make_helper(world["role"])
    with django_capture_on_commit_callbacks(execute=True):
        services.propose(help_request=help_request, helper=helper, by=world["coordinator"])

    messages = by_recipient()
    assert "Du har fått eit forslag" in messages["per@example.no"].body
    assert "You have received" in messages[world["citizen"].email].body
    assert "Du har fått et forslag" in messages[helper.email].body
