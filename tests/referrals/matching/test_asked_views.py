"""The pages of asking for a volunteer: /frivillig/be-om-hjelp/ (log-in, no
fødselsnummer), one's own requests (anyone else's: 404), withdrawing and answering; the
coordinators' new request, public description and the person's answer recorded by
them (their units only; without the permission: 403)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.roles import Role
from referrals.cases.models import AccessLogEntry
from referrals.matching import services
from referrals.matching.models import Match
from referrals.volunteers.models import HelpRequest, HelpRequester
from tests.catalogue.factories import UnitFactory
from tests.referrals.casework.factories import make_unit_leader
from tests.referrals.helpers import make_user, national_id
from tests.referrals.matching.factories import make_asking_world, make_helper

pytestmark = pytest.mark.django_db

ASK = reverse("referrals:matching_ask")


@pytest.fixture
def world():
    return make_asking_world()


def form_data(world, **extra):
    return {
        "for_whom": "other",
        "person_name": "Maja Mor",
        "person_phone": "911 12 222",
        "role": world["role"].pk,
        "district": world["district"].pk,
        "interests": [world["interest"].pk],
        "times": ["2-afternoon"],
        "preferred_gender": "woman",
        "need_text": "Mor liker sjakk og blir glad for besøk.",
        **extra,
    }


def asked(world):
    return services.ask_for_helper(
        user=world["relative"],
        need=services.Need(role=world["role"]),
        contact=services.Contact(person_name="Maja Mor", need="Liker sjakk."),
        language="nb",
    )


def page(name, help_request):
    return reverse(name, kwargs={"pk": help_request.pk})


def test_asking_needs_a_log_in(client):
    response = client.get(ASK)
    assert response.status_code == 302
    assert "/logg-inn/" in response["Location"] or "login" in response["Location"]


def test_a_relative_asks_and_sees_the_status(client, world):
    client.force_login(world["relative"])
    form = client.get(ASK)
    assert form.status_code == 200
    assert "Besøksvenn" in form.content.decode()
    response = client.post(ASK, form_data(world))
    help_request = HelpRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == page("referrals:matching_my_request", help_request)
    assert help_request.status == HelpRequest.Status.NEW
    assert help_request.requester.person_phone == "+4791112222"
    mine = client.get(response["Location"]).content.decode()
    assert "Maja Mor" in mine
    assert "Mottatt. En koordinator ser på forespørselen." in mine
    listing = client.get(reverse("referrals:my_applications")).content.decode()
    assert page("referrals:matching_my_request", help_request) in listing


def test_asking_for_oneself_takes_the_users_name(client, world):
    client.force_login(world["relative"])
    client.post(ASK, form_data(world, for_whom="self", person_name=""))
    requester = HelpRequester.objects.get()
    assert requester.for_self is True
    assert requester.person_name == "Dina Datter"


@pytest.mark.parametrize(
    "extra",
    [
        {"need_text": f"Fødselsnummer {national_id()}"},
        {"for_whom": "other", "person_name": ""},
        {"person_phone": ""},
        {"role": ""},
    ],
)
def test_a_form_with_errors_is_shown_again_and_nothing_is_stored(client, world, extra):
    client.force_login(world["relative"])
    response = client.post(ASK, form_data(world, **extra))
    assert response.status_code == 422
    assert not HelpRequest.objects.exists()


@pytest.mark.parametrize(
    "name, method",
    [
        ("referrals:matching_my_request", "get"),
        ("referrals:matching_withdraw", "post"),
        ("referrals:matching_my_answer", "post"),
    ],
)
def test_someone_elses_request_is_not_found(client, world, name, method):
    help_request = asked(world)
    for user in (make_user(Role.CITIZEN), world["coordinator"]):
        client.force_login(user)
        response = getattr(client, method)(page(name, help_request))
        assert response.status_code == 404
    help_request.refresh_from_db()
    assert help_request.status == HelpRequest.Status.NEW


def test_withdrawing_on_the_page(client, world):
    help_request = asked(world)
    client.force_login(world["relative"])
    response = client.post(page("referrals:matching_withdraw", help_request))
    assert response.status_code == 302
    help_request.refresh_from_db()
    assert help_request.status == HelpRequest.Status.WITHDRAWN
    assert "Trukket." in client.get(response["Location"]).content.decode()


def test_the_one_who_asked_accepts_and_then_sees_the_helper(client, world):
    help_request = asked(world)
    services.describe(
        help_request=help_request,
        text=services.PublicText(description="Besøksvenn, sjakk."),
        by=world["coordinator"],
    )
    match = services.propose(
        help_request=help_request, helper=world["helper"], by=world["coordinator"]
    )
    services.accept_by_helper(match=match, user=world["helper"].user)
    client.force_login(world["relative"])
    before = client.get(page("referrals:matching_my_request", help_request)).content.decode()
    assert "Nils Nabo" not in before
    client.post(
        page("referrals:matching_my_answer", help_request),
        {"match": match.pk, "answer": "accept"},
    )
    match.refresh_from_db()
    assert match.status == Match.Status.STARTED
    after = client.get(page("referrals:matching_my_request", help_request)).content.decode()
    assert "Nils Nabo" in after
    assert "987 65 432" in after


def test_the_coordinator_describes_and_publishes_a_relatives_request(client, world):
    help_request = asked(world)
    client.force_login(world["coordinator"])
    listing = client.get(reverse("referrals:matching_requests")).content.decode()
    assert "Ny, trenger offentlig beskrivelse" in listing
    request_page = client.get(page("referrals:matching_request", help_request)).content.decode()
    assert "Maja Mor" in request_page
    assert "Liker sjakk." in request_page
    assert AccessLogEntry.objects.filter(
        object_type="help_request", object_id=str(help_request.pk), action="view"
    ).exists()
    url = page("referrals:matching_describe", help_request)
    assert client.get(url).status_code == 200
    assert client.post(url, {"description": ""}).status_code == 422
    response = client.post(url, {"description": "Besøksvenn i Nord, sjakk.", "public": "on"})
    assert response.status_code == 302
    help_request.refresh_from_db()
    assert (help_request.status, help_request.public) == (HelpRequest.Status.OPEN, True)
    public = client.get(reverse("referrals:volunteers")).content.decode()
    assert "Besøksvenn i Nord, sjakk." in public
    assert "Maja Mor" not in public


def test_other_units_and_roles_without_permission_are_refused(client, world):
    help_request = asked(world)
    url = page("referrals:matching_describe", help_request)
    client.force_login(make_unit_leader(unit=UnitFactory()))
    assert client.get(url).status_code == 404
    assert client.post(url, {"description": "X"}).status_code == 404
    assert client.get(page("referrals:matching_request", help_request)).status_code == 404
    client.force_login(make_user(Role.CASEWORKER))
    assert client.get(url).status_code == 403
    assert client.get(reverse("referrals:matching_new")).status_code == 403
    help_request.refresh_from_db()
    assert help_request.description == ""


def test_a_coordinator_registers_a_request(client, world):
    client.force_login(world["coordinator"])
    url = reverse("referrals:matching_new")
    assert client.get(url).status_code == 200
    other_unit = UnitFactory()
    data = {
        "unit": world["unit"].pk,
        "kind": "volunteer",
        "description": "Turvenn i Nord.",
        "person_name": "Ola Olsen",
        "person_phone": "93334444",
        "times": ["0-morning"],
    }
    assert client.post(url, {**data, "unit": other_unit.pk}).status_code == 422
    response = client.post(url, data)
    assert response.status_code == 302
    help_request = HelpRequest.objects.get()
    assert help_request.unit == world["unit"]
    assert help_request.status == HelpRequest.Status.OPEN
    assert help_request.public is False
    assert help_request.requester.person_name == "Ola Olsen"
    assert help_request.requester.registered_by == world["coordinator"]


def test_the_coordinator_records_the_answer_only_when_no_one_answers_online(client, world):
    registered = services.register_request(
        unit=world["unit"],
        need=services.Need(role=world["role"]),
        text=services.PublicText(description="Turvenn."),
        by=world["coordinator"],
    )
    match = services.propose(
        help_request=registered, helper=world["helper"], by=world["coordinator"]
    )
    client.force_login(world["coordinator"])
    body = client.get(page("referrals:matching_request", registered)).content.decode()
    assert "Personen takket ja" in body
    client.post(page("referrals:matching_person_answer", registered), {"answer": "accept"})
    match.refresh_from_db()
    assert match.person_accepted_by == world["coordinator"]

    relatives = asked(world)
    services.describe(
        help_request=relatives, text=services.PublicText(description="X"), by=world["coordinator"]
    )
    other = services.propose(
        help_request=relatives,
        helper=make_helper(world["role"], ready=False, staff=world["coordinator"]),
        by=world["coordinator"],
    )
    body = client.get(page("referrals:matching_request", relatives)).content.decode()
    assert "Personen takket ja" not in body
    client.post(page("referrals:matching_person_answer", relatives), {"answer": "accept"})
    other.refresh_from_db()
    assert other.person_accepted_at is None


def test_the_one_who_asked_answers_the_check_in(client, world):
    help_request = asked(world)
    services.describe(
        help_request=help_request,
        text=services.PublicText(description="X"),
        by=world["coordinator"],
    )
    match = services.propose(
        help_request=help_request, helper=world["helper"], by=world["coordinator"]
    )
    url = page("referrals:matching_my_check_in", help_request)
    client.force_login(world["relative"])
    assert "Ingen oppfølging venter på svar." in client.get(url).content.decode()
    services.accept_by_helper(match=match, user=world["helper"].user)
    services.accept_by_person(match=match, user=world["relative"])
    Match.objects.filter(pk=match.pk).update(started_at=timezone.now() - timedelta(weeks=3))
    assert url in client.get(page("referrals:matching_my_request", help_request)).content.decode()
    assert client.post(url, {"rating": "9"}).status_code == 422
    assert client.post(url, {"rating": "4", "text": "Bra"}).status_code == 302
    check_in = match.check_ins.get()
    assert (check_in.side, check_in.rating, check_in.answered_by) == (
        "person",
        4,
        world["relative"],
    )
    client.force_login(make_user(Role.CITIZEN))
    assert client.get(url).status_code == 404
