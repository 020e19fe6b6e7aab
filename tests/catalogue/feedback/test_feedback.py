"""Feedback on an offer: one-time links, anonymous answers, the unit's results and the
offer page's line (catalogue.feedback)."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from catalogue.feedback import selectors, services
from catalogue.feedback.models import FeedbackAnswer, FeedbackInvitation, Occasion
from portal.roles import Role
from tests.catalogue.factories import OfferFactory, UnitFactory
from tests.factories import make_user

pytestmark = pytest.mark.django_db

VALID = {"enjoyed": "5", "took_part": "4", "recommend": "5", "free_text": "Hyggelig!"}


def path_of(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[-1].join(["/", ""])


@pytest.fixture
def offer():
    return OfferFactory(title="Formiddagstreff")


def test_an_invitation_stores_only_the_hash_of_its_token(offer):
    url = services.invite(offer, Occasion.SESSION)
    token = url.rstrip("/").rsplit("/", 1)[-1]
    invitation = FeedbackInvitation.objects.get()
    assert invitation.token_hash == services.token_hash(token)
    assert token not in str(FeedbackInvitation.objects.values().get())


def test_the_link_is_sent_by_email_on_commit_and_the_address_is_not_kept(
    offer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        url = services.invite(offer, Occasion.DAY_CENTRE, "deltaker@eksempel.no")
    assert len(mail.outbox) == 1
    assert url in mail.outbox[0].body
    assert "deltaker@eksempel.no" not in str(FeedbackInvitation.objects.values().get())


def test_a_participant_answers_once(client, offer):
    path = path_of(services.invite(offer, Occasion.SESSION))
    page = client.get(path)
    assert page.status_code == 200
    assert b'aria-hidden="true"' in page.content and b"<legend" in page.content
    response = client.post(path, VALID)
    assert response.status_code == 302
    assert response["Location"] == reverse("catalogue:feedback_thanks")
    assert client.get(response["Location"]).status_code == 200
    assert FeedbackAnswer.objects.count() == 1
    again = client.post(path, VALID)
    assert again.status_code == 410
    assert "allerede brukt" in again.content.decode()
    assert client.get(path).status_code == 410
    assert FeedbackAnswer.objects.count() == 1


def test_an_expired_link_is_a_friendly_410(client, offer):
    path = path_of(services.invite(offer, Occasion.SESSION))
    later = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=31)
    with time_machine.travel(later):
        assert client.get(path).status_code == 410
        assert client.post(path, VALID).status_code == 410
    assert not FeedbackAnswer.objects.exists()


@pytest.mark.parametrize("token", ["finnes-ikke", "x" * 300])
def test_an_unknown_link_is_a_friendly_404(client, token):
    response = client.get(f"/tilbakemelding/{token}/")
    assert response.status_code == 404
    assert "Vi finner ikke lenken" in response.content.decode()


def test_the_answer_is_not_linked_to_the_invitation_and_keeps_only_the_month(client, offer):
    path = path_of(services.invite(offer, Occasion.SESSION))
    with time_machine.travel(datetime.datetime(2026, 5, 17, 14, 3, tzinfo=datetime.UTC)):
        client.post(path, VALID)
    answer = FeedbackAnswer.objects.get()
    assert answer.answered_on == datetime.date(2026, 5, 1)
    assert not any(
        field.is_relation and field.related_model is FeedbackInvitation
        for field in FeedbackAnswer._meta.get_fields()
    )
    used = timezone.localtime(FeedbackInvitation.objects.get().used_at)
    assert (used.day, used.hour, used.minute) == (1, 0, 0)


def test_errors_are_shown_by_the_field_and_what_was_typed_is_kept(client, offer):
    path = path_of(services.invite(offer, Occasion.SESSION))
    response = client.post(path, {"enjoyed": "4", "took_part": "9", "free_text": "Fint"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("ds-validation-message") == 2  # took_part and recommend
    assert "Velg et svar fra «Svært dårlig» til «Svært bra»" in html
    assert html.count("checked") == 1  # the answer given is still chosen
    assert "Fint" in html
    too_long = client.post(path, {**VALID, "free_text": "x" * 1001})
    assert "Skriv høyst 1" in too_long.content.decode()
    assert not FeedbackAnswer.objects.exists()


def test_a_form_sent_with_nothing_chosen_says_so_by_each_question(client, offer):
    path = path_of(services.invite(offer, Occasion.SESSION))
    html = client.post(path, {}).content.decode()
    assert html.count("ds-validation-message") == 3
    assert "Velg et svar fra «Svært dårlig» til «Svært bra»" in html
    assert not FeedbackAnswer.objects.exists()


def answers(offer, count, *, score=5, on=None):
    on = on or timezone.localdate().replace(day=1)
    for _ in range(count):
        FeedbackAnswer.objects.create(
            offer=offer, enjoyed=score, took_part=4, recommend=score, answered_on=on
        )


def test_the_offer_page_shows_the_line_from_five_answers(client):
    offer = OfferFactory()
    answers(offer, 4)
    assert "data-feedback-summary" not in client.get(offer.get_absolute_url()).content.decode()
    answers(offer, 1)
    cache.clear()
    html = client.get(offer.get_absolute_url()).content.decode()
    assert "4,7 av 5 fra 5 deltakere siste halvår" in html


def test_answers_older_than_half_a_year_do_not_count():
    offer = OfferFactory()
    today = datetime.date(2026, 12, 6)
    answers(offer, 5, on=datetime.date(2026, 6, 1))
    assert selectors.offer_summary(offer.pk, today).count == 0
    answers(offer, 5, on=datetime.date(2026, 7, 1))
    summary = selectors.offer_summary(offer.pk, today)
    assert (summary.count, summary.average) == (5, 4.7)


@pytest.fixture
def leader(offer):
    user = make_user(Role.UNIT_LEADER, email="leder@eksempel.no")
    user.save()
    user.units.add(offer.unit)
    return user


def test_the_unit_sees_its_results(client, offer, leader):
    answers(offer, 5, score=3)
    FeedbackAnswer.objects.create(
        offer=offer,
        enjoyed=5,
        took_part=5,
        recommend=5,
        free_text="Nydelig kaffe",
        answered_on=timezone.localdate().replace(day=1),
    )
    client.force_login(leader, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("catalogue:staff_offer_feedback", args=[offer.slug])
    html = client.get(url).content.decode()
    assert "6 svar siste halvår" in html
    assert "Snitt: 3,3 av 5" in html
    assert "Nydelig kaffe" in html


def test_averages_are_hidden_below_five_answers(client, offer, leader):
    answers(offer, 4)
    client.force_login(leader, backend="django.contrib.auth.backends.ModelBackend")
    html = client.get(reverse("catalogue:staff_offer_feedback", args=[offer.slug])).content
    assert "Snitt:" not in html.decode()


def test_another_units_leader_gets_404_and_a_citizen_403(client, offer):
    other = make_user(Role.UNIT_LEADER, email="annen@eksempel.no")
    other.save()
    other.units.add(UnitFactory())
    url = reverse("catalogue:staff_offer_feedback", args=[offer.slug])
    assert client.get(url).status_code == 302
    client.force_login(other, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(url).status_code == 404
    citizen = make_user(Role.CITIZEN, email="innbygger@eksempel.no")
    citizen.save()
    client.force_login(citizen, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(url).status_code == 403


def test_the_daily_job_deletes_invitations_long_past_their_expiry(offer):
    from referrals.records import retention

    services.invite(offer, Occasion.SESSION)
    answers(offer, 1)
    now = timezone.now()
    soon = now + datetime.timedelta(days=services.INVITATION_DAYS + 1)
    assert retention.run_retention(now=soon)["feedback_invitations_deleted"] == 0
    later = now + datetime.timedelta(days=services.INVITATION_DAYS + services.KEEP_EXPIRED_DAYS + 1)
    assert retention.run_retention(now=later)["feedback_invitations_deleted"] == 1
    assert FeedbackAnswer.objects.count() == 1
