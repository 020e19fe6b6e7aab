"""Four eyes (optional second approval per service type): the decision waits for a
different caseworker; nothing reaches the citizen until it is approved; it can be sent
back with a comment, edited and resubmitted; no one approves their own decision."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client

from portal.roles import Role
from referrals.cases.models import AccessLogEntry, Application, ApplicationEvent, Decision
from referrals.cases.services import ApplicationError
from referrals.casework import services as casework
from referrals.casework.models import DecisionProposal
from tests.referrals.casework.factories import decide, decision_form_data, take
from tests.referrals.helpers import MODEL_BACKEND


@pytest.fixture
def four_eyes(world, day_activity):
    day_activity.requires_second_approval = True
    day_activity.save(update_fields=["requires_second_approval"])
    return take(world.case, world.staff.north)


@pytest.fixture
def submitted(world, login, four_eyes, django_capture_on_commit_callbacks):
    """Nora (north) has written a decision; it waits for approval."""
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = login(world.staff.north).post(
            f"/saksbehandling/{four_eyes.reference}/vedtak/",
            decision_form_data(four_eyes, offer=world.offer.pk),
        )
    assert response.status_code == 302
    return DecisionProposal.objects.get(application=four_eyes)


def _approve_url(case, proposal):
    return f"/saksbehandling/{case.reference}/vedtak/godkjenning/{proposal.pk}/godkjenn/"


def _return_url(case, proposal):
    return f"/saksbehandling/{case.reference}/vedtak/godkjenning/{proposal.pk}/send-tilbake/"


def test_issuing_creates_a_decision_awaiting_approval_and_sends_nothing(world, submitted):
    case = submitted.application
    assert submitted.status == DecisionProposal.Status.AWAITING
    assert submitted.drafted_by == world.staff.north
    assert not Decision.objects.filter(application=case).exists()
    # Nothing to the citizen: only the colleague who may approve is told.
    assert [m.to for m in mail.outbox] == [[world.staff.north_colleague.email]]
    case.refresh_from_db()
    assert case.status == Application.Status.UNDER_ASSESSMENT
    event = case.events.get(action="referrals.decision.submitted_for_approval")
    assert event.kind == ApplicationEvent.Kind.INTERNAL and not event.visible_to_citizen


def test_the_citizen_sees_nothing_of_a_decision_awaiting_approval(world, submitted):
    citizen = Client()
    citizen.force_login(world.citizen, backend=MODEL_BACKEND)
    page = citizen.get(f"/mine-soknader/{submitted.application.reference}/")
    html = page.content.decode()
    assert "vedtaksbrevet" not in html
    assert "godkjenning" not in html


def test_the_drafter_cannot_approve_their_own_decision(world, login, submitted):
    # Even with the approver role.
    world.staff.north.groups.add(Group.objects.get(name=Role.APPROVER.value))
    client = login(world.staff.north)
    response = client.post(_approve_url(submitted.application, submitted))
    assert response.status_code == 404
    assert not Decision.objects.exists()
    refusal = AccessLogEntry.objects.filter(user=world.staff.north, allowed=False).first()
    assert refusal is not None and refusal.object_type == "decision_proposal"
    page = client.get(f"/saksbehandling/{submitted.application.reference}/").content.decode()
    assert "Ingen kan godkjenne sitt eget vedtak." in page
    assert "Godkjenn og send brevet" not in page


def test_the_service_refuses_self_approval_and_direct_issue(world, submitted):
    with pytest.raises(ApplicationError):
        casework.approve_decision(proposal=submitted, actor=world.staff.north)
    with pytest.raises(ApplicationError):
        decide(submitted.application, world.staff.north_colleague, offer=world.offer)
    assert not Decision.objects.exists()


def test_a_colleague_approves_and_the_letter_is_sent_as_today(
    world, login, submitted, django_capture_on_commit_callbacks
):
    case = submitted.application
    client = login(world.staff.north_colleague)
    page = client.get(f"/saksbehandling/{case.reference}/").content.decode()
    assert "Godkjenn og send brevet" in page
    assert "Ola bor alene og er mye for seg selv." in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_approve_url(case, submitted))
    assert response.status_code == 302
    decision = Decision.objects.get(application=case)
    assert decision.letter and len(decision.letter_sha256) == 64
    assert decision.decided_by == world.staff.north  # the drafter signs the letter
    assert decision.approved_by == world.staff.north_colleague
    assert decision.content.contact_name == "Nora Nord"
    assert decision.allocations.count() == 2
    assert len(mail.outbox) >= 1
    assert all(case.person_national_id not in m.body for m in mail.outbox)
    submitted.refresh_from_db()
    assert submitted.status == DecisionProposal.Status.APPROVED
    assert submitted.decision == decision
    case.refresh_from_db()
    assert case.status == Application.Status.DECIDED
    approved = case.events.get(action="referrals.decision.approved", data={"name": "Kåre Kollega"})
    assert not approved.visible_to_citizen
    assert AccessLogEntry.objects.filter(
        user=world.staff.north_colleague, object_type="decision_proposal", allowed=True
    ).exists()
    letter = login(world.citizen).get(f"/mine-soknader/{case.reference}/vedtak/{decision.pk}/")
    assert letter.status_code == 200


def test_a_second_approval_finds_nothing_to_approve(world, login, submitted):
    client = login(world.staff.north_colleague)
    assert client.post(_approve_url(submitted.application, submitted)).status_code == 302
    assert client.post(_approve_url(submitted.application, submitted)).status_code == 404
    with pytest.raises(ApplicationError):
        casework.approve_decision(proposal=submitted, actor=world.staff.north_colleague)
    assert Decision.objects.filter(application=submitted.application).count() == 1


@pytest.mark.parametrize("who", ["south", "leader", "admin", "everywhere_support"])
def test_no_one_outside_the_case_can_approve_or_return(world, login, submitted, who):
    client = login(getattr(world.staff, who))
    case = submitted.application
    assert client.post(_approve_url(case, submitted)).status_code == 404
    assert client.post(_return_url(case, submitted), {"return-comment": "Nei"}).status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == DecisionProposal.Status.AWAITING


def test_anonymous_is_sent_to_log_in(submitted):
    response = Client().post(_approve_url(submitted.application, submitted))
    assert response.status_code == 302
    assert "/konto/logg-inn/" in response["Location"]


def test_approval_is_post_only(world, login, submitted):
    client = login(world.staff.north_colleague)
    assert client.get(_approve_url(submitted.application, submitted)).status_code == 405
    assert client.get(_return_url(submitted.application, submitted)).status_code == 405


def test_sending_back_needs_a_comment(world, login, submitted):
    client = login(world.staff.north_colleague)
    response = client.post(_return_url(submitted.application, submitted), {"return-comment": ""})
    assert response.status_code == 422
    assert "Skriv hva som må rettes." in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == DecisionProposal.Status.AWAITING


def test_sent_back_the_drafter_edits_and_resubmits(world, login, submitted):
    case = submitted.application
    colleague = login(world.staff.north_colleague)
    response = colleague.post(
        _return_url(case, submitted), {"return-comment": "Begrunnelsen må nevne avlastning."}
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == DecisionProposal.Status.RETURNED
    returned = case.events.get(action="referrals.decision.returned")
    assert "Begrunnelsen må nevne avlastning." in returned.data["comment"]
    assert not returned.visible_to_citizen

    drafter = login(world.staff.north)
    form_page = drafter.get(f"/saksbehandling/{case.reference}/vedtak/").content.decode()
    assert "Begrunnelsen må nevne avlastning." in form_page
    assert "Ola bor alene og er mye for seg selv." in form_page  # what they wrote is kept
    assert "Send vedtaket til godkjenning" in form_page
    response = drafter.post(
        f"/saksbehandling/{case.reference}/vedtak/",
        decision_form_data(
            case, offer=world.offer.pk, reasons="Dagaktivitet gir fellesskap og avlastning."
        ),
    )
    assert response.status_code == 302
    assert DecisionProposal.objects.filter(application=case).count() == 1
    submitted.refresh_from_db()
    assert submitted.status == DecisionProposal.Status.AWAITING
    assert submitted.reasons == "Dagaktivitet gir fellesskap og avlastning."

    login(world.staff.north_colleague).post(_approve_url(case, submitted))
    decision = Decision.objects.get(application=case)
    assert decision.content.reasons == "Dagaktivitet gir fellesskap og avlastning."


def test_a_second_proposal_while_one_awaits_is_a_conflict(world, login, submitted):
    case = submitted.application
    response = login(world.staff.north_colleague).post(
        f"/saksbehandling/{case.reference}/vedtak/",
        decision_form_data(
            case, offer=world.offer.pk, reasons="Min egen tekst som ikke må gå tapt."
        ),
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "venter allerede på godkjenning" in html
    assert "Min egen tekst som ikke må gå tapt." in html
    assert DecisionProposal.objects.filter(application=case).count() == 1


def test_without_the_flag_the_decision_is_issued_at_once(world, login, day_activity):
    assert not day_activity.requires_second_approval
    case = take(world.case, world.staff.north)
    response = login(world.staff.north).post(
        f"/saksbehandling/{case.reference}/vedtak/", decision_form_data(case, offer=world.offer.pk)
    )
    assert response.status_code == 302
    decision = Decision.objects.get(application=case)
    assert decision.approved_by is None
    assert not DecisionProposal.objects.exists()


# The approver role ----------------------------------------------------------------------


@pytest.fixture
def plain_colleague(world, day_activity, districts):
    """A caseworker in the same district, without the approver role."""
    from tests.referrals.casework.factories import make_caseworker

    return make_caseworker(
        service_type=day_activity,
        district=districts.north,
        email="vanlig@example.no",
        full_name="Vera Vanlig",
    )


def test_only_an_approver_is_told_and_may_approve(
    world, login, four_eyes, plain_colleague, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        login(world.staff.north).post(
            f"/saksbehandling/{four_eyes.reference}/vedtak/",
            decision_form_data(four_eyes, offer=world.offer.pk),
        )
    proposal = DecisionProposal.objects.get(application=four_eyes)
    # The approver is notified; a caseworker who may decide but not approve is not.
    assert [m.to for m in mail.outbox] == [[world.staff.north_colleague.email]]
    # The plain caseworker sees the proposal but gets no buttons, and a POST is a 404.
    client = login(plain_colleague)
    page = client.get(f"/saksbehandling/{four_eyes.reference}/").content.decode()
    assert "Godkjenn og send brevet" not in page
    assert "med rollen godkjenner" in page
    assert client.post(_approve_url(four_eyes, proposal)).status_code == 404
    assert (
        client.post(_return_url(four_eyes, proposal), {"return-comment": "Nei."}).status_code == 404
    )
    with pytest.raises(ApplicationError):
        casework.approve_decision(proposal=proposal, actor=plain_colleague)
    assert not Decision.objects.exists()
    # The approver sees the buttons and approves.
    approver = login(world.staff.north_colleague)
    assert (
        "Godkjenn og send brevet"
        in approver.get(f"/saksbehandling/{four_eyes.reference}/").content.decode()
    )
    assert approver.post(_approve_url(four_eyes, proposal)).status_code == 302
    decision = Decision.objects.get(application=four_eyes)
    assert decision.approved_by == world.staff.north_colleague
    assert decision.content.approved_by_name == "Kåre Kollega"


def test_the_approver_role_gives_the_permission_and_nothing_to_decide():
    from portal.roles import ROLE_PERMISSIONS

    assert "referrals.approve_decision" in ROLE_PERMISSIONS[Role.APPROVER]
    assert "referrals.decide_application" not in ROLE_PERMISSIONS[Role.APPROVER]
    assert "referrals.approve_decision" not in ROLE_PERMISSIONS[Role.CASEWORKER]
