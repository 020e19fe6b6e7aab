"""Issue 11, finding 6: the caseworker sees, on the queue row, the case page and
wherever a decision letter is written, when the person's identity number was only
typed in by the applicant and not verified with ID-porten."""

import pytest

from referrals.cases.models import Application
from tests.portal.html import parse
from tests.referrals.casework.factories import decide, make_case, take

WARNING = "Identitet ikke bekreftet"


@pytest.fixture
def cases(world, day_activity, districts):
    def case(name, **answers):
        return take(
            make_case(
                applicant=world.citizen,
                service_type=day_activity,
                district=districts.north,
                person_name=name,
                **answers,
            ),
            world.staff.north,
        )

    return {
        "verified": case("Vera Verifisert", verified=True),
        "stated": case("Siri Selvoppgitt"),
        "on_behalf": case("Per Pårørende", on_behalf=True, relation="relative", basis="consent"),
    }


def test_only_a_self_application_after_an_id_porten_log_in_is_verified(cases):
    assert cases["verified"].person_identity == Application.Identity.VERIFIED
    assert cases["stated"].person_identity == Application.Identity.STATED
    assert cases["on_behalf"].person_identity == Application.Identity.STATED


def test_the_queue_row_says_identity_not_verified(world, cases, login):
    page = parse(login(world.staff.north).get("/saksbehandling/").content)
    rows = {row.one("th a").text: row for row in page.select("tbody tr")}
    assert WARNING not in rows[cases["verified"].reference].text
    assert WARNING in rows[cases["stated"].reference].text
    assert WARNING in rows[cases["on_behalf"].reference].text


def test_the_case_page_warns_and_says_how_the_identity_is_known(world, cases, login):
    client = login(world.staff.north)
    stated = parse(client.get(f"/saksbehandling/{cases['stated'].reference}/").content)
    warning = stated.one(".identity-warning")
    assert WARNING in warning.text
    assert "uten å logge inn med ID-porten" in warning.text
    assert "Oppgitt av søkeren, ikke bekreftet" in stated.one(".status-card").text

    on_behalf = parse(client.get(f"/saksbehandling/{cases['on_behalf'].reference}/").content)
    assert "på vegne av personen" in on_behalf.one(".identity-warning").text

    verified = parse(client.get(f"/saksbehandling/{cases['verified'].reference}/").content)
    assert verified.select(".identity-warning") == []
    assert "Bekreftet med ID-porten" in verified.one(".status-card").text


def test_the_decision_and_correction_pages_warn_before_the_letter_is_written(world, cases, login):
    client = login(world.staff.north)
    for key, warned in (("stated", True), ("verified", False)):
        case = cases[key]
        page = parse(client.get(f"/saksbehandling/{case.reference}/vedtak/").content)
        assert bool(page.select(".identity-warning")) is warned, key
        decision = decide(Application.objects.get(pk=case.pk), world.staff.north, outcome="refused")
        response = client.get(f"/saksbehandling/{case.reference}/vedtak/{decision.pk}/rett/")
        assert response.status_code == 200
        assert bool(parse(response.content).select(".identity-warning")) is warned, key
