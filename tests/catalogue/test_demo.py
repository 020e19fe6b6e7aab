import pytest

from catalogue.demo import seed_catalogue, seed_demo_units
from catalogue.models import Offer, OpeningPeriod
from portal.demo import seed_users
from portal.models import User

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
