"""Registering or correcting the postal addresses on the case page
(/saksbehandling/<ref>/postadresse/): validated as in the wizard, a timeline event,
and the case's failed paper letters sent again (to the print queue)."""

import logging

from referrals.cases.models import AccessLogEntry, Application, ApplicationEvent
from referrals.casework import services as casework
from referrals.letters.models import LetterDispatch
from tests.referrals.casework.factories import decide, make_case, take

Status = LetterDispatch.Status
URL = "/saksbehandling/{}/postadresse/"
PERSON = {
    "address-person_address": "Storgata 1",
    "address-person_postcode": "0155",
    "address-person_place": "Oslo",
}


def _without_address(world):
    case = take(world.case, world.staff.north)
    assert case.person_address == ""
    decision = decide(case, world.staff.north, outcome="refused")
    (failed,) = decision.dispatches.all()
    assert (failed.channel, failed.status) == ("paper", Status.FAILED)
    return case, failed


def test_the_case_page_offers_the_form_with_the_current_address(world, login):
    Application.objects.filter(pk=world.case.pk).update(person_address="Gamleveien 3")
    page = login(world.staff.north).get(f"/saksbehandling/{world.case.reference}/")
    html = page.content.decode()
    assert "Registrer eller rett postadressen" in html
    assert 'name="address-person_address"' in html
    assert 'value="Gamleveien 3"' in html
    assert 'name="address-applicant_address"' not in html  # applied for themselves


def test_each_form_renders_all_its_fields_and_only_those(world, login, caplog):
    """The crispy layout is built from the form's fields: a case made on the person's
    behalf gets a form class with the representative's fields, any other one without
    (no field left to resolve, which crispy logs and skips)."""
    client = login(world.staff.north)
    represented = take(_on_behalf(world), world.staff.north)
    with caplog.at_level(logging.WARNING):
        on_behalf = client.get(f"/saksbehandling/{represented.reference}/").content.decode()
        own = client.get(f"/saksbehandling/{world.case.reference}/").content.decode()
    assert "Could not resolve form field" not in caplog.text
    assert on_behalf.count('name="address-') == 6
    assert own.count('name="address-') == 3


def test_saving_an_address_queues_the_failed_paper_letter(world, login):
    case, failed = _without_address(world)
    response = login(world.staff.north).post(URL.format(case.reference), PERSON, follow=True)
    assert response.status_code == 200
    assert "Postadressen er lagret." in response.content.decode()
    case.refresh_from_db()
    assert (case.person_address, case.person_postcode, case.person_place) == (
        "Storgata 1",
        "0155",
        "Oslo",
    )
    failed.refresh_from_db()
    assert (failed.status, failed.street, failed.postcode) == (Status.QUEUED, "Storgata 1", "0155")
    assert failed.batch is None  # waiting in the print queue
    event = ApplicationEvent.objects.get(
        application=case, action="referrals.case.person_address_changed"
    )
    assert (event.actor, event.visible_to_citizen, event.data) == (world.staff.north, False, {})
    queue = login(world.staff.north).get("/saksbehandling/utskrift/").content.decode()
    assert "Storgata 1, 0155 Oslo" in queue


def test_an_unchanged_address_writes_nothing(world):
    case = take(world.case, world.staff.north)
    Application.objects.filter(pk=case.pk).update(
        person_address="Storgata 1", person_postcode="0155", person_place="Oslo"
    )
    case.refresh_from_db()
    casework.update_postal_addresses(
        application=case,
        actor=world.staff.north,
        person={"street": "Storgata 1", "postcode": "0155", "place": "Oslo"},
    )
    assert not case.events.filter(action="referrals.case.person_address_changed").exists()


def test_wrong_values_are_shown_at_the_fields_and_kept(world, login):
    case, failed = _without_address(world)
    response = login(world.staff.north).post(
        URL.format(case.reference),
        {
            "address-person_address": "",
            "address-person_postcode": "155",
            "address-person_place": "Oslo",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Skriv adressen, for eksempel Storgata 1." in html
    assert "Postnummeret må ha fire sifre." in html
    assert 'value="155"' in html
    assert 'aria-invalid="true"' in html
    case.refresh_from_db()
    assert case.person_postcode == ""
    failed.refresh_from_db()
    assert failed.status == Status.FAILED


def _on_behalf(world):
    """A relative's application (copies agreed) from before addresses were asked for."""
    case = make_case(
        applicant=world.citizen,
        service_type=world.case.service_type,
        district=world.case.district,
        on_behalf=True,
        relation=Application.Relation.RELATIVE,
        basis=Application.Basis.CONSENT,
        applicant_may_receive_copies=True,
        person_name="Ola Nordmann",
        person_address="Storgata 1",
        person_postcode="0155",
        person_place="Oslo",
        applicant_name="Kari Verge",
        applicant_address="Kirkeveien 2",
        applicant_postcode="5003",
        applicant_place="Bergen",
    )
    Application.objects.filter(pk=case.pk).update(
        person_address="",
        person_postcode="",
        person_place="",
        applicant_address="",
        applicant_postcode="",
        applicant_place="",
    )
    case.refresh_from_db()
    return case


def test_the_representatives_address_too(world, login):
    case = take(_on_behalf(world), world.staff.north)
    decision = decide(case, world.staff.north, outcome="refused")
    assert {d.status for d in decision.dispatches.all()} == {Status.FAILED}
    client = login(world.staff.north)
    html = client.get(f"/saksbehandling/{case.reference}/").content.decode()
    assert 'name="address-applicant_address"' in html

    # Half a representative's address is an error at its fields.
    response = client.post(
        URL.format(case.reference), {**PERSON, "address-applicant_address": "Kirkeveien 2"}
    )
    assert response.status_code == 422
    assert "Skriv postnummeret (fire sifre)." in response.content.decode()

    # The person's alone: the party's letter goes, the copy still waits.
    client.post(URL.format(case.reference), PERSON)
    statuses = dict(decision.dispatches.values_list("recipient", "status"))
    assert statuses == {"party": Status.QUEUED, "representative": Status.FAILED}

    client.post(
        URL.format(case.reference),
        {
            **PERSON,
            "address-applicant_address": "Kirkeveien 2",
            "address-applicant_postcode": "5003",
            "address-applicant_place": "Bergen",
        },
    )
    copy = decision.dispatches.get(recipient="representative")
    assert (copy.status, copy.street, copy.place) == (Status.QUEUED, "Kirkeveien 2", "Bergen")
    assert case.events.filter(action="referrals.case.representative_address_changed").count() == 1


def test_someone_elses_case_is_404(world, login):
    case, failed = _without_address(world)
    response = login(world.staff.south).post(URL.format(case.reference), PERSON)
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.person_address == ""
    assert AccessLogEntry.objects.filter(
        user=world.staff.south, reference=case.reference, allowed=False
    ).exists()


def test_a_citizen_cannot_change_it(world, login):
    response = login(world.citizen).post(URL.format(world.case.reference), PERSON)
    assert response.status_code == 404
