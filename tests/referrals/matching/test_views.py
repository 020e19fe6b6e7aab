"""The matching pages: the coordinator's list and request page (their units only,
access-logged), proposing, the helper's page (the description until both accept), the
citizen's page, the case page, the hours CSV and the statistics."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from referrals.cases.models import AccessLogEntry
from referrals.matching import services
from referrals.matching.models import HoursReport, Match
from referrals.volunteers.models import HelpRequest
from tests.catalogue.factories import UnitFactory
from tests.referrals.casework.factories import make_caseworker, make_unit_leader
from tests.referrals.matching.factories import make_helper, make_world, stottekontakt_service

pytestmark = pytest.mark.django_db

DESCRIPTION = "En mann i 70-årene i Nord som liker fisking."


@pytest.fixture
def world():
    world = make_world()
    world["request"] = services.request_helper(
        application=world["application"],
        unit=world["unit"],
        description=DESCRIPTION,
        by=world["coordinator"],
    )
    return world


def test_coordinator_sees_requests_and_suggestions(client, world):
    ready = make_helper(world["role"], name="Nils Klar")
    make_helper(world["role"], ready=False, name="Ulla Uferdig")
    client.force_login(world["coordinator"])
    listing = client.get(reverse("referrals:matching_requests") + "?min_days=0&not_started=on")
    assert listing.status_code == 200
    assert DESCRIPTION[:40] in listing.content.decode()
    page = client.get(reverse("referrals:matching_request", kwargs={"pk": world["request"].pk}))
    body = page.content.decode()
    assert "Nils Klar" in body
    assert "Ulla Uferdig" not in body
    assert AccessLogEntry.objects.filter(
        object_type="help_request", application_id_logged=world["application"].pk, action="view"
    ).exists()
    response = client.post(
        reverse("referrals:matching_propose", kwargs={"pk": world["request"].pk}),
        {"helper": ready.pk},
    )
    assert response.status_code == 302
    assert Match.objects.get().helper == ready


def test_proposing_an_unready_helper_is_refused(client, world):
    unready = make_helper(world["role"], ready=False)
    client.force_login(world["coordinator"])
    response = client.post(
        reverse("referrals:matching_propose", kwargs={"pk": world["request"].pk}),
        {"helper": unready.pk},
        follow=True,
    )
    assert "sjekklisten" in response.content.decode()
    assert not Match.objects.exists()


def test_waiting_filter_leaves_out_recent_requests(client, world):
    client.force_login(world["coordinator"])
    response = client.get(reverse("referrals:matching_requests") + "?min_days=30")
    assert DESCRIPTION[:40] not in response.content.decode()
    bad = client.get(reverse("referrals:matching_requests") + "?min_days=abc")
    assert bad.status_code == 422


def test_other_units_coordinator_gets_404(client, world):
    other = make_unit_leader(unit=UnitFactory())
    client.force_login(other)
    url = reverse("referrals:matching_request", kwargs={"pk": world["request"].pk})
    assert client.get(url).status_code == 404
    helper = make_helper(world["role"])
    propose = reverse("referrals:matching_propose", kwargs={"pk": world["request"].pk})
    assert client.post(propose, {"helper": helper.pk}).status_code == 404
    assert (
        DESCRIPTION[:40] not in client.get(reverse("referrals:matching_requests")).content.decode()
    )


def test_citizen_cannot_open_coordinator_pages(client, world):
    client.force_login(world["citizen"])
    assert client.get(reverse("referrals:matching_requests")).status_code == 403


def propose(world, **helper_fields):
    helper = make_helper(world["role"], **helper_fields)
    match = services.propose(help_request=world["request"], helper=helper, by=world["coordinator"])
    return helper, match


def test_helper_sees_description_only_until_both_accept(client, world):
    helper, match = propose(world, name="Nils Klar", phone="+4798765432")
    client.force_login(helper.user)
    page = client.get(reverse("referrals:matching_mine")).content.decode()
    assert DESCRIPTION in page
    assert "Per Person" not in page
    client.post(reverse("referrals:matching_answer", kwargs={"pk": match.pk}), {"answer": "accept"})
    assert "Per Person" not in client.get(reverse("referrals:matching_mine")).content.decode()
    services.accept_by_person(match=match, user=world["citizen"])
    page = client.get(reverse("referrals:matching_mine")).content.decode()
    assert "Per Person" in page
    assert AccessLogEntry.objects.filter(object_type="match", object_id=str(match.pk)).exists()


def test_another_helper_cannot_answer(client, world):
    _helper, match = propose(world)
    other = make_helper(world["role"])
    client.force_login(other.user)
    url = reverse("referrals:matching_answer", kwargs={"pk": match.pk})
    assert client.post(url, {"answer": "accept"}).status_code == 404


def test_citizen_page_looks_then_accepts_and_sees_the_helper(client, world):
    client.force_login(world["citizen"])
    url = reverse(
        "referrals:application_detail", kwargs={"reference": world["application"].reference}
    )
    assert "Vi leter etter en støttekontakt til deg" in client.get(url).content.decode()
    helper, match = propose(world, name="Nils Klar", phone="+4798765432")
    page = client.get(url).content.decode()
    assert "mulig støttekontakt" in page
    assert "Nils Klar" not in page
    services.accept_by_helper(match=match, user=helper.user)
    client.post(
        reverse("referrals:match_answer", kwargs={"reference": world["application"].reference}),
        {"match": match.pk, "answer": "accept"},
    )
    match.refresh_from_db()
    assert match.status == Match.Status.STARTED
    page = client.get(url).content.decode()
    assert "Nils Klar" in page
    assert "Telefon: 987 65 432." in page  # written as Norwegians write a mobile number


def test_stranger_cannot_answer_for_the_person(client, world, stranger):
    _helper, match = propose(world)
    client.force_login(stranger)
    url = reverse("referrals:match_answer", kwargs={"reference": world["application"].reference})
    assert client.post(url, {"match": match.pk, "answer": "accept"}).status_code == 404


def test_case_page_finn_stottekontakt(client):
    world = make_world()
    caseworker = make_caseworker(service_type=stottekontakt_service())
    client.force_login(caseworker)
    reference = world["application"].reference
    page = client.get(reverse("referrals:case", kwargs={"reference": reference})).content.decode()
    assert "Finn støttekontakt" in page
    url = reverse("referrals:case_request_helper", kwargs={"reference": reference})
    bad = client.post(url, {"helper-unit": world["unit"].pk, "helper-description": ""})
    assert bad.status_code == 422
    assert "Skriv en kort beskrivelse av oppdraget." in bad.content.decode()
    client.post(url, {"helper-unit": world["unit"].pk, "helper-description": DESCRIPTION})
    help_request = HelpRequest.objects.get()
    assert help_request.decision == world["decision"]
    page = client.get(reverse("referrals:case", kwargs={"reference": reference})).content.decode()
    assert "Venter på hjelper siden" in page


def test_hours_csv_guards_formulas(client, world):
    helper, match = propose(world, name="=HYPERLINK(1)")
    services.accept_by_helper(match=match, user=helper.user)
    services.accept_by_person(match=match, user=world["citizen"])
    month = timezone.localdate().replace(day=1)
    HoursReport.objects.create(match=match, month=month, hours=Decimal("7.5"), note="+1")
    client.force_login(world["coordinator"])
    response = client.get(reverse("referrals:matching_hours_csv") + f"?maned={month:%Y-%m}")
    text = response.content.decode()
    assert "'=HYPERLINK(1)" in text
    assert ";'+1" in text
    assert "7.5" in text


def test_helper_reports_hours_with_errors_kept(client, world):
    helper, match = propose(world)
    services.accept_by_helper(match=match, user=helper.user)
    services.accept_by_person(match=match, user=world["citizen"])
    client.force_login(helper.user)
    url = reverse("referrals:matching_hours", kwargs={"pk": match.pk})
    bad = client.post(url, {"month": "november", "hours": "5"})
    assert bad.status_code == 422
    assert "ÅÅÅÅ-MM" in bad.content.decode()
    client.post(url, {"month": "2026-11", "hours": "5"})
    assert HoursReport.objects.get().hours == Decimal("5")


def test_statistics_hide_figures_below_five(client, world):
    client.force_login(world["coordinator"])
    body = client.get(reverse("referrals:matching_statistics")).content.decode()
    assert "for få til å vises" in body


def test_check_in_page_for_the_person(client, world):
    helper, match = propose(world)
    services.accept_by_helper(match=match, user=helper.user)
    services.accept_by_person(match=match, user=world["citizen"])
    Match.objects.filter(pk=match.pk).update(started_at=timezone.now() - timedelta(weeks=3))
    client.force_login(world["citizen"])
    url = reverse("referrals:match_check_in", kwargs={"reference": world["application"].reference})
    assert client.get(url).status_code == 200
    assert client.post(url, {"rating": "9"}).status_code == 422
    assert client.post(url, {"rating": "4", "text": "Bra"}).status_code == 302
    assert match.check_ins.get().rating == 4


def _started_hours_url(world):
    helper, match = propose(world)
    services.accept_by_helper(match=match, user=helper.user)
    services.accept_by_person(match=match, user=world["citizen"])
    return helper, reverse("referrals:matching_hours", kwargs={"pk": match.pk})


@pytest.mark.parametrize(
    ("language", "hours", "month_ahead", "message"),
    [
        ("nb", "-1", False, "Verdien må være større enn eller lik 0."),
        ("nb", "100000", False, "Verdien må være mindre enn eller lik 300."),
        ("nb", "mange", False, "Oppgi et tall."),
        ("nb", "5", True, "Du kan ikke rapportere timer for en måned som ikke har begynt."),
        ("nn", "5", True, "Du kan ikkje rapportere timar for ein månad som ikkje har byrja."),
        ("nn", "", False, "Skriv talet på timar."),
    ],
)
def test_bad_hours_are_told_next_to_the_field_and_kept(
    client, settings, world, language, hours, month_ahead, message
):
    helper, url = _started_hours_url(world)
    client.force_login(helper.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    this_month = timezone.localdate().replace(day=1)
    month = (this_month + timedelta(days=32)).replace(day=1) if month_ahead else this_month
    response = client.post(url, {"month": f"{month:%Y-%m}", "hours": hours, "note": "Tur"})
    assert response.status_code == 422
    body = response.content.decode()
    assert message in body
    assert f'value="{month:%Y-%m}"' in body
    assert 'value="Tur"' in body
    if hours:
        assert f'value="{hours}"' in body
    assert not HoursReport.objects.exists()


def test_hours_written_with_a_decimal_comma_are_taken(client, world):
    helper, url = _started_hours_url(world)
    client.force_login(helper.user)
    month = timezone.localdate().replace(day=1)
    assert client.post(url, {"month": f"{month:%Y-%m}", "hours": "7,5"}).status_code == 302
    assert HoursReport.objects.get().hours == Decimal("7.5")


def test_hours_csv_holds_only_the_coordinators_units(client, world):
    helper, match = propose(world, name="Nils Klar")
    services.accept_by_helper(match=match, user=helper.user)
    services.accept_by_person(match=match, user=world["citizen"])
    month = timezone.localdate().replace(day=1)
    HoursReport.objects.create(match=match, month=month, hours=Decimal("7.5"))
    url = reverse("referrals:matching_hours_csv") + f"?maned={month:%Y-%m}"
    client.force_login(make_unit_leader(unit=UnitFactory()))
    other = client.get(url).content.decode("utf-8-sig")
    assert other.splitlines() == ["maned;hjelper;e-post;enhet;timer;merknad"]
    client.force_login(world["coordinator"])
    assert "Nils Klar" in client.get(url).content.decode("utf-8-sig")


def test_coordinator_ends_a_match_with_a_reason(client, world):
    _helper, match = propose(world)
    client.force_login(world["coordinator"])
    url = reverse("referrals:matching_end", kwargs={"pk": world["request"].pk})
    bad = client.post(url, {"end-text": "Flyttet"})
    assert bad.status_code == 422
    assert "Velg hvorfor samarbeidet avsluttes." in bad.content.decode()
    assert 'value="Flyttet"' in bad.content.decode()
    response = client.post(url, {"end-reason": "poor_fit", "end-text": "Flyttet"})
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.status == Match.Status.ENDED
    assert match.ended_text == "Flyttet"
    assert AccessLogEntry.objects.filter(
        object_type="help_request", object_id=str(world["request"].pk), action="change"
    ).exists()
    assert client.post(url, {"end-reason": "poor_fit"}).status_code == 404
