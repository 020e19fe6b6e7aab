"""The open-data list of volunteer roles (/api/v1/volunteer-roles): public and active
roles only, nothing about helpers or help requests, the language parameter, JSON 400s
for bad parameters, and the catalogue API's conventions (CORS, ETag, 304, 405)."""

import json

import pytest

from catalogue.models import District
from referrals.volunteers.models import RoleKind
from tests.referrals.volunteers.factories import (
    EnrolmentFactory,
    HelperProfileFactory,
    HelpRequestFactory,
    InterestFactory,
    VolunteerRoleFactory,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/volunteer-roles"


def _get(client, path: str = URL, **headers):
    response = client.get(path, **headers)
    return response, json.loads(response.content)


def test_lists_only_public_active_roles(client):
    shown = VolunteerRoleFactory(title="Turvenn på Lia")
    VolunteerRoleFactory(title="Skjult rolle", public=False)
    VolunteerRoleFactory(title="Avsluttet rolle", active=False)
    response, data = _get(client)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert [role["title"] for role in data["contents"]] == ["Turvenn på Lia"]
    assert data["contents"][0]["id"] == shown.pk
    assert data["total_items"] == 1


def test_the_path_answers_with_a_trailing_slash_too(client):
    VolunteerRoleFactory()
    response, data = _get(client, URL + "/")
    assert response.status_code == 200
    assert data["total_items"] == 1


def test_a_role_has_its_public_fields(client):
    district = District.objects.create(name="Nordre", name_en="North", slug="nordre-api")
    interest = InterestFactory(name="Friluftsliv", name_en="Outdoor life", slug="friluft")
    role = VolunteerRoleFactory(
        kind=RoleKind.STOTTEKONTAKT,
        time_description="to timer i uka",
        district=district,
        unit__name="Lia aktivitetssenter",
    )
    role.interests.add(interest)
    _, data = _get(client, URL + "?language=nb")
    item = data["contents"][0]
    assert item["kind"] == {"code": "stottekontakt", "name": "Støttekontakt (lønnet oppdrag)"}
    assert item["unit"] == {"name": "Lia aktivitetssenter"}
    assert item["district"] == {"code": "nordre-api", "name": "Nordre"}
    assert item["interests"] == [{"code": "friluft", "name": "Friluftsliv"}]
    assert item["time_description"] == "to timer i uka"
    assert item["description"] == role.description


def test_no_personal_data_of_helpers_or_help_requests(client):
    role = VolunteerRoleFactory(title="Aktivitetsvenn")
    helper = HelperProfileFactory(name="Kari Hjelpersen", email="kari.hjelper@example.no")
    EnrolmentFactory(helper=helper, role=role)
    HelpRequestFactory(description="En mann i 70-årene som liker fisking.")
    response, data = _get(client)
    body = response.content.decode()
    assert "Kari" not in body
    assert "kari.hjelper@example.no" not in body
    assert "fisking" not in body
    assert set(data["contents"][0]) <= {
        "id",
        "title",
        "description",
        "time_description",
        "x_language",
        "kind",
        "unit",
        "district",
        "interests",
        "translations",
    }


def test_language_parameter_picks_the_texts_and_labels(client):
    role = VolunteerRoleFactory(title="Turvenn", title_en="Walking buddy", title_nn="Turven")
    role.interests.add(InterestFactory(name="Friluftsliv", name_en="Outdoor life", slug="ute"))
    response, data = _get(client, URL + "?language=en")
    item = data["contents"][0]
    assert response["Content-Language"] == "en"
    assert item["title"] == "Walking buddy"
    assert item["x_language"]["title"] == "en"
    # No English description: the bokmål one, and it says so.
    assert item["description"] == role.description
    assert item["x_language"]["description"] == "nb"
    assert item["kind"]["name"] == "Volunteer"
    assert item["interests"][0]["name"] == "Outdoor life"
    assert item["translations"]["nn"] == {"title": "Turven"}
    assert item["translations"]["nb"]["title"] == "Turvenn"

    _, data = _get(client, URL + "?language=nn")
    assert data["contents"][0]["title"] == "Turven"
    _, data = _get(client, URL + "?language=nb")
    assert data["contents"][0]["title"] == "Turvenn"
    assert data["contents"][0]["kind"]["name"] == "Frivillig"


def test_without_the_parameter_accept_language_decides(client):
    VolunteerRoleFactory(title="Turvenn", title_en="Walking buddy")
    response, data = _get(client, HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "en"
    assert data["contents"][0]["title"] == "Walking buddy"


@pytest.mark.parametrize(
    "query",
    [
        "?language=de",
        "?language=xx-very-long" + "x" * 300,
        "?page=abc",
        "?page=0",
        "?per_page=-1",
        "?unknown=1",
        "?helper=1",
    ],
)
def test_bad_parameters_give_a_json_400(client, query):
    VolunteerRoleFactory()
    response, data = _get(client, URL + query)
    assert response.status_code == 400
    assert "error" in data
    assert response["Access-Control-Allow-Origin"] == "*"


def test_pagination(client):
    for number in range(3):
        VolunteerRoleFactory(title=f"Rolle {number}")
    _, data = _get(client, URL + "?per_page=2&page=2")
    assert data["total_items"] == 3
    assert data["total_pages"] == 2
    assert [role["title"] for role in data["contents"]] == ["Rolle 2"]
    _, data = _get(client, URL + "?page=9")
    assert data["contents"] == []


def test_catalogue_api_conventions(client):
    VolunteerRoleFactory()
    response = client.get(URL)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["ETag"]
    assert response["Last-Modified"]
    again = client.get(URL, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    preflight = client.options(URL)
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    post = client.post(URL)
    assert post.status_code == 405
    assert json.loads(post.content)["error"]
