"""The guide «Finn det som passer deg»: one question per page, answers in the query
string, results that explain why each offer matches."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from catalogue.models import Weekday
from tests.catalogue.factories import (
    AccessibilityFeatureFactory,
    CategoryFactory,
    DistrictFactory,
    LocationFactory,
    OfferFactory,
    OpeningPeriodFactory,
)
from tests.catalogue.listing import listed as listed_offers

pytestmark = pytest.mark.django_db


def step_url(step, query=""):
    return reverse("catalogue:guide_step", args=[step]) + (f"?{query}" if query else "")


@pytest.fixture
def catalogue():
    social = CategoryFactory(slug="sosial", name="Sosialt")
    physical = CategoryFactory(slug="fysisk", name="Fysisk aktivitet")
    CategoryFactory(slug="avlastning", name="Avlastning")
    step_free = AccessibilityFeatureFactory(slug="trinnfri-inngang", name="Trinnfri inngang")
    north, south = (
        DistrictFactory(slug="nord", name="Nord"),
        DistrictFactory(slug="sor", name="Sør"),
    )
    cafe = OfferFactory(
        title="Seniorkafé",
        categories=[social],
        transport_offered=True,
        locations=[LocationFactory(district=north, accessibility=[step_free])],
    )  # Tuesdays
    choir = OfferFactory(
        title="Sangkor",
        categories=[social],
        locations=[LocationFactory(district=south)],
        opening_periods=False,
    )
    OpeningPeriodFactory(offer=choir, weekday=Weekday.THURSDAY)
    walk = OfferFactory(title="Turgruppe", categories=[physical], transport_offered=True)
    OfferFactory(title="Skjult utkast", categories=[social], transport_offered=True, draft=True)
    return {"cafe": cafe, "choir": choir, "walk": walk}


def test_the_start_page_promises_no_diagnosis_questions(client):
    response = client.get(reverse("catalogue:guide"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vi spør ikke om diagnose" in page
    assert step_url("hva") in page


def test_each_question_is_its_own_page_with_a_back_link(client, catalogue):
    first = client.get(step_url("hva"))
    assert first.status_code == 200
    assert "Spørsmål 1 av 5" in first.content.decode()
    assert first.context["back_url"] == reverse("catalogue:guide")

    second = client.get(step_url("dager", "onske=selskap"))
    assert "Spørsmål 2 av 5" in second.content.decode()
    assert second.context["back_url"] == step_url("hva", "onske=selskap")


def test_an_answer_leads_to_the_next_question_keeping_earlier_answers(client, catalogue):
    response = client.get(step_url("dager", "onske=selskap&dag=tirsdag&dag=onsdag&svar=1"))
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == reverse("catalogue:guide_step", args=["transport"])
    assert parse_qs(target.query) == {"onske": ["selskap"], "dag": ["tirsdag", "onsdag"]}


def test_the_first_question_must_be_answered(client):
    response = client.get(step_url("hva", "svar=1"))
    assert response.status_code == 200
    assert "Velg minst ett av alternativene" in response.content.decode()


def test_earlier_answers_are_kept_as_hidden_fields(client, catalogue):
    page = client.get(step_url("transport", "onske=selskap&dag=tirsdag")).content.decode()
    assert 'type="hidden" name="onske" value="selskap"' in page
    assert 'type="hidden" name="dag" value="tirsdag"' in page


def test_going_back_shows_the_earlier_answer_checked(client, catalogue):
    response = client.get(step_url("hva", "onske=fysisk&dag=tirsdag"))
    assert response.context["form"].initial == {"onske": ["fysisk"]}


def test_the_last_answer_leads_to_the_results(client, catalogue):
    response = client.get(step_url("bydel", "onske=selskap&transport=ja&bydel=nord&svar=1"))
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("catalogue:guide_results")


def test_unknown_step_is_404(client):
    assert client.get(step_url("diagnose")).status_code == 404


def results(client, query):
    return client.get(reverse("catalogue:guide_results") + "?" + query)


def test_results_match_every_answer_and_say_why(client, catalogue):
    response = results(
        client, "onske=selskap&dag=tirsdag&transport=ja&tilrettelegging=trinnfri-inngang&bydel=nord"
    )
    assert response.status_code == 200
    matches = response.context["matches"]
    assert [m.offer.title for m in matches] == ["Seniorkafé"]
    reasons = matches[0].reasons
    assert "Åpent tirsdag" in reasons
    assert "Transport tilbys" in reasons
    assert "Trinnfri inngang" in reasons
    assert "I Nord" in reasons
    page = response.content.decode()
    # One line says why, in the answers' order.
    why = matches[0].why
    assert why.startswith("Sosialt, åpent tirsdag, transport tilbys, trinnfri inngang")
    assert why.endswith(".") and "Passer for" not in why
    assert "Hvorfor det passer" in page and why in page


def test_several_days_match_any_of_them(client, catalogue):
    response = results(client, "onske=selskap&dag=tirsdag&dag=torsdag&transport=nei")
    assert sorted(m.offer.title for m in response.context["matches"]) == [
        "Sangkor",
        "Seniorkafé",
    ]


def test_wants_are_mapped_to_categories(client, catalogue):
    response = results(client, "onske=fysisk&transport=nei")
    assert [m.offer.title for m in response.context["matches"]] == ["Turgruppe"]


def test_near_matches_say_what_is_missing(client, catalogue):
    response = results(client, "onske=selskap&transport=ja&dag=torsdag")
    assert response.context["matches"] == []
    near = {m.offer.title: m.misses for m in response.context["near_matches"]}
    assert "Ikke åpent de dagene du valgte" in near["Seniorkafé"]
    assert "Transport tilbys ikke" in near["Sangkor"]
    assert "Skjult utkast" not in near


def test_drafts_are_never_suggested(client, catalogue):
    response = results(client, "onske=selskap&transport=ja")
    titles = [m.offer.title for m in response.context["matches"] + response.context["near_matches"]]
    assert "Skjult utkast" not in titles


def test_results_link_to_the_filtered_catalogue_and_its_pdf(client, catalogue):
    response = results(
        client, "onske=selskap&dag=tirsdag&transport=ja&bydel=nord&tilrettelegging=trinnfri-inngang"
    )
    catalogue_url = urlsplit(response.context["catalogue_url"])
    assert catalogue_url.path == reverse("catalogue:offer_list")
    assert parse_qs(catalogue_url.query) == {
        "kategori": ["sosial"],
        "dag": ["tirsdag"],
        "transport": ["1"],
        "tilrettelegging": ["trinnfri-inngang"],
        "bydel": ["nord"],
    }
    assert urlsplit(response.context["pdf_url"]).query == catalogue_url.query
    # The catalogue itself agrees with the guide.
    listed = client.get(response.context["catalogue_url"])
    assert [o.title for o in listed_offers(listed)] == ["Seniorkafé"]


def test_nonsense_answers_are_ignored(client, catalogue):
    response = results(
        client, "onske=diagnose&dag=blursday&tilrettelegging=%00&bydel=atlantis&transport=kanskje"
    )
    assert response.status_code == 200


def test_the_guide_rejects_post(client):
    assert client.post(reverse("catalogue:guide")).status_code == 405
    assert client.post(step_url("hva")).status_code == 405
    assert client.post(reverse("catalogue:guide_results")).status_code == 405


def test_the_guide_works_in_nynorsk(client, catalogue):
    response = client.get(step_url("hva"), headers={"accept-language": "nn"})
    assert response.status_code == 200
    assert 'lang="nn"' in response.content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_results_use_a_fixed_number_of_queries(
    client, catalogue, count, django_assert_max_num_queries
):
    social = catalogue["cafe"].categories.get()
    for _ in range(count):
        OfferFactory(categories=[social], transport_offered=True)
    with django_assert_max_num_queries(16):
        response = results(
            client,
            "onske=selskap&dag=tirsdag&transport=ja&tilrettelegging=trinnfri-inngang&bydel=nord",
        )
    assert response.status_code == 200


@pytest.fixture
def places():
    """Offers of one kind, open on Tuesdays, with free, uncounted and no places, one of
    them by application."""
    social = CategoryFactory(slug="sosial", name="Sosialt fellesskap")
    return {
        "full": OfferFactory(
            title="A-kafé", categories=[social], places_available=0, contact_phone="12 34 50 06"
        ),
        "uncounted": OfferFactory(title="B-kor", categories=[social]),
        "free": OfferFactory(title="C-tur", categories=[social], places_available=3),
        "applied": OfferFactory(
            title="D-dagsenter", categories=[social], places_available=2, by_application=True
        ),
        "applied_full": OfferFactory(
            title="E-dagsenter", categories=[social], places_available=0, by_application=True
        ),
    }


def test_offers_with_free_places_come_first_and_full_ones_last(client, places):
    response = results(client, "onske=selskap&dag=tirsdag")
    assert [m.offer.title for m in response.context["matches"]] == [
        "C-tur",
        "D-dagsenter",
        "B-kor",
        "A-kafé",
        "E-dagsenter",
    ]


def test_full_offers_and_applications_are_marked_with_what_to_do_next(client, places):
    response = results(client, "onske=selskap")
    by_title = {m.offer.title: m for m in response.context["matches"]}
    labels = {title: [mark.label for mark in m.marks] for title, m in by_title.items()}
    assert labels == {
        "A-kafé": ["Fullt"],
        "B-kor": [],
        "C-tur": ["3 ledige plasser"],
        "D-dagsenter": ["2 ledige plasser", "Krever søknad"],
        "E-dagsenter": ["Fullt", "Krever søknad"],
    }
    full = by_title["A-kafé"]
    assert "venteliste" in full.advice
    assert [(a.text, a.href) for a in full.actions] == [("Ring 12 34 50 06", "tel:12345006")]
    applied = by_title["D-dagsenter"]
    apply_url = reverse("referrals:apply_start")
    assert [a.text for a in applied.actions] == ["Søk om plass"]
    assert applied.actions[0].href.startswith(apply_url + "?service=")
    assert "venteliste" in by_title["E-dagsenter"].advice
    assert by_title["E-dagsenter"].actions[0].text == "Søk om plass"
    assert not by_title["B-kor"].advice and not by_title["C-tur"].actions

    page = response.content.decode()
    assert page.count(">Fullt</span>") == 2
    assert page.count(">Krever søknad</span>") == 2
    assert page.count(">Søk om plass<") == 2
    assert 'href="tel:12345006"' in page


def test_the_marks_are_translated(client, places):
    response = client.get(
        reverse("catalogue:guide_results") + "?onske=selskap", HTTP_ACCEPT_LANGUAGE="nn"
    )
    page = response.content.decode()
    assert ">Krev søknad</span>" in page and ">Søk om plass<" in page
    assert "Kvifor det passar" in page


def test_the_demo_pool_training_is_full_and_says_how_to_wait(client, demo_catalogue):
    response = results(client, "onske=fysisk&dag=fredag")
    matches = response.context["matches"]
    titles = [m.offer.title for m in matches]
    pool = next(m for m in matches if m.offer.slug == "bassengtrening")
    assert titles[-1] == pool.offer.title  # the only full one, so the last
    assert [mark.label for mark in pool.marks] == ["Fullt"]
    assert pool.actions[0].href == "tel:+4773845006"
    assert "Passer for" not in response.content.decode()
