"""«Meld feil i denne oppføringen»: stored, e-mailed to the unit's leaders, handled by them."""

import pytest
from django.core import mail
from django.urls import reverse

from catalogue.forms import REPORT_MAX_LENGTH
from catalogue.models import ErrorReport
from catalogue.views_reports import MAX_REPORTS_PER_HOUR
from portal.roles import Role
from tests.catalogue.factories import OfferFactory, UnitFactory
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer():
    return OfferFactory(title="Seniorkafé")


@pytest.fixture
def leader(offer):
    user = make_user(Role.UNIT_LEADER, email="leder@eksempel.no", full_name="Lene Leder")
    user.units.add(offer.unit)
    return user


def url(offer):
    return reverse("catalogue:report_error", args=[offer.slug])


def test_the_form_is_open_to_anyone(client, offer):
    response = client.get(url(offer))
    assert response.status_code == 200
    assert "Hva er feil?" in response.content.decode()


def test_a_report_is_stored_and_mailed_to_the_units_leaders(
    client, offer, leader, django_capture_on_commit_callbacks
):
    other_unit_leader = make_user(
        Role.UNIT_LEADER, email="annen@eksempel.no", full_name="Anne Annen"
    )
    other_unit_leader.units.add(UnitFactory())
    caseworker = make_user(
        Role.CASEWORKER, email="saksbehandler@eksempel.no", full_name="Sara Saksbehandler"
    )
    caseworker.units.add(offer.unit)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(offer),
            {"message": "Åpningstiden på tirsdag er feil.", "reporter_email": "Ola@Eksempel.no"},
        )

    assert response.status_code == 302
    assert response["Location"] == reverse("catalogue:report_error_thanks", args=[offer.slug])
    report = ErrorReport.objects.get()
    assert report.offer == offer
    assert report.message == "Åpningstiden på tirsdag er feil."
    assert report.reporter_email == "ola@eksempel.no"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["leder@eksempel.no"]
    assert "Seniorkafé" in mail.outbox[0].subject
    # The citizen's free text is not sent by e-mail, only a link to the staff page.
    assert "tirsdag er feil" not in mail.outbox[0].body
    assert reverse("catalogue:staff_reports") in mail.outbox[0].body


def test_the_thanks_page_names_the_unit(client, offer):
    response = client.get(reverse("catalogue:report_error_thanks", args=[offer.slug]))
    assert offer.unit.name in response.content.decode()


def test_an_empty_message_is_refused_with_a_message_saying_what_to_do(client, offer):
    response = client.post(url(offer), {"message": "   "})
    assert response.status_code == 200
    assert "Skriv hva som er feil" in response.content.decode()
    assert not ErrorReport.objects.exists()


def test_a_too_long_message_is_refused(client, offer):
    response = client.post(url(offer), {"message": "x" * (REPORT_MAX_LENGTH + 1)})
    assert response.status_code == 200
    assert not ErrorReport.objects.exists()


def test_the_honeypot_catches_robots_quietly(client, offer, leader):
    response = client.post(
        url(offer), {"message": "Kjøp billige klokker", "website": "https://spam.example"}
    )
    assert response.status_code == 302
    assert not ErrorReport.objects.exists()
    assert mail.outbox == []


def test_one_visitor_cannot_flood_the_unit(client, offer):
    for number in range(MAX_REPORTS_PER_HOUR):
        assert client.post(url(offer), {"message": f"Feil nummer {number}"}).status_code == 302
    response = client.post(url(offer), {"message": "En til"})
    assert response.status_code == 429
    assert ErrorReport.objects.count() == MAX_REPORTS_PER_HOUR


@pytest.mark.parametrize("trait", ["draft", "archived"])
def test_only_published_offers_can_be_reported(client, trait):
    offer = OfferFactory(**{trait: True})
    assert client.get(url(offer)).status_code == 404
    assert client.post(url(offer), {"message": "Hei"}).status_code == 404


def test_a_unit_without_leaders_still_stores_the_report(client, offer):
    assert client.post(url(offer), {"message": "Feil adresse"}).status_code == 302
    assert ErrorReport.objects.count() == 1
    assert mail.outbox == []


def test_the_link_snippet_points_to_the_form(offer):
    from django.template.loader import render_to_string

    assert url(offer) in render_to_string("catalogue/report_link.html", {"offer": offer})
