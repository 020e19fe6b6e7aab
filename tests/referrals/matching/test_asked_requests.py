"""A person or a relative asks for a volunteer (services): the request is private and
new until a coordinator describes it, the unit is told without personal data, the one
who asked answers a proposal for the person (``may_answer_for_person``) and may
withdraw; a coordinator registers a request for their own units."""

import pytest
from django.core import mail

from referrals.cases.services import ApplicationError
from referrals.matching import selectors, services
from referrals.matching.models import Match
from referrals.volunteers import selectors as volunteer_selectors
from referrals.volunteers.models import HelpRequest, RoleKind
from tests.catalogue.factories import UnitFactory
from tests.referrals.casework.factories import make_unit_leader
from tests.referrals.helpers import make_user
from tests.referrals.matching.factories import make_asking_world, make_helper, make_world
from tests.referrals.volunteers.factories import VolunteerRoleFactory

pytestmark = pytest.mark.django_db

NEED = "Mor bor alene og liker sjakk. Hun blir glad for besøk."


@pytest.fixture
def world():
    return make_asking_world()


def ask(world, **need):
    return services.ask_for_helper(
        user=world["relative"],
        need=services.Need(
            role=world["role"],
            district=world["district"],
            interests=[world["interest"]],
            times=[(2, "afternoon")],
            preferred_gender="woman",
            **need,
        ),
        contact=services.Contact(person_name="Maja Mor", person_phone="+4791112222", need=NEED),
        language="nn",
    )


def describe(world, help_request, *, public=True):
    return services.describe(
        help_request=help_request,
        text=services.PublicText(description="Besøksvenn i Nord, sjakk.", public=public),
        by=world["coordinator"],
    )


def test_asking_makes_a_new_private_request_and_tells_the_unit(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        help_request = ask(world)
    assert help_request.status == HelpRequest.Status.NEW
    assert help_request.public is False
    assert help_request.kind == RoleKind.VOLUNTEER
    assert help_request.unit == world["unit"]
    assert help_request.description == ""
    assert list(help_request.interests.all()) == [world["interest"]]
    assert [(t.weekday, t.part) for t in help_request.times.all()] == [(2, "afternoon")]
    requester = help_request.requester
    assert requester.user == world["relative"]
    assert (requester.person_name, requester.person_phone, requester.need) == (
        "Maja Mor",
        "+4791112222",
        NEED,
    )
    [message] = mail.outbox
    assert message.to == ["frivillig@kommune.no"]
    assert "Besøksvenn" in message.body
    text = message.subject + message.body
    for secret in ("Maja Mor", "+4791112222", "sjakk", "Dina Datter"):
        assert secret not in text
    # Not on /frivillig/, and no helper can be proposed before it is described.
    assert help_request not in volunteer_selectors.open_help_requests()
    with pytest.raises(ApplicationError):
        services.propose(help_request=help_request, helper=world["helper"], by=world["coordinator"])


def test_only_volunteer_roles_can_be_asked_for(world):
    paid = VolunteerRoleFactory(unit=world["unit"], kind=RoleKind.STOTTEKONTAKT)
    with pytest.raises(ApplicationError):
        services.ask_for_helper(
            user=world["relative"],
            need=services.Need(role=paid),
            contact=services.Contact(person_name="Maja Mor"),
            language="nb",
        )
    assert not HelpRequest.objects.exists()


def test_describing_opens_and_publishes_the_request(world):
    help_request = describe(world, ask(world))
    assert help_request.status == HelpRequest.Status.OPEN
    assert help_request in volunteer_selectors.open_help_requests()
    assert selectors.suggest_helpers(help_request)[0][0] == world["helper"]


def test_the_one_who_asked_answers_for_the_person(world, django_capture_on_commit_callbacks):
    help_request = describe(world, ask(world))
    stranger = make_user(full_name="Frode Fremmed")
    assert selectors.may_answer_for_person(help_request, world["relative"])
    assert not selectors.may_answer_for_person(help_request, stranger)
    assert not selectors.may_answer_for_person(help_request, world["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        match = services.propose(
            help_request=help_request, helper=world["helper"], by=world["coordinator"]
        )
    told = {message.to[0]: message for message in mail.outbox}
    assert f"/frivillig/be-om-hjelp/{help_request.pk}/" in told["dina@example.no"].body
    for user in (stranger, world["coordinator"]):
        with pytest.raises(ApplicationError):
            services.accept_by_person(match=match, user=user)
        with pytest.raises(ApplicationError):
            services.decline(match=match, user=user, by_helper=False)
    match.refresh_from_db()
    assert match.status == Match.Status.PROPOSED
    services.accept_by_person(match=match, user=world["relative"])
    match = services.accept_by_helper(match=match, user=world["helper"].user)
    assert match.started
    assert match.person_accepted_by == world["relative"]


def test_a_case_is_answered_by_its_person_not_the_coordinator():
    case_world = make_world()
    help_request = services.request_helper(
        application=case_world["application"],
        unit=case_world["unit"],
        description="En mann i 70-årene.",
        by=case_world["coordinator"],
    )
    assert selectors.may_answer_for_person(help_request, case_world["citizen"])
    assert not selectors.may_answer_for_person(help_request, case_world["coordinator"])


def test_withdrawing_ends_a_proposal_and_closes_the_request(world):
    help_request = describe(world, ask(world))
    match = services.propose(
        help_request=help_request, helper=world["helper"], by=world["coordinator"]
    )
    with pytest.raises(ApplicationError):
        services.withdraw(help_request=help_request, user=world["coordinator"])
    help_request = services.withdraw(help_request=help_request, user=world["relative"])
    assert help_request.status == HelpRequest.Status.WITHDRAWN
    assert help_request.public is False
    assert help_request.closed_at is not None
    match.refresh_from_db()
    assert match.status == Match.Status.ENDED
    assert match.ended_reason == Match.EndedReason.NO_LONGER_NEEDED
    with pytest.raises(ApplicationError):
        services.withdraw(help_request=help_request, user=world["relative"])


def test_a_coordinator_registers_a_request_for_their_units_only(world):
    need = services.Need(role=world["role"], district=world["district"])
    text = services.PublicText(description="Turvenn i Nord.", public=False)
    help_request = services.register_request(
        unit=world["unit"],
        need=need,
        text=text,
        by=world["coordinator"],
        contact=services.Contact(person_name="Ola Olsen", person_phone="+4793334444"),
    )
    assert help_request.status == HelpRequest.Status.OPEN
    assert help_request.requester.registered_by == world["coordinator"]
    assert help_request.requester.user is None
    # No one answers online: the unit's coordinators record the person's answer.
    assert selectors.may_answer_for_person(help_request, world["coordinator"])
    other_leader = make_unit_leader(unit=UnitFactory())
    assert not selectors.may_answer_for_person(help_request, other_leader)
    with pytest.raises(ApplicationError):
        services.register_request(
            unit=UnitFactory(), need=services.Need(), text=text, by=world["coordinator"]
        )


def test_the_helper_sees_the_person_only_once_both_have_accepted(client, world):
    help_request = describe(world, ask(world))
    match = services.propose(
        help_request=help_request, helper=world["helper"], by=world["coordinator"]
    )
    client.force_login(world["helper"].user)
    page = client.get("/frivillig/min-side/oppdrag/").content.decode()
    assert "Besøksvenn i Nord" in page
    assert "Maja Mor" not in page
    services.accept_by_person(match=match, user=world["relative"])
    services.accept_by_helper(match=match, user=world["helper"].user)
    page = client.get("/frivillig/min-side/oppdrag/").content.decode()
    assert "Maja Mor" in page
    assert "+4791112222" in page or "911 12 222" in page


def test_a_helper_for_another_role_kind_is_not_suggested(world):
    help_request = describe(world, ask(world))
    make_helper(VolunteerRoleFactory(unit=world["unit"], kind=RoleKind.AVLASTER), ready=False)
    assert [row[0] for row in selectors.suggest_helpers(help_request)] == [world["helper"]]
