"""Realistic catalogue searches, in bokmål and nynorsk, each with the demo offers it must
find (it may find more): tests/catalogue/test_search_recall.py measures recall with
them, and bench/data.py on the bench data."""

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
