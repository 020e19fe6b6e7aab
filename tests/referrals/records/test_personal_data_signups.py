"""The personal-data download includes the user's sign-ups for sessions, for themselves
and for someone they help, and nobody else's."""

import io
import json

import pytest
from pypdf import PdfReader

from tests.catalogue.factories import SessionFactory, SignUpFactory

pytestmark = pytest.mark.django_db

JSON_URL = "/mine-soknader/mine-opplysninger.json"
PDF_URL = "/mine-soknader/mine-opplysninger.pdf"


@pytest.fixture
def signups(world):
    session = SessionFactory(offer__title="Bassengtrening")
    own = SignUpFactory(session=session, user=world.citizen, name="Kari Nordmann", email="")
    father = SignUpFactory(
        session=session,
        user=world.citizen,
        for_someone_else=True,
        name="Per Nordmann",
        phone="+4798765432",
        needs_transport=True,
        pickup_address="Storgata 1",
        needs_meal=True,
        diet="Glutenfri",
        status="waiting",
    )
    stranger = SignUpFactory(session=session, user=world.stranger, name="Fremmed Person")
    return own, father, stranger


def test_the_json_holds_own_sign_ups_and_those_made_for_others(world, login, signups):
    response = login(world.citizen).get(JSON_URL)
    data = json.loads(response.content)
    by_name = {item["name"]: item for item in data["signups"]}
    assert set(by_name) == {"Kari Nordmann", "Per Nordmann"}
    father = by_name["Per Nordmann"]
    assert father["for_someone_else"] is True
    assert father["offer"] == "Bassengtrening"
    assert father["phone"] == "+4798765432"
    assert father["pickup_address"] == "Storgata 1"
    assert father["diet"] == "Glutenfri"
    assert father["status"] == "På venteliste"
    assert father["deleted_after"]
    assert "token_hash" not in father
    assert "Fremmed Person" not in response.content.decode()


def test_the_pdf_lists_the_sign_ups(world, login, signups):
    response = login(world.citizen).get(PDF_URL)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Dine påmeldinger til tilbud" in text
    assert "Per Nordmann" in text
    assert "Glutenfri" in text
    assert "987 65 432" in text  # the phone as Norwegians write it, not +4798765432
    assert "Fremmed Person" not in text


def test_someone_without_sign_ups_gets_an_empty_list(world, login):
    assert json.loads(login(world.stranger).get(JSON_URL).content)["signups"] == []
