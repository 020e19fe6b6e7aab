"""Sessions in the admin (catalogue.participation.admin): a unit leader sees their own
units' sessions, read-only; another unit's are not there; nobody adds, changes or
deletes one there (the unit's pages do that, and tell those signed up)."""

import pytest
from django.urls import reverse

from catalogue.models import Offer
from catalogue.participation.models import Session
from portal.roles import Role
from tests.catalogue.factories import OfferFactory, SessionFactory, SignUpFactory, UnitFactory
from tests.factories import make_user as _make_user
from tests.portal.html import parse

pytestmark = pytest.mark.django_db
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _leader(unit):
    user = _make_user(Role.UNIT_LEADER)
    user.save()
    user.units.add(unit)
    return user


@pytest.fixture
def session():
    offer = OfferFactory(
        unit=UnitFactory(name="Solsiden"),
        title="Bassengtrening",
        slug="bassengtrening-admin",
        participation=Offer.Participation.SIGNUP,
    )
    session = SessionFactory(offer=offer, places=8)
    SignUpFactory(session=session, name="Mari Måne", status="confirmed")
    return session


def test_the_unit_leader_sees_the_session_read_only(client, session):
    client.force_login(_leader(session.offer.unit), backend=MODEL_BACKEND)
    listing = client.get(reverse("admin:catalogue_session_changelist"))
    assert listing.status_code == 200
    assert "Bassengtrening" in listing.content.decode()
    page = client.get(reverse("admin:catalogue_session_change", args=[session.pk]))
    assert page.status_code == 200
    assert not parse(page.content).select("input[name=_save]")
    # No sign-up's personal data in the admin.
    assert "Mari Måne" not in page.content.decode()
    response = client.post(
        reverse("admin:catalogue_session_change", args=[session.pk]), {"places": "1"}
    )
    assert response.status_code == 403
    assert client.get(reverse("admin:catalogue_session_add")).status_code == 403
    delete = reverse("admin:catalogue_session_delete", args=[session.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    session.refresh_from_db()
    assert session.places == 8
    assert Session.objects.filter(pk=session.pk).exists()


def test_another_units_leader_does_not_find_it(client, session):
    client.force_login(_leader(UnitFactory(name="Regnbuen")), backend=MODEL_BACKEND)
    listing = client.get(reverse("admin:catalogue_session_changelist"))
    assert "Bassengtrening" not in listing.content.decode()
    page = client.get(reverse("admin:catalogue_session_change", args=[session.pk]))
    assert page.status_code == 404
