import pytest

from catalogue.models import ServiceType
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_an_administrator_edits_a_service_type_and_its_questions(client, service_types):
    admin = make_user(is_superuser=True, is_staff=True, full_name="Admin")
    admin.save()
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    service = service_types["stottekontakt"]
    url = f"/admin/catalogue/servicetype/{service.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    data = {
        "slug": service.slug,
        "name": service.name,
        "name_nn": service.name_nn,
        "name_en": service.name_en,
        "position": 1,
        "active": "on",
        "description": service.description,
        "legal_basis": service.legal_basis,
        "processing_days": 30,
        "appeal_basis": "fvl-29",
        "questions": ["interests"],
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    service = ServiceType.objects.get(pk=service.pk)
    assert (
        service.questions == ["interests"]
        and service.processing_days == 30
        and service.appeal_weeks == 3
    )


def test_the_old_admin_address_of_a_service_type_leads_to_its_new_place(client, service_types):
    service = service_types["stottekontakt"]
    response = client.get(f"/admin/referrals/servicetype/{service.pk}/change/")
    assert response.status_code == 301
    assert response["Location"] == f"/admin/catalogue/servicetype/{service.pk}/change/"
    response = client.get("/admin/referrals/servicetype/?active__exact=1")
    assert response.status_code == 301
    assert response["Location"] == "/admin/catalogue/servicetype/?active__exact=1"
