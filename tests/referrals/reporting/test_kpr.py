"""/saksbehandling/kpr/: the yearly export to KPR (kommunalt pasient- og brukerregister)
— granted and refused services per person, for administrators only, every download
and every refusal access-logged, the identity number never in a URL or a log."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from referrals.cases.models import AccessLogEntry, Application, Decision
from referrals.reporting import kpr
from tests.referrals.casework.factories import decide, make_case, take

URL = "/saksbehandling/kpr/"
YEAR = timezone.localdate().year


@pytest.fixture
def decided(world, day_activity, districts):
    """A grant (world.case), a refusal, a rejection, a decision from last year and a
    corrected one."""
    granted = decide(take(world.case, world.staff.north), world.staff.north, offer=world.offer)

    def case(name):
        return take(
            make_case(
                applicant=world.citizen,
                service_type=day_activity,
                district=districts.north,
                person_name=name,
            ),
            world.staff.north,
        )

    refused_case = case("@Per Avslag")
    refused = decide(refused_case, world.staff.north, outcome="refused")
    rejected = decide(case("Rita Avvist"), world.staff.north, outcome="rejected")
    old_case = case("Gunnar Gammel")
    old = decide(old_case, world.staff.north, outcome="refused")
    Decision.objects.filter(pk=old.pk).update(issued_at=timezone.now() - timedelta(days=400))
    corrected_case = case("Kari Korrigert")
    first = decide(corrected_case, world.staff.north, outcome="refused")
    correction = Decision.objects.create(
        application=corrected_case,
        outcome="granted",
        appeal_basis=first.appeal_basis,
        replaces=first,
    )
    return {
        "granted": granted,
        "refused": refused,
        "rejected": rejected,
        "old": old,
        "first": first,
        "correction": correction,
        "refused_case": refused_case,
        "old_case": old_case,
    }


def read(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_an_administrator_downloads_granted_and_refused_services_for_the_year(
    world, decided, login
):
    response = login(world.staff.admin).get(URL, {"aar": YEAR})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="kpr-{YEAR}.csv"'
    assert response["Cache-Control"] == "private, no-store"
    rows = read(response)
    assert [row["navn"] for row in rows] == ["Ola Nordmann", "'@Per Avslag", "Kari Korrigert"]
    grant, refusal, correction = rows
    content = decided["granted"].content
    assert grant == {
        "fodselsnummer": world.case.person_national_id,
        "navn": "Ola Nordmann",
        "tjenestekode": "dagaktivitet",
        "tjeneste": world.case.service_type.name,
        "referanse": world.case.reference,
        "vedtaksdato": timezone.localdate(decided["granted"].issued_at).isoformat(),
        "utfall": "granted",
        "startdato": content.start_date.isoformat(),
        "sluttdato_eller_revurdering": content.review_date.isoformat(),
        "tidsrom": "09.00–15.00",
        "ukedager": "2 4",  # Tuesday and Thursday, ISO numbers
        "identitet_bekreftet": "nei",  # typed in from a local account
        "ukedager_med_plass": "2 4",  # in effect: both days have a place
        "ukedager_pa_venteliste": "",
    }
    assert refusal["fodselsnummer"] == decided["refused_case"].person_national_id
    assert refusal["utfall"] == "refused"
    assert (refusal["startdato"], refusal["tidsrom"], refusal["ukedager"]) == ("", "", "")
    assert correction["utfall"] == "granted"  # the correction counts, not the first


def test_rejections_other_years_and_corrected_decisions_are_left_out(world, decided, login):
    rows = read(login(world.staff.admin).get(URL, {"aar": YEAR}))
    assert "Rita Avvist" not in {row["navn"] for row in rows}
    assert "Gunnar Gammel" not in {row["navn"] for row in rows}
    assert [row["utfall"] for row in rows if row["navn"] == "Kari Korrigert"] == ["granted"]
    last_year = read(login(world.staff.admin).get(URL, {"aar": YEAR - 1}))
    assert [row["navn"] for row in last_year] == ["Gunnar Gammel"]


def test_every_download_is_access_logged(world, decided, login):
    login(world.staff.admin).get(URL, {"aar": YEAR})
    summary = AccessLogEntry.objects.get(object_type="kpr_export", application_id_logged=None)
    assert summary.user == world.staff.admin
    assert summary.role == "administrator"
    assert summary.action == "download"
    assert summary.allowed is True
    assert summary.object_id == str(YEAR)
    assert summary.detail == f"aar={YEAR}; rader=3"
    per_person = AccessLogEntry.objects.filter(
        object_type="kpr_export", application_id_logged__isnull=False
    )
    assert {entry.application_id_logged for entry in per_person} == {
        world.case.pk,
        decided["refused_case"].pk,
        decided["first"].application_id,
    }
    assert all(entry.person and entry.allowed for entry in per_person)


def test_the_identity_number_is_never_in_the_url_or_the_log(world, decided, login):
    client = login(world.staff.admin)
    response = client.get(URL, {"aar": YEAR})
    login(world.staff.north).get(URL, {"aar": YEAR})
    numbers = set(Application.objects.values_list("person_national_id", flat=True)) - {""}
    assert world.case.person_national_id in response.content.decode()
    assert reverse("referrals:kpr_export") == URL
    for values in AccessLogEntry.objects.values():
        for number in numbers:
            assert not any(number in str(value) for value in values.values())


@pytest.mark.parametrize("who", ["north", "leader", "citizen"])
def test_everyone_else_gets_a_404_and_the_refusal_is_logged(world, decided, login, who):
    user = world.citizen if who == "citizen" else getattr(world.staff, who)
    client = login(user)
    assert client.get(URL, {"aar": YEAR}).status_code == 404
    assert client.get(URL).status_code == 404
    refusals = AccessLogEntry.objects.filter(object_type="kpr_export", allowed=False, user=user)
    assert refusals.count() == 2
    assert not AccessLogEntry.objects.filter(object_type="kpr_export", allowed=True).exists()


def test_anonymous_users_get_a_404_too_and_it_is_logged(client, world):
    assert client.get(URL, {"aar": YEAR}).status_code == 404
    entry = AccessLogEntry.objects.get(object_type="kpr_export")
    assert (entry.user, entry.role, entry.allowed) == (None, "anonymous", False)


def test_the_page_offers_the_years_and_defaults_to_last_year(world, login):
    response = login(world.staff.admin).get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<option value="{YEAR - 1}" selected>' in body
    assert 'name="aar"' in body and 'method="get"' in body
    assert not AccessLogEntry.objects.filter(object_type="kpr_export").exists()


@pytest.mark.parametrize("year", ["1999", "abc", str(YEAR + 1), ""])
def test_a_year_outside_the_list_is_refused_with_a_message(world, login, year):
    response = login(world.staff.admin).get(URL, {"aar": year})
    assert response.status_code == 400
    assert "Velg et år fra listen." in response.content.decode()
    assert not AccessLogEntry.objects.filter(object_type="kpr_export").exists()


def test_the_export_reads_the_decisions_and_their_places_in_three_queries(
    world, decided, django_assert_num_queries
):
    with django_assert_num_queries(3):
        text, decisions = kpr.export_csv(year=YEAR)
    assert len(decisions) == 3
    assert text.startswith(",".join(kpr.COLUMNS) + "\r\n")


def test_the_service_code_is_the_one_the_municipality_set_for_kpr(world, decided, login):
    service_type = world.case.service_type
    service_type.kpr_code = "DAGAKT-01"
    service_type.save()
    rows = read(login(world.staff.admin).get(URL, {"aar": YEAR}))
    codes = {row["referanse"]: row["tjenestekode"] for row in rows}
    assert codes[world.case.reference] == "DAGAKT-01"


@pytest.mark.parametrize("code", ['=HYPERLINK("http://x")', "dag aktivitet", "-01"])
def test_a_service_code_the_record_system_could_misread_is_refused(world, code):
    from django.core.exceptions import ValidationError

    service_type = world.case.service_type
    service_type.kpr_code = code
    with pytest.raises(ValidationError) as refused:
        service_type.full_clean()
    assert "Bruk bare bokstavene a–z" in str(refused.value.message_dict["kpr_code"])


def test_every_line_says_whether_the_identity_number_was_verified(
    world, login, day_activity, districts
):
    """Issue 11, finding 6: a number only typed in is flagged, never passed off as
    verified; only a self-application after an ID-porten log-in says "ja"."""

    def decided_case(name, **answers):
        case = make_case(
            applicant=world.citizen,
            service_type=day_activity,
            district=districts.north,
            person_name=name,
            **answers,
        )
        return decide(take(case, world.staff.north), world.staff.north, outcome="refused")

    decided_case("Vera Verifisert", verified=True)
    decided_case("Siri Selvoppgitt")
    decided_case("Per Pårørende", on_behalf=True, relation="relative", basis="consent")
    rows = read(login(world.staff.admin).get(URL, {"aar": YEAR}))
    assert {row["navn"]: row["identitet_bekreftet"] for row in rows} == {
        "Vera Verifisert": "ja",
        "Siri Selvoppgitt": "nei",
        "Per Pårørende": "nei",
    }
    # Appended: older columns keep their place.
    assert kpr.COLUMNS.index("identitet_bekreftet") == 11


def test_what_was_granted_and_what_is_in_effect_are_reported_separately(
    world, login, day_activity, districts
):
    world.offer.capacity_per_day = 1
    world.offer.save(update_fields=["capacity_per_day"])
    first = take(world.case, world.staff.north)
    decide(first, world.staff.north, offer=world.offer, weekdays=[1])
    second = take(
        make_case(
            applicant=world.citizen,
            service_type=day_activity,
            district=districts.north,
            person_name="Vilde Venter",
            offers=[world.offer],
        ),
        world.staff.north,
    )
    decide(second, world.staff.north, offer=world.offer, weekdays=[1, 3])
    rows = {row["navn"]: row for row in read(login(world.staff.admin).get(URL, {"aar": YEAR}))}
    waiting = rows["Vilde Venter"]
    assert waiting["ukedager"] == "2 4"
    assert waiting["ukedager_med_plass"] == "4"
    assert waiting["ukedager_pa_venteliste"] == "2"
    assert rows["Ola Nordmann"]["ukedager_med_plass"] == "2"
