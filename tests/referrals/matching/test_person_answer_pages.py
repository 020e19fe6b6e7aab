"""The pages where the person's side answers a proposal (``views_common``), on
/frivillig/be-om-hjelp/<id>/ and on the citizen's case page: what each says after a yes,
a no, an answer that is neither, and a proposal that changed since the page was shown;
and a check-in that another tab answered first."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from referrals.cases.services import ApplicationError
from referrals.matching import services
from referrals.matching.models import Match
from tests.referrals.helpers import MODEL_BACKEND
from tests.referrals.matching.factories import make_asking_world, make_helper, make_world

pytestmark = pytest.mark.django_db


def asked_and_proposed():
    world = make_asking_world()
    help_request = services.ask_for_helper(
        user=world["relative"],
        need=services.Need(role=world["role"]),
        contact=services.Contact(person_name="Maja Mor", need="Liker sjakk."),
        language="nb",
    )
    services.describe(
        help_request=help_request,
        text=services.PublicText(description="Besøksvenn."),
        by=world["coordinator"],
    )
    match = services.propose(
        help_request=help_request, helper=world["helper"], by=world["coordinator"]
    )
    url = reverse("referrals:matching_my_answer", kwargs={"pk": help_request.pk})
    back = reverse("referrals:matching_my_request", kwargs={"pk": help_request.pk})
    return world["relative"], match, url, back


def case_proposed():
    world = make_world()
    help_request = services.request_helper(
        application=world["application"],
        unit=world["unit"],
        description="En mann i 70-årene.",
        by=world["coordinator"],
    )
    match = services.propose(
        help_request=help_request, helper=make_helper(world["role"]), by=world["coordinator"]
    )
    reference = world["application"].reference
    url = reverse("referrals:match_answer", kwargs={"reference": reference})
    back = reverse("referrals:application_detail", kwargs={"reference": reference})
    return world["citizen"], match, url, back


def answer(client, url, data):
    """Post the answer and follow the redirect: (where it went, what the page said)."""
    response = client.post(url, data, follow=True)
    return response.redirect_chain[-1][0], [str(m) for m in response.context["messages"]]


@pytest.mark.parametrize(
    ("setting", "waiting", "started"),
    [
        (
            asked_and_proposed,
            "Takk! Vi venter på svar fra hjelperen.",
            "Takk! Dere er satt i kontakt.",
        ),
        (
            case_proposed,
            "Takk! Vi venter på svar fra støttekontakten.",
            "Takk! Støttekontakten er på plass.",
        ),
    ],
)
def test_each_page_says_yes_in_its_own_words(client, setting, waiting, started):
    user, match, url, back = setting()
    client.force_login(user, backend=MODEL_BACKEND)
    assert answer(client, url, {"match": match.pk, "answer": "accept"}) == (back, [waiting])
    match.refresh_from_db()
    assert match.status == Match.Status.ACCEPTED_BY_PERSON

    services.accept_by_helper(match=match, user=match.helper.user)
    match.refresh_from_db()
    assert match.started
    services.end(match=match, reason=Match.EndedReason.OTHER, text="", by=user)
    next_match = services.propose(
        help_request=match.help_request,
        helper=match.helper,
        by=match.proposed_by,
    )
    services.accept_by_helper(match=next_match, user=next_match.helper.user)
    assert answer(client, url, {"match": next_match.pk, "answer": "accept"}) == (back, [started])


@pytest.mark.parametrize("setting", [asked_and_proposed, case_proposed])
def test_no_a_bad_answer_and_a_changed_proposal(client, setting):
    user, match, url, back = setting()
    client.force_login(user, backend=MODEL_BACKEND)
    assert answer(client, url, {"match": match.pk, "answer": "kanskje"}) == (
        back,
        ["Velg om du vil takke ja eller nei."],
    )
    assert answer(client, url, {"match": match.pk + 1000, "answer": "accept"}) == (
        back,
        ["Forslaget er endret. Se det nye forslaget."],
    )
    match.refresh_from_db()
    assert match.status == Match.Status.PROPOSED
    assert answer(client, url, {"match": match.pk, "answer": "decline"}) == (
        back,
        ["Du har takket nei. Vi leter videre."],
    )
    match.refresh_from_db()
    assert match.status == Match.Status.DECLINED
    assert answer(client, url, {"match": match.pk, "answer": "accept"}) == (
        back,
        ["Forslaget kan ikke lenger besvares."],
    )


def test_a_check_in_answered_meanwhile_in_another_tab_says_nothing_is_waiting(client, monkeypatch):
    user, match, _url, _back = case_proposed()
    services.accept_by_helper(match=match, user=match.helper.user)
    services.accept_by_person(match=match, user=user)
    Match.objects.filter(pk=match.pk).update(started_at=timezone.now() - timedelta(weeks=3))

    def answered_meanwhile(**kwargs):
        raise ApplicationError("Ingen oppfølging venter på svar.")

    monkeypatch.setattr(services, "check_in", answered_meanwhile)
    client.force_login(user, backend=MODEL_BACKEND)
    reference = match.help_request.application.reference
    response = client.post(
        reverse("referrals:match_check_in", kwargs={"reference": reference}), {"rating": "4"}
    )
    assert response.status_code == 200
    assert "Ingen oppfølging venter på svar." in response.content.decode()
