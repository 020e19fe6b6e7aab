"""An offer's slug never collides with the catalogue's fixed addresses
(/tilbud/finn/, /tilbud/forvalt/ny/, …): its public and editing pages stay reachable."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import resolve, reverse

from catalogue import services
from catalogue.reserved_slugs import reserved_offer_slugs
from portal.roles import Role
from tests.catalogue.factories import OfferFactory, UnitFactory
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_every_fixed_page_under_tilbud_is_reserved():
    reserved = reserved_offer_slugs()
    # Public tools, the unit leaders' pages and their fixed sub-pages.
    assert {"finn", "pdf", "huskeliste", "forvalt"} <= reserved
    assert {"ny", "sok", "feilmeldinger", "trenger-gjennomgang"} <= reserved
    for slug in reserved:
        # Resolving what would be the offer's pages must not land on the offer views.
        public = resolve(f"/tilbud/{slug}/").url_name
        staff = resolve(f"/tilbud/forvalt/{slug}/").url_name
        assert public != "offer_detail" or staff != "staff_offer_edit"


@pytest.mark.parametrize("title", ["Finn", "Ny", "Søk", "PDF", "Huskeliste", "Forvalt"])
def test_a_new_offer_named_like_a_fixed_page_gets_a_reachable_slug(title):
    unit = UnitFactory()
    user = make_user(Role.UNIT_LEADER)
    user.units.add(unit)
    offer = services.create_offer(
        user=user,
        fields={
            "unit": unit,
            "title": title,
            "summary": "Kort.",
            "description": "Lang.",
            "participation": "open",
            "cost": "free",
        },
        opening_periods=[],
    )

    assert offer.slug not in reserved_offer_slugs()
    assert resolve(offer.get_absolute_url()).url_name == "offer_detail"
    edit = reverse("catalogue:staff_offer_edit", args=[offer.slug])
    assert resolve(edit).url_name == "staff_offer_edit"


@pytest.mark.parametrize("slug", ["sok", "finn", "ny"])
def test_a_reserved_slug_is_refused_with_a_message_on_the_field(slug):
    offer = OfferFactory.build(slug=slug)

    with pytest.raises(ValidationError) as error:
        offer.clean()

    assert slug in error.value.message_dict["slug"][0]


def test_an_ordinary_slug_passes():
    OfferFactory.build(slug="stolgym").clean()
