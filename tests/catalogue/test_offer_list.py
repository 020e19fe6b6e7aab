"""/tilbud/: filters as GET parameters, search, sorting, pagination, bad input."""

import datetime

import pytest
from django.http import QueryDict
from django.urls import reverse

from catalogue import selectors
from catalogue.models import Category, Offer
from catalogue.selectors import search_offers
from tests.catalogue.factories import (
    AccessibilityFeatureFactory,
    CategoryFactory,
    DistrictFactory,
    LanguageFactory,
    LocationFactory,
    OfferFactory,
    OpeningPeriodFactory,
)
from tests.catalogue.listing import listed

pytestmark = pytest.mark.django_db
URL = "/tilbud/"


def slugs(client, query: str = "") -> list[str]:
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    return [offer.slug for offer in listed(response)]


def test_the_url_is_stable():
    assert reverse("catalogue:offer_list") == URL


def test_it_lists_published_offers_only(client):
    OfferFactory(slug="visible")
    OfferFactory(slug="draft", draft=True)
    OfferFactory(slug="gone", archived=True)
    assert slugs(client) == ["visible"]


def test_it_shows_the_result_count(client):
    OfferFactory.create_batch(3)
    response = client.get(URL)
    assert "3 tilbud" in response.content.decode()


def test_it_filters_by_category(client):
    social = CategoryFactory(slug="sosial", name="Sosialt")
    physical = CategoryFactory(slug="fysisk", name="Fysisk")
    OfferFactory(slug="a", categories=[social])
    OfferFactory(slug="b", categories=[physical])
    OfferFactory(slug="c", categories=[social, physical])
    assert sorted(slugs(client, "kategori=sosial")) == ["a", "c"]
    assert sorted(slugs(client, "kategori=sosial&kategori=fysisk")) == ["a", "b", "c"]


def test_it_filters_by_district(client):
    north, south = DistrictFactory(slug="nord"), DistrictFactory(slug="sor")
    OfferFactory(slug="a", locations=[LocationFactory(district=north)])
    OfferFactory(slug="b", locations=[LocationFactory(district=south)])
    OfferFactory(
        slug="both", locations=[LocationFactory(district=north), LocationFactory(district=south)]
    )
    assert sorted(slugs(client, "bydel=nord")) == ["a", "both"]


def test_it_filters_by_weekday(client):
    OfferFactory(slug="tuesday")  # the factory's default period is on Tuesday
    wednesday = OfferFactory(slug="wednesday", opening_periods=False)
    OpeningPeriodFactory(offer=wednesday, weekday=2)
    OpeningPeriodFactory(
        offer=wednesday, weekday=2, opens=datetime.time(15), closes=datetime.time(16)
    )
    assert slugs(client, "dag=tirsdag") == ["tuesday"]
    assert slugs(client, "dag=onsdag") == ["wednesday"]  # once, though it has two periods
    assert sorted(slugs(client, "dag=tirsdag&dag=onsdag")) == ["tuesday", "wednesday"]


def test_it_filters_by_how_to_take_part(client):
    OfferFactory(slug="open")
    OfferFactory(slug="apply", by_application=True)
    assert slugs(client, "deltakelse=application") == ["apply"]
    assert slugs(client, "deltakelse=open") == ["open"]


def test_it_filters_by_free_of_charge(client):
    OfferFactory(slug="free")
    OfferFactory(slug="paid", cost=Offer.Cost.PRICE, price_text="50 kr")
    assert slugs(client, "gratis=1") == ["free"]


def test_it_filters_by_transport_and_meals(client):
    OfferFactory(slug="both", transport_offered=True, meals_offered=True)
    OfferFactory(slug="transport", transport_offered=True)
    OfferFactory(slug="none")
    assert sorted(slugs(client, "transport=1")) == ["both", "transport"]
    assert slugs(client, "maltid=1") == ["both"]


def test_an_unticked_flag_does_not_filter(client):
    OfferFactory(slug="none")
    assert slugs(client, "transport=") == ["none"]


def test_it_filters_by_accessibility_requiring_every_feature(client):
    step_free = AccessibilityFeatureFactory(slug="trinnfri-inngang")
    loop = AccessibilityFeatureFactory(slug="teleslynge")
    OfferFactory(slug="both", locations=[LocationFactory(accessibility=[step_free, loop])])
    OfferFactory(slug="one", locations=[LocationFactory(accessibility=[step_free])])
    assert sorted(slugs(client, "tilrettelegging=trinnfri-inngang")) == ["both", "one"]
    assert slugs(client, "tilrettelegging=trinnfri-inngang&tilrettelegging=teleslynge") == ["both"]


def test_it_filters_by_language(client):
    polish = LanguageFactory(slug="pl", name="Polsk")
    OfferFactory(slug="pl", languages=[polish])
    OfferFactory(slug="nb")
    assert slugs(client, "sprak=pl") == ["pl"]


def test_it_filters_by_available_places(client):
    OfferFactory(slug="free-places", places_available=3)
    OfferFactory(slug="full", places_available=0)
    OfferFactory(slug="unknown", places_available=None)
    assert slugs(client, "ledig=1") == ["free-places"]


def test_filters_combine(client):
    OfferFactory(slug="match", transport_offered=True)
    OfferFactory(slug="paid", transport_offered=True, cost=Offer.Cost.PRICE)
    other_day = OfferFactory(slug="other-day", transport_offered=True, opening_periods=False)
    OpeningPeriodFactory(offer=other_day, weekday=4)
    assert slugs(client, "dag=tirsdag&transport=1&gratis=1") == ["match"]


def test_it_searches_free_text(client):
    OfferFactory(slug="walk", title="Turgruppe for seniorer")
    OfferFactory(slug="choir", title="Seniorkoret")
    assert slugs(client, "q=turgrupper") == ["walk"]


def test_active_filters_are_listed_with_links_that_remove_each_one(client):
    CategoryFactory(slug="sosial", name="Sosialt")
    OfferFactory()
    response = client.get(f"{URL}?dag=tirsdag&transport=1&kategori=sosial&q=kaffe")
    active = {item["name"]: item["query"] for item in response.context["active_filters"]}
    assert set(active) == {"dag", "transport", "kategori", "q"}
    assert QueryDict(active["transport"]).dict() == {
        "dag": "tirsdag",
        "kategori": "sosial",
        "q": "kaffe",
    }
    html = response.content.decode()
    assert 'data-removable="true"' in html
    assert "fjern filteret" in html


@pytest.mark.parametrize(
    "query",
    [
        "kategori=finnes-ikke",
        "dag=blursday",
        "dag=1",
        "deltakelse=<script>",
        "bydel=%00",
        "gratis=kanskje",
        "transport=2",
        "sortering=DROP TABLE",
        "side=abc",
        "side=-1",
        "side=999999",
        "side=1.5",
        "q=" + "x" * 5000,
        "q=%27%22%29%28%3A*%26%7C%21",
        "q=:*&q=&|!",
        "q=dag%00senter",
        "q=og+i+p%C3%A5",
        "q=og+i+p%C3%A5&side=2&sortering=relevans",
        "kategori=%00",
        "tilrettelegging=a&tilrettelegging=b&tilrettelegging=c",
        "sprak=" + "&sprak=".join(["xx"] * 200),
        "ukjent=1",
    ],
)
def test_malformed_parameters_never_give_a_server_error(client, query):
    OfferFactory()
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200


def test_unknown_values_are_ignored_with_a_visible_note(client):
    OfferFactory(slug="a")
    response = client.get(f"{URL}?kategori=finnes-ikke&dag=tirsdag&gratis=kanskje")
    assert [o.slug for o in listed(response)] == ["a"]
    html = response.content.decode()
    assert "Noen valg i lenken kjente vi ikke igjen" in html
    assert "finnes-ikke" in html
    assert "kanskje" in html


def test_it_sorts_by_name_and_by_recently_updated(client):
    older = OfferFactory(slug="b", title="Bingo")
    OfferFactory(slug="a", title="Allsang")
    Offer.objects.filter(pk=older.pk).update(title="Bingo")  # touches nothing else
    Offer.objects.filter(slug="a").update(
        updated_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    assert slugs(client, "sortering=navn") == ["a", "b"]
    assert slugs(client, "sortering=oppdatert") == ["b", "a"]


def test_relevance_without_a_query_sorts_by_name(client):
    OfferFactory(slug="b", title="Bingo")
    OfferFactory(slug="a", title="Allsang")
    assert slugs(client, "sortering=relevans") == ["a", "b"]


def test_it_paginates_keeping_the_filters(client):
    OfferFactory.create_batch(25, transport_offered=True)
    response = client.get(f"{URL}?transport=1")
    assert len(response.context["offers"]) == 20
    html = response.content.decode()
    assert 'class="ds-pagination' in html
    assert "transport=1&amp;side=2" in html
    second = client.get(f"{URL}?transport=1&side=2")
    assert len(second.context["offers"]) == 5


def test_the_filter_form_is_a_get_form_rendered_with_crispy(client):
    OfferFactory()
    html = client.get(f"{URL}?dag=tirsdag").content.decode()
    assert 'method="get"' in html
    assert 'name="dag" value="tirsdag"' in html
    assert "checked" in html
    assert "csrfmiddlewaretoken" not in html.split('role="search"')[1].split("</form>")[0]


def test_search_offers_is_the_shared_entry_point():
    OfferFactory(slug="free", transport_offered=True)
    OfferFactory(slug="paid", cost=Offer.Cost.PRICE, transport_offered=True)
    filterset, queryset = search_offers(QueryDict("gratis=1&transport=1&kategori=nope"))
    assert [o.slug for o in queryset] == ["free"]
    assert filterset.ignored == [("Kategori", "nope")]


def test_it_works_in_nynorsk(client):
    OfferFactory(title="Turgruppe for seniorer", title_nn="Turgruppe for seniorar")
    client.cookies["django_language"] = "nn"
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE="nn").content.decode()
    assert "Turgruppe for seniorar" in html


def test_age_guidance_never_hides_an_offer(client):
    OfferFactory(slug="young", age_min=18, age_max=30)
    assert slugs(client) == ["young"]
    assert slugs(client, "q=aktivitet") == ["young"]


def test_less_used_filters_fold_away_unless_in_use(client):
    OfferFactory()
    html = client.get(URL).content.decode()
    assert '<details class="ds-details catalogue__more">' in html
    html = client.get(f"{URL}?maltid=1").content.decode()
    assert '<details class="ds-details catalogue__more" open>' in html


def test_the_filters_read_the_taxonomies_at_most_once_a_second(client, monkeypatch):
    category = CategoryFactory(slug="sosial", name="Sosialt")
    OfferFactory(categories=[category])
    now = [selectors._clock()]
    monkeypatch.setattr(selectors, "_clock", lambda: now[0])
    assert "Sosialt" in client.get(f"{URL}?q=a").content.decode()
    # Renamed by another process (no signal here): this one reads it within the second.
    Category.objects.filter(pk=category.pk).update(name="Sosialt fellesskap")
    assert "Sosialt fellesskap" not in client.get(f"{URL}?q=b").content.decode()
    now[0] += selectors.RECENT_CHOICES_SECONDS
    assert "Sosialt fellesskap" in client.get(f"{URL}?q=c").content.decode()
    # Renamed here: at once.
    category.name = "Fellesskap"
    category.save()
    assert "Fellesskap</label>" in client.get(f"{URL}?q=d").content.decode()
