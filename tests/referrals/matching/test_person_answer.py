"""The person's side answers a proposed helper (``services.answer_for_person``), the one
rule behind the citizen's case page, /frivillig/be-om-hjelp/ and the coordinator
recording the answer: accept, decline, anything else refused, and only someone who may
answer for the person (``selectors.may_answer_for_person``)."""

import pytest

from referrals.cases.services import ApplicationError
from referrals.matching import services
from referrals.matching.models import Match
from tests.referrals.helpers import make_user
from tests.referrals.matching.factories import make_asking_world, make_helper, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def proposal(world):
    help_request = services.request_helper(
        application=world["application"],
        unit=world["unit"],
        description="En mann i 70-årene i Nord som liker fisking, 3 timer i uka.",
        by=world["coordinator"],
    )
    helper = make_helper(world["role"])
    return services.propose(help_request=help_request, helper=helper, by=world["coordinator"])


def test_accepting_first_waits_for_the_helper(world):
    match = proposal(world)
    outcome = services.answer_for_person(match=match, user=world["citizen"], answer="accept")
    assert outcome is services.PersonAnswer.WAITING_FOR_HELPER
    match.refresh_from_db()
    assert match.status == Match.Status.ACCEPTED_BY_PERSON
    assert match.person_accepted_by == world["citizen"]


def test_accepting_after_the_helper_starts_the_match(world):
    match = proposal(world)
    services.accept_by_helper(match=match, user=match.helper.user)
    outcome = services.answer_for_person(match=match, user=world["citizen"], answer="accept")
    assert outcome is services.PersonAnswer.STARTED
    match.refresh_from_db()
    assert match.started
    assert match.started_at is not None


def test_declining_ends_the_proposal(world):
    match = proposal(world)
    outcome = services.answer_for_person(match=match, user=world["citizen"], answer="decline")
    assert outcome is services.PersonAnswer.DECLINED
    match.refresh_from_db()
    assert match.status == Match.Status.DECLINED
    assert match.ended_reason == Match.EndedReason.DECLINED_BY_PERSON


@pytest.mark.parametrize("answer", ["", "yes", "ACCEPT", "accept "])
def test_an_answer_that_is_neither_yes_nor_no_is_refused(world, answer):
    match = proposal(world)
    with pytest.raises(ApplicationError) as refused:
        services.answer_for_person(match=match, user=world["citizen"], answer=answer)
    assert str(refused.value.message) == "Velg om du vil takke ja eller nei."
    match.refresh_from_db()
    assert match.status == Match.Status.PROPOSED
    assert match.person_accepted_at is None


@pytest.mark.parametrize("answer", ["accept", "decline"])
def test_someone_who_may_not_answer_for_the_person_is_refused(world, answer):
    match = proposal(world)
    for user in (make_user(full_name="Frode Fremmed"), world["coordinator"], match.helper.user):
        with pytest.raises(ApplicationError) as refused:
            services.answer_for_person(match=match, user=user, answer=answer)
        assert str(refused.value.message) == "Forslaget gjelder ikke deg."
    match.refresh_from_db()
    assert match.status == Match.Status.PROPOSED
    assert match.person_accepted_at is None


def test_a_proposal_already_answered_cannot_be_answered_again(world):
    match = proposal(world)
    services.answer_for_person(match=match, user=world["citizen"], answer="decline")
    with pytest.raises(ApplicationError):
        services.answer_for_person(match=match, user=world["citizen"], answer="accept")


def test_the_coordinator_records_the_answer_when_no_one_answers_online():
    world = make_asking_world()
    help_request = services.register_request(
        unit=world["unit"],
        need=services.Need(role=world["role"], district=world["district"]),
        text=services.PublicText(description="Besøksvenn i Nord."),
        by=world["coordinator"],
        contact=services.Contact(person_name="Maja Mor", person_phone="+4791112222"),
    )
    match = services.propose(
        help_request=help_request, helper=world["helper"], by=world["coordinator"]
    )
    with pytest.raises(ApplicationError):
        services.answer_for_person(match=match, user=world["relative"], answer="accept")
    outcome = services.answer_for_person(match=match, user=world["coordinator"], answer="accept")
    assert outcome is services.PersonAnswer.WAITING_FOR_HELPER
