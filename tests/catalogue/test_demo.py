import pytest

from catalogue.demo import seed_catalogue, seed_demo_units
from catalogue.models import Offer, OpeningPeriod, Unit
from portal.demo import seed_users
from portal.models import User
from portal.phone import normalise_phone

pytestmark = pytest.mark.django_db


def test_it_seeds_a_realistic_published_catalogue():
    seed_catalogue()
    assert Offer.objects.published().count() >= 25
    assert Offer.objects.filter(participation=Offer.Participation.APPLICATION).count() >= 5
    assert Offer.objects.exclude(title_nn="").count() >= 15
    assert Offer.objects.filter(
        transport_offered=True, cost=Offer.Cost.FREE, opening_periods__weekday=1
    ).exists()


def test_it_is_idempotent():
    seed_catalogue()
    counts = (Offer.objects.count(), OpeningPeriod.objects.count())
    seed_catalogue()
    assert (Offer.objects.count(), OpeningPeriod.objects.count()) == counts


def test_it_generates_offers_in_bulk_deterministically():
    seed_catalogue(offers=300)
    generated = Offer.objects.filter(slug__startswith="generert-")
    assert generated.count() == 300
    assert generated.get(slug="generert-00007").title.endswith(" 7")
    seed_catalogue(offers=300)
    assert generated.count() == 300


def test_every_demo_offer_page_renders(client):
    seed_catalogue()
    for slug in Offer.objects.published().values_list("slug", flat=True):
        response = client.get(f"/tilbud/{slug}/")
        assert response.status_code == 200, slug
        assert client.get(f"/tilbud/{slug}/kalender.ics").status_code == 200, slug


def test_the_demo_caseworker_and_unit_leader_work_for_a_unit():
    seed_catalogue()
    seed_users()
    seed_demo_units()
    for email in ("saksbehandler@example.no", "leder@example.no"):
        assert User.objects.get(email=email).units.exists(), email
    assert not User.objects.get(email="innbygger@example.no").units.exists()


def test_every_demo_phone_number_is_a_valid_number(settings):
    # A unit leader editing a demo offer must not be told its number is invalid.
    seed_catalogue()
    numbers = {*Offer.objects.exclude(contact_phone="").values_list("contact_phone", flat=True)}
    numbers |= {*Unit.objects.exclude(phone="").values_list("phone", flat=True)}
    numbers |= {settings.MUNICIPALITY_CONTACT_PHONE, settings.PATIENT_OMBUD_PHONE}
    assert len(numbers) > 5
    for number in numbers:
        assert normalise_phone(number).startswith("+47"), number
