"""Administrators manage the whole catalogue, configurable lists included, in the admin."""

import pytest
from django.urls import reverse

from catalogue.demo import seed_catalogue
from catalogue.models import Offer
from portal.models import User

pytestmark = pytest.mark.django_db

MODELS = [
    "district",
    "accessibilityfeature",
    "category",
    "language",
    "unit",
    "location",
    "offer",
    "errorreport",
]


@pytest.fixture
def admin_client(client):
    user = User.objects.create_superuser(
        email="admin@example.no", password="correct-horse-battery-42"
    )
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", MODELS)
def test_every_catalogue_model_has_a_working_admin(admin_client, model):
    seed_catalogue()
    assert admin_client.get(reverse(f"admin:catalogue_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:catalogue_{model}_add")).status_code == 200


def test_the_offer_admin_edits_schedule_exceptions_and_events_inline(admin_client):
    seed_catalogue()
    offer = Offer.objects.get(slug="solsikken-dagsenter-demens")
    html = admin_client.get(
        reverse("admin:catalogue_offer_change", args=[offer.pk])
    ).content.decode()
    for prefix in ("opening_periods", "schedule_exceptions", "events"):
        assert f'name="{prefix}-TOTAL_FORMS"' in html, prefix


def test_citizens_cannot_reach_the_admin(client):
    response = client.get(reverse("admin:catalogue_offer_changelist"))
    assert response.status_code == 302
