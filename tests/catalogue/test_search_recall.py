"""Recall of the catalogue search on realistic queries, in bokmål and nynorsk, against
the demo catalogue. Each query lists offers it must find (it may find more).

Recall = found expected offers / all expected offers. The floor is higher on
PostgreSQL (full-text search with the `norwegian` configuration, prefixes, trigrams)
than on the SQLite fallback (light stemming and substring matching).
"""

import pytest
from django.conf import settings

from catalogue import search
from catalogue.models import Offer

DEMENTIA_CENTRES = {"solsikken-dagsenter-demens", "nordlys-dagsenter-demens"}
DAY_CENTRES = DEMENTIA_CENTRES | {"lindegarden-dagsenter"}

QUERIES: list[tuple[str, set[str]]] = [
    # Compounds and inflections of "dagsenter"
    ("dagsenter", DAY_CENTRES),
    ("dagsenteret", DAY_CENTRES),
    ("dagsentrene", DAY_CENTRES),
    ("dagsentre", DAY_CENTRES),
    ("dagsenter demens", DEMENTIA_CENTRES),
    (
        "demens",
        DEMENTIA_CENTRES
        | {"minnekoret", "parorendeskole-demens", "aktivitetsvenn-demens", "inn-pa-tunet"},
    ),
    ("demenskor", {"minnekoret"}),
    ("kor", {"seniorkoret", "minnekoret"}),
    ("koret", {"seniorkoret"}),
    # fritid → fritidsaktiviteter
    ("fritid", {"fritid-for-alle", "stottekontakt"}),
    ("fritidsaktiviteter", {"fritid-for-alle", "stottekontakt"}),
    ("fritidsaktivitetar", {"fritid-for-alle", "stottekontakt"}),  # nynorsk
    ("turgruppe", {"turgruppe-seniorer"}),
    ("turgrupper", {"turgruppe-seniorer"}),
    ("turgruppa", {"turgruppe-seniorer"}),  # nynorsk definite form
    ("gåtur", {"gagruppe-sor"}),
    ("strikkekafé", {"strikkekafe-vest"}),
    ("strikkekafe", {"strikkekafe-vest"}),
    ("strikking", {"strikkekafe-vest"}),
    (
        "kafé",
        {"strikkekafe-vest", "moteplassen", "arbeidstrening-kafe-brygga", "seniorsenteret-brygga"},
    ),
    ("lavterskel", {"moteplassen", "tirsdagstreffet"}),
    ("lågterskel kafé", {"moteplassen"}),  # nynorsk
    ("støttekontakt", {"stottekontakt"}),
    ("arbeidstrening", {"arbeidstiltak-verksted", "arbeidstrening-kafe-brygga"}),
    ("arbeids- og aktivitetstiltak", {"arbeidstiltak-verksted"}),
    ("snekkerverksted", {"arbeidstiltak-verksted"}),
    ("verksted", {"mannsverkstedet", "arbeidstiltak-verksted", "aktivitetshuset-verkstedet"}),
    ("verkstad", {"mannsverkstedet", "arbeidstiltak-verksted"}),  # nynorsk
    ("aktivitetshus", {"aktivitetshuset-verkstedet"}),
    ("eldresenter", {"seniorsenteret-brygga"}),
    ("seniorsenteret", {"seniorsenteret-brygga"}),
    ("trim for seniorer", {"trim-for-seniorer"}),
    ("trim for seniorar", {"trim-for-seniorer"}),  # nynorsk
    ("trening", {"bassengtrening", "trim-for-seniorer"}),
    ("basseng", {"bassengtrening"}),
    ("varmtvassbasseng", {"bassengtrening"}),  # nynorsk
    (
        "pårørende",
        {
            "parorendeskole-demens",
            "minnekoret",
            "solsikken-dagsenter-demens",
            "aktivitetsvenn-demens",
        },
    ),
    ("pårørande", {"parorendeskole-demens", "minnekoret"}),  # nynorsk
    ("pårørendeskole", {"parorendeskole-demens"}),
    ("avlastning", {"solsikken-dagsenter-demens", "aktivitetsvenn-demens"}),
    ("utviklingshemming", {"lindegarden-dagsenter", "fritid-for-alle"}),
    ("psykisk helse", {"moteplassen"}),
    ("ensom", {"besoksvenn"}),
    ("besøksvenn", {"besoksvenn"}),
    ("besøksven", {"besoksvenn"}),  # nynorsk
    ("selskap på dagtid", {"mannsforum", "tirsdagstreffet"}),
    ("mannsforum", {"mannsforum"}),
    ("men's shed", {"mannsverkstedet"}),
    ("datahjelp", {"datahjelp-seniorer"}),
    ("bankid", {"datahjelp-seniorer"}),
    ("språkkafé", {"sprakkafe"}),
    ("øve på norsk", {"sprakkafe"}),
    ("seniordans", {"seniordans"}),
    ("demensforeningen", {"minnekoret", "parorendeskole-demens", "aktivitetsvenn-demens"}),
    ("røde kors", {"gagruppe-sor", "mannsforum", "besoksvenn"}),
    ("gårdsbasert", {"inn-pa-tunet"}),
    ("gard", {"inn-pa-tunet"}),  # nynorsk
    ("inn på tunet", {"inn-pa-tunet"}),
    ("hukommelse", {"nordlys-dagsenter-demens", "minnekoret"}),
    ("yngre", {"aktivitetshuset-verkstedet", "dagaktivitet-yngre"}),
    ("dagaktivitet", {"dagaktivitet-yngre", "inn-pa-tunet", "solsikken-dagsenter-demens"}),
    ("dagaktivitetstilbod", {"solsikken-dagsenter-demens"}),  # nynorsk
    ("kvar tysdag", {"turgruppe-seniorer", "tirsdagstreffet", "mannsforum"}),  # nynorsk
    ("tysdagstreffet", {"tirsdagstreffet"}),  # nynorsk
    ("bingo", {"tirsdagstreffet", "seniorsenteret-brygga"}),
    ("vafler", {"tirsdagstreffet"}),
    ("middag", {"seniorsenteret-brygga", "solsikken-dagsenter-demens"}),
    ("walking group", {"turgruppe-seniorer"}),  # English title
]

RECALL_FLOOR = 0.95 if settings.USING_POSTGRES else 0.85


def _found(query: str) -> set[str]:
    return set(search.search(Offer.objects.published(), query).values_list("slug", flat=True))


@pytest.mark.django_db
def test_search_recall_on_realistic_queries(demo_catalogue, capsys):
    assert len(QUERIES) >= 40
    expected_total = 0
    found_total = 0
    misses = []
    for query, expected in QUERIES:
        found = _found(query)
        hit = expected & found
        expected_total += len(expected)
        found_total += len(hit)
        if hit != expected:
            misses.append(f"  {query!r}: missing {sorted(expected - found)}")
    recall = found_total / expected_total
    backend = "PostgreSQL" if settings.USING_POSTGRES else "SQLite fallback"
    with capsys.disabled():
        print(
            f"\nSearch recall ({backend}): {recall:.3f} over {len(QUERIES)} queries, {expected_total} expected hits"
        )
        if misses:
            print("\n".join(misses))
    assert recall >= RECALL_FLOOR, "\n".join(misses)


@pytest.mark.django_db
def test_the_best_match_comes_first(demo_catalogue):
    from django.http import QueryDict

    from catalogue.selectors import search_offers

    for query, slug in [
        ("turgruppe", "turgruppe-seniorer"),
        ("støttekontakt", "stottekontakt"),
        ("strikkekafé", "strikkekafe-vest"),
    ]:
        _filterset, queryset = search_offers(QueryDict(f"q={query}"))
        assert queryset[0].slug == slug, query
