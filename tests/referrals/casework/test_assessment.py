"""The assessment (kartlegging): structured fields plus text, saved by the caseworker,
never shown to the citizen."""

from referrals.casework.models import Assessment


def test_the_caseworker_saves_and_updates_the_assessment(world, login):
    client = login(world.staff.north)
    url = f"/saksbehandling/{world.case.reference}/kartlegging/"
    response = client.post(
        url,
        {
            "assessment-functional_level": "much_help",
            "assessment-social_network": "Datter i nærheten, ellers få venner.",
            "assessment-relative_burden": "high",
            "assessment-respite_needed": "on",
            "assessment-transport_needed": "on",
            "assessment-interests": "Sang og hagearbeid.",
        },
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get(application=world.case)
    assert assessment.functional_level == "much_help"
    assert assessment.respite_needed is True
    assert assessment.meals_help_needed is False
    assert assessment.updated_by == world.staff.north

    client.post(url, {"assessment-functional_level": "some_help", "assessment-relative_burden": ""})
    assessment.refresh_from_db()
    assert assessment.functional_level == "some_help"
    assert Assessment.objects.count() == 1
    page = client.get(f"/saksbehandling/{world.case.reference}/").content.decode()
    assert "Sist oppdatert av Nora Nord" in page

    citizen_page = login(world.citizen).get(f"/mine-soknader/{world.case.reference}/")
    assert "Sang og hagearbeid." not in citizen_page.content.decode()


def test_a_unit_leader_cannot_write_the_assessment(world, login):
    response = login(world.staff.leader).post(
        f"/saksbehandling/{world.case.reference}/kartlegging/",
        {"assessment-functional_level": "much_help"},
    )
    assert response.status_code == 404
    assert not Assessment.objects.exists()
