"""The offers of the independent search test set, as plain data.

Where they come from: the offers are paraphrased from the kinds of pages Norwegian
municipalities and their partners publish about activity and day-centre services:
«dagaktivitetstilbud til hjemmeboende personer med demens» (Ålesund, Lillesand, Nordre
Land, Balsfjord, Vindafjord, Volda), «dagsenter for eldre» (Molde, Strand, Hå, Hustadvika,
Alver), pårørendeskoler and samtalegrupper (Gran, Frogn/Ås, Nordhordland), hukommelsesteam
(Indre Østfold, Lindesnes, Tolga), støttekontakt and fritidskontakt (Gran, Meland, Høylandet,
Fritid for alle), omsorgsstønad and avlastning (Luster, Time, Bodø), lavterskel møteplasser
for psykisk helse and rus (Hareid «Fellesskapet», Kristiansand «Huset», Halden, Oppegård,
Stavanger «Kulturaktiviteten»), varig tilrettelagt arbeid, frivilligsentraler
(Aktivitetsvenn, Røde Kors besøkstjeneste, Sykling uten alder), Sterk og stødig
(Kristiansund, Bergen), seniorsentre and seniorkafeer (Oslo, Førde, Oppdal, Fitjar),
bassengtrening, språkkafeer and datahjelp in libraries (Kristiansand, Orkland, Heimdal,
Rennesøy), and Inn på tunet farms. About a quarter are written in nynorsk only, as
Vestland municipalities write them; three are in English. The municipality («Fjordby»),
its districts, units, addresses and people are invented; no text is copied.

The set was written independently of the search engine (catalogue/search*) and of the
demo catalogue (catalogue/demo.py, tests/catalogue/search_queries.py): it measures the
engine and must not be tuned to it, nor the engine to it.

Relevance in queries.py is judged on these texts; change an offer and check the queries
that expect it.
"""

from dataclasses import dataclass

NB, NN, EN = "nb", "nn", "en"
OPEN, SIGNUP, APPLICATION = "open", "signup", "application"
MUNICIPAL, VOLUNTEER, PRIVATE = "municipal", "volunteer", "private"


@dataclass(frozen=True)
class DistrictSpec:
    slug: str
    name: str


@dataclass(frozen=True)
class CategorySpec:
    slug: str
    name: str
    name_nn: str
    name_en: str


@dataclass(frozen=True)
class UnitSpec:
    slug: str
    name: str
    kind: str = MUNICIPAL


@dataclass(frozen=True)
class LocationSpec:
    key: str
    name: str
    address: str
    postcode: str
    place: str
    district: str
    unit: str


@dataclass(frozen=True)
class ServiceTypeSpec:
    slug: str
    name: str


@dataclass(frozen=True)
class OfferSpec:
    slug: str
    title: str
    summary: str
    description: str
    suits: str
    categories: tuple[str, ...]
    unit: str
    location: str
    participation: str = OPEN
    language: str = NB  # the language the main texts are written in
    title_nn: str = ""
    title_en: str = ""
    summary_en: str = ""
    service_type: str = ""  # for offers by application


DISTRICTS = (
    DistrictSpec("sentrum", "Sentrum"),
    DistrictSpec("nordbyen", "Nordbyen"),
    DistrictSpec("sorbyen", "Sørbyen"),
    DistrictSpec("ostlia", "Østlia"),
    DistrictSpec("vestbyen", "Vestbyen"),
    DistrictSpec("fjellbygda", "Fjellbygda"),
    DistrictSpec("oyane", "Øyane"),
    DistrictSpec("dalen", "Dalen"),
)

CATEGORIES = (
    CategorySpec("dagtilbud", "Dagaktivitetstilbud", "Dagaktivitetstilbod", "Day activities"),
    CategorySpec("sosialt", "Sosialt fellesskap", "Sosialt fellesskap", "Social"),
    CategorySpec("fysisk", "Fysisk aktivitet", "Fysisk aktivitet", "Physical activity"),
    CategorySpec("arbeid", "Arbeid og aktivitet", "Arbeid og aktivitet", "Work and activity"),
    CategorySpec("kultur", "Kultur og musikk", "Kultur og musikk", "Culture and music"),
    CategorySpec("laering", "Kurs og læring", "Kurs og læring", "Courses and learning"),
    CategorySpec(
        "avlastning",
        "Avlastning og pårørendestøtte",
        "Avlasting og pårørandestøtte",
        "Respite and carer support",
    ),
    CategorySpec("rad", "Råd og veiledning", "Råd og rettleiing", "Advice and guidance"),
)

SERVICE_TYPES = (
    ServiceTypeSpec("dagaktivitet", "Dagaktivitetstilbud"),
    ServiceTypeSpec("stottekontakt", "Støttekontakt"),
    ServiceTypeSpec("avlastning", "Avlastning"),
    ServiceTypeSpec("omsorgsstonad", "Omsorgsstønad"),
    ServiceTypeSpec("arbeid", "Arbeids- og aktivitetstilbud"),
    ServiceTypeSpec("hverdagsrehabilitering", "Hverdagsrehabilitering"),
)

UNITS = (
    UnitSpec("lindehaugen-dagsenter", "Lindehaugen dagsenter"),
    UnitSpec("solbakken", "Solbakken bo- og servicesenter"),
    UnitSpec("sorbyen-helsehus", "Sørbyen helsehus"),
    UnitSpec("haugen-gard", "Haugen gard", PRIVATE),
    UnitSpec("hukommelsesteamet", "Hukommelsesteamet"),
    UnitSpec("demensforeningen", "Demensforeningen i Fjordby", VOLUNTEER),
    UnitSpec("parorendesenteret", "Pårørendesenteret", VOLUNTEER),
    UnitSpec("tildelingskontoret", "Tildelingskontoret for helse- og omsorgstjenester"),
    UnitSpec("bjorkelia", "Bjørkelia avlastning"),
    UnitSpec("fritid-for-alle", "Fritid for alle"),
    UnitSpec("bjorkely", "Bjørkely aktivitetssenter"),
    UnitSpec("vekstverket", "Vekstverket AS", PRIVATE),
    UnitSpec("fyrlyset", "Aktivitetshuset Fyrlyset"),
    UnitSpec("psykisk-helse-rus", "Psykisk helse og rus"),
    UnitSpec("bymisjonen", "Bymisjonen i Fjordby", PRIVATE),
    UnitSpec("fjordby-frivilligsentral", "Fjordby frivilligsentral", VOLUNTEER),
    UnitSpec("nordbyen-frivilligsentral", "Nordbyen frivilligsentral", VOLUNTEER),
    UnitSpec("rode-kors", "Fjordby Røde Kors", VOLUNTEER),
    UnitSpec("sentrum-seniorsenter", "Sentrum seniorsenter"),
    UnitSpec("ostlia-seniorsenter", "Østlia seniorsenter"),
    UnitSpec("frisklivssentralen", "Frisklivssentralen"),
    UnitSpec("pensjonistforeningen", "Fjordby pensjonistforening", VOLUNTEER),
    UnitSpec("svommeklubben", "Fjordby svømmeklubb", VOLUNTEER),
    UnitSpec("kulturenheten", "Kulturenheten"),
    UnitSpec("biblioteket", "Fjordby bibliotek"),
    UnitSpec("seniornett", "Seniornett Fjordby", VOLUNTEER),
    UnitSpec("hjemmetjenesten-sentrum", "Hjemmetjenesten Sentrum"),
    UnitSpec("menigheten", "Vestbyen menighet", VOLUNTEER),
    # The nynorsk-speaking part of the municipality.
    UnitSpec("oyane-omsorgssenter", "Øyane omsorgssenter"),
    UnitSpec("fjellbygda-omsorgstun", "Fjellbygda omsorgstun"),
    UnitSpec("dalen-helsetun", "Dalen helsetun"),
    UnitSpec("nedre-li-gard", "Nedre Li gard", PRIVATE),
    UnitSpec("heimetenesta-fjellbygda", "Heimetenesta Fjellbygda"),
    UnitSpec("psykisk-helse-fjellbygda", "Psykisk helseteneste Fjellbygda"),
    UnitSpec("fysioterapitenesta-fjellbygda", "Fysioterapitenesta Fjellbygda"),
    UnitSpec("kultureininga-fjellbygda", "Kultureininga Fjellbygda"),
    UnitSpec("fjellbygda-frivilligsentral", "Fjellbygda frivilligsentral", VOLUNTEER),
    UnitSpec("fjellbygda-pensjonistlag", "Fjellbygda pensjonistlag", VOLUNTEER),
    UnitSpec("oyane-frivilligsentral", "Øyane frivilligsentral", VOLUNTEER),
)

LOCATIONS = (
    LocationSpec(
        "lindehaugen",
        "Lindehaugen dagsenter",
        "Lindeveien 12",
        "5010",
        "Fjordby",
        "nordbyen",
        "lindehaugen-dagsenter",
    ),
    LocationSpec(
        "sentrum-helsehus",
        "Sentrum helsehus",
        "Kirkegata 4",
        "5003",
        "Fjordby",
        "sentrum",
        "hjemmetjenesten-sentrum",
    ),
    LocationSpec(
        "solbakken",
        "Solbakken bo- og servicesenter",
        "Solbakkveien 3",
        "5040",
        "Fjordby",
        "vestbyen",
        "solbakken",
    ),
    LocationSpec(
        "klovehagen",
        "Kløverhagen, Sørbyen helsehus",
        "Kløverveien 20",
        "5060",
        "Fjordby",
        "sorbyen",
        "sorbyen-helsehus",
    ),
    LocationSpec(
        "haugen-gard", "Haugen gard", "Haugenvegen 140", "5080", "Fjordby", "ostlia", "haugen-gard"
    ),
    LocationSpec(
        "parorendesenteret",
        "Pårørendesenteret",
        "Torget 2",
        "5003",
        "Fjordby",
        "sentrum",
        "parorendesenteret",
    ),
    LocationSpec(
        "radhuset",
        "Rådhuset",
        "Rådhusplassen 1",
        "5003",
        "Fjordby",
        "sentrum",
        "tildelingskontoret",
    ),
    LocationSpec(
        "bjorkelia",
        "Bjørkelia avlastningssenter",
        "Bjørkeveien 8",
        "5062",
        "Fjordby",
        "sorbyen",
        "bjorkelia",
    ),
    LocationSpec(
        "tunet", "Avlastningsboligen Tunet", "Tunveien 5", "5081", "Fjordby", "ostlia", "bjorkelia"
    ),
    LocationSpec(
        "kulturhuset",
        "Fjordby kulturhus",
        "Kulturgata 1",
        "5003",
        "Fjordby",
        "sentrum",
        "kulturenheten",
    ),
    LocationSpec(
        "sentrumsbadet",
        "Sentrumsbadet",
        "Badeveien 2",
        "5004",
        "Fjordby",
        "sentrum",
        "svommeklubben",
    ),
    LocationSpec(
        "bjorkely",
        "Bjørkely aktivitetssenter",
        "Bjørkelyveien 14",
        "5012",
        "Fjordby",
        "nordbyen",
        "bjorkely",
    ),
    LocationSpec(
        "vekstverket", "Vekstverket", "Industriveien 22", "5082", "Fjordby", "ostlia", "vekstverket"
    ),
    LocationSpec(
        "kafe-kvisten", "Kafé Kvisten", "Storgata 30", "5003", "Fjordby", "sentrum", "vekstverket"
    ),
    LocationSpec(
        "fyrlyset",
        "Aktivitetshuset Fyrlyset",
        "Havnegata 7",
        "5041",
        "Fjordby",
        "vestbyen",
        "fyrlyset",
    ),
    LocationSpec(
        "verkstedet",
        "Verkstedet",
        "Verkstedveien 3",
        "5063",
        "Fjordby",
        "sorbyen",
        "psykisk-helse-rus",
    ),
    LocationSpec(
        "pusterommet",
        "Kafé Pusterommet",
        "Kirkegata 15",
        "5003",
        "Fjordby",
        "sentrum",
        "bymisjonen",
    ),
    LocationSpec(
        "frivilligsentralen",
        "Fjordby frivilligsentral",
        "Storgata 11",
        "5003",
        "Fjordby",
        "sentrum",
        "fjordby-frivilligsentral",
    ),
    LocationSpec(
        "nordbyen-bydelshus",
        "Nordbyen bydelshus",
        "Nordveien 40",
        "5013",
        "Fjordby",
        "nordbyen",
        "nordbyen-frivilligsentral",
    ),
    LocationSpec(
        "rode-kors-huset", "Røde Kors-huset", "Sjøgata 9", "5003", "Fjordby", "sentrum", "rode-kors"
    ),
    LocationSpec(
        "sentrum-seniorsenter",
        "Sentrum seniorsenter",
        "Parkveien 5",
        "5003",
        "Fjordby",
        "sentrum",
        "sentrum-seniorsenter",
    ),
    LocationSpec(
        "ostlia-seniorsenter",
        "Østlia seniorsenter",
        "Østliveien 60",
        "5083",
        "Fjordby",
        "ostlia",
        "ostlia-seniorsenter",
    ),
    LocationSpec(
        "biblioteket",
        "Fjordby bibliotek, hovedbiblioteket",
        "Biblioteksgata 1",
        "5003",
        "Fjordby",
        "sentrum",
        "biblioteket",
    ),
    LocationSpec(
        "menighetshuset",
        "Vestbyen menighetshus",
        "Kirkebakken 2",
        "5042",
        "Fjordby",
        "vestbyen",
        "menigheten",
    ),
    LocationSpec(
        "oyane-omsorgssenter",
        "Øyane omsorgssenter",
        "Sjøvegen 21",
        "5390",
        "Øyvåg",
        "oyane",
        "oyane-omsorgssenter",
    ),
    LocationSpec(
        "oyane-grendahus",
        "Øyane grendahus",
        "Kaivegen 3",
        "5390",
        "Øyvåg",
        "oyane",
        "oyane-frivilligsentral",
    ),
    LocationSpec(
        "fjellbygda-omsorgstun",
        "Fjellbygda omsorgstun",
        "Tunvegen 4",
        "5700",
        "Fjellbygd",
        "fjellbygda",
        "fjellbygda-omsorgstun",
    ),
    LocationSpec(
        "dalen-helsetun",
        "Dalen helsetun",
        "Dalsvegen 88",
        "5720",
        "Dalsbygd",
        "dalen",
        "dalen-helsetun",
    ),
    LocationSpec(
        "nedre-li",
        "Nedre Li gard",
        "Livegen 301",
        "5710",
        "Fjellbygd",
        "fjellbygda",
        "nedre-li-gard",
    ),
    LocationSpec(
        "fjellbygda-frivilligsentral",
        "Fjellbygda frivilligsentral",
        "Skulevegen 2",
        "5700",
        "Fjellbygd",
        "fjellbygda",
        "fjellbygda-frivilligsentral",
    ),
    LocationSpec(
        "fjellbygda-kulturhus",
        "Fjellbygda kulturhus",
        "Kyrkjevegen 1",
        "5700",
        "Fjellbygd",
        "fjellbygda",
        "kultureininga-fjellbygda",
    ),
    LocationSpec(
        "motestaden",
        "Møtestaden",
        "Torgvegen 6",
        "5700",
        "Fjellbygd",
        "fjellbygda",
        "psykisk-helse-fjellbygda",
    ),
    LocationSpec(
        "fjellbygda-symjehall",
        "Fjellbygda symjehall",
        "Idrettsvegen 10",
        "5701",
        "Fjellbygd",
        "fjellbygda",
        "fysioterapitenesta-fjellbygda",
    ),
    LocationSpec(
        "vedverkstaden",
        "Vedverkstaden",
        "Industrivegen 5",
        "5701",
        "Fjellbygd",
        "fjellbygda",
        "psykisk-helse-fjellbygda",
    ),
)


OFFERS = (
    # --- Day activities for people with dementia, day centres for older people ---------
    OfferSpec(
        slug="lindehaugen-dagsenter-demens",
        title="Dagsenter for hjemmeboende personer med demens – Lindehaugen",
        title_nn="Dagsenter for heimebuande personar med demens – Lindehaugen",
        title_en="Day centre for people with dementia living at home – Lindehaugen",
        summary="Tilrettelagt dagaktivitetstilbud en til tre dager i uken for deg som har demens og bor hjemme.",
        description=(
            "På Lindehaugen dagsenter får du en trygg og meningsfull dag sammen med andre. "
            "Dagen har en fast rytme med frokost, avislesing, trim, turer i nærområdet, sang og "
            "musikk, og varm middag før hjemreise. Vi henter deg hjemme og kjører deg hjem igjen. "
            "Aktivitetene tilpasses interessene og formen til hver enkelt. Tilbudet gir også "
            "pårørende en pause i hverdagen."
        ),
        suits=(
            "For deg som har fått påvist demens eller er under utredning, bor hjemme og har "
            "glede av fellesskap og faste rammer på dagtid."
        ),
        categories=("dagtilbud", "sosialt"),
        unit="lindehaugen-dagsenter",
        location="lindehaugen",
        participation=APPLICATION,
        service_type="dagaktivitet",
    ),
    OfferSpec(
        slug="dagaktivitet-yngre-med-demens",
        title="Dagaktivitetstilbud for yngre personer med demens",
        summary="Et aktivt dagtilbud med turer, trening og praktisk arbeid for deg under 67 år som har fått demens.",
        description=(
            "Tilbudet er laget for yngre som har fått en demensdiagnose og som ønsker fysisk "
            "aktivitet og meningsfylte oppgaver. Gruppen er liten, med fem til seks deltakere hver "
            "dag. Vi går lange turer, trener i gymsal, lager mat sammen og gjør oppdrag for "
            "nærmiljøet, som å fyre bål og stelle i parken. Deltakerne er med og bestemmer "
            "innholdet. Transport kan avtales."
        ),
        suits=(
            "For deg i yrkesaktiv alder med demens eller kognitiv svikt som vil holde deg i "
            "aktivitet og ha et sted å gå på dagtid."
        ),
        categories=("dagtilbud", "fysisk"),
        unit="lindehaugen-dagsenter",
        location="sentrum-helsehus",
        participation=APPLICATION,
        service_type="dagaktivitet",
    ),
    OfferSpec(
        slug="solbakken-dagsenter-eldre",
        title="Dagsenter for eldre – Solbakken",
        title_en="Day centre for older people – Solbakken",
        summary="Dagopphold med sosialt fellesskap, måltider og aktiviteter for eldre som bor hjemme.",
        description=(
            "Dagsenteret på Solbakken bo- og servicesenter er åpent mandag til fredag fra klokken "
            "9 til 14. Du får frokost og middag, og vi har trim, høytlesing, quiz, bingo og "
            "kulturinnslag. Fysioterapeut leder en treningsgruppe to ganger i uken. De som trenger "
            "det, blir hentet og kjørt hjem med drosje. Du kan få plass fra én til fem dager i "
            "uken, etter behov og ledig kapasitet."
        ),
        suits=(
            "For eldre hjemmeboende som har vanskelig for å komme seg ut på egen hånd, er mye "
            "alene eller trenger hjelp til å holde seg i form."
        ),
        categories=("dagtilbud", "sosialt"),
        unit="solbakken",
        location="solbakken",
        participation=APPLICATION,
        service_type="dagaktivitet",
    ),
    OfferSpec(
        slug="klovehagen-dagsenter",
        title="Kløverhagen dagsenter for personer med hukommelsessvikt",
        summary="Skjermet dagsenter for hjemmeboende med demens eller annen kognitiv svikt i Sørbyen.",
        description=(
            "Kløverhagen ligger i første etasje på Sørbyen helsehus og har egen sansehage. Vi er "
            "en liten gruppe med erfarne ansatte, slik at det blir rolig og oversiktlig. Dagen "
            "fylles med aktiviteter som passer den enkelte: baking, hagestell, musikk, bevegelse "
            "og samtaler om gamle dager. Frokost, middag og transport til og fra hjemmet er med i "
            "egenandelen. Vi samarbeider tett med pårørende."
        ),
        suits=(
            "For deg som har demenssykdom og trenger et rolig og tilrettelagt miljø på dagtid, og "
            "for familier som trenger avlastning."
        ),
        categories=("dagtilbud", "avlastning"),
        unit="sorbyen-helsehus",
        location="klovehagen",
        participation=APPLICATION,
        service_type="dagaktivitet",
    ),
    OfferSpec(
        slug="lordagsapent-dagsenter",
        title="Lørdagsåpent dagsenter for personer med demens",
        summary="Dagaktivitet på lørdager, slik at pårørende får fri i helgen.",
        description=(
            "Mange pårørende står i omsorgen sju dager i uken. Derfor holder Lindehaugen åpent "
            "hver lørdag fra klokken 10 til 15 for personer med demens som bor hjemme. Vi spiser "
            "lunsj sammen, går tur, synger og ser på bilder. Tilbudet kan kombineres med plass på "
            "hverdager."
        ),
        suits="For hjemmeboende med demens der pårørende trenger avlastning i helgene.",
        categories=("dagtilbud", "avlastning"),
        unit="lindehaugen-dagsenter",
        location="lindehaugen",
        participation=APPLICATION,
        service_type="dagaktivitet",
    ),
    OfferSpec(
        slug="inn-pa-tunet-haugen-gard",
        title="Inn på tunet – gårdsbasert dagtilbud på Haugen gard",
        title_en="Farm-based day activities for people with dementia – Haugen farm",
        summary="Dagaktivitet på gård for hjemmeboende personer med demens: dyr, hage, vedhogst og felles lunsj.",
        description=(
            "Haugen gard er en godkjent Inn på tunet-gård med sauer, høner og kaniner. Deltakerne "
            "steller dyrene, sanker egg, arbeider i grønnsakshagen og hugger ved etter evne og "
            "lyst. Vi lager lunsj på vedovnen og går turer på gårdsveiene. Mange kjenner seg igjen "
            "i gårdslivet fra yngre dager. Kommunen tildeler plassene og sørger for transport."
        ),
        suits=(
            "For deg med demens som trives ute, liker dyr og praktisk arbeid, og vil ha en aktiv "
            "dag på landet."
        ),
        categories=("dagtilbud", "arbeid"),
        unit="haugen-gard",
        location="haugen-gard",
        participation=APPLICATION,
        service_type="dagaktivitet",
    ),
    OfferSpec(
        slug="dagtilbod-demens-oyane",
        language=NN,
        title="Dagtilbod for heimebuande personar med demens – Øyane",
        summary="Tilrettelagt dagtilbod med aktivitetar, måltid og skyss for deg som har demens og bur heime.",
        description=(
            "Dagsenteret på Øyane omsorgssenter er ope tysdag til fredag. Her kan du ta del i "
            "aktivitetar og eit sosialt fellesskap: song og musikk, turar langs sjøen, lett "
            "trening og kjøkkenarbeid. Du får frukost og middag, og vi hentar deg heime. Tilbodet "
            "skal gje deg ein god dag og gje pårørande avlasting i kvardagen. Du søkjer om plass "
            "hos tenestekontoret."
        ),
        suits=(
            "For deg som har demens eller kognitiv svikt, bur heime og har glede av å vere saman "
            "med andre."
        ),
        categories=("dagtilbud", "sosialt"),
        unit="oyane-omsorgssenter",
        location="oyane-omsorgssenter",
        participation=APPLICATION,
        service_type="dagaktivitet",
    ),
    OfferSpec(
        slug="dagsenter-eldre-fjellbygda",
        language=NN,
        title="Dagsenter for eldre heimebuande – Fjellbygda omsorgstun",
        summary="Dagopphald med sosialt samvær, trim og gode måltid for eldre som bur heime.",
        description=(
            "Dagsenteret på Fjellbygda omsorgstun er ope måndag, onsdag og fredag. Vi et frukost "
            "og middag saman, har trim og balansetrening, lesestund og handarbeid, og vi markerer "
            "høgtidene gjennom året. Tilbodet skal hjelpe deg å halde ved lag funksjonane dine, "
            "slik at du kan bu lengst mogleg i eigen heim. Skyss til og frå er med i prisen."
        ),
        suits=(
            "For eldre som bur heime og treng å kome seg ut av ein einsam kvardag, eller som "
            "treng hjelp til å halde seg aktive."
        ),
        categories=("dagtilbud", "sosialt"),
        unit="fjellbygda-omsorgstun",
        location="fjellbygda-omsorgstun",
        participation=APPLICATION,
        service_type="dagaktivitet",
    ),
    OfferSpec(
        slug="inn-pa-tunet-nedre-li",
        language=NN,
        title="Inn på tunet: dagtilbod på garden Nedre Li",
        summary="Gardsbasert dagaktivitetstilbod for personar med demens, med dyr, hagearbeid og turar.",
        description=(
            "På Nedre Li gard får deltakarane vere med på gardsarbeidet slik årstida krev: fôre "
            "geitene, plukke bær, setje potet og kløyve ved. Gruppa er på seks personar, og bonden "
            "og ein hjelpepleiar er alltid til stades. Vi et middag saman i stova. Kommunen "
            "tildeler plass og ordnar skyss."
        ),
        suits="For heimebuande med demens som likar å vere ute og å arbeide med hendene.",
        categories=("dagtilbud", "arbeid"),
        unit="nedre-li-gard",
        location="nedre-li",
        participation=APPLICATION,
        service_type="dagaktivitet",
    ),
    OfferSpec(
        slug="dagaktivitetstilbod-dalen",
        language=NN,
        title="Dagaktivitetstilbod på Dalen helsetun",
        summary="Dagtilbod to dagar i veka for heimebuande med demens eller byrjande gløymsle.",
        description=(
            "Dalen helsetun har dagtilbod tysdag og torsdag frå klokka 10 til 15. Vi startar "
            "dagen med kaffi og avis, og held fram med minnestund, song, trim i stolen og turar i "
            "bygda. Middagen et vi saman. Tilbodet er lite og heimekoseleg, og dei tilsette "
            "kjenner bygda og folka godt."
        ),
        suits=(
            "For deg som har demens eller har byrja å gløyme, bur heime i Dalen og ønskjer "
            "fellesskap på dagtid."
        ),
        categories=("dagtilbud", "sosialt"),
        unit="dalen-helsetun",
        location="dalen-helsetun",
        participation=APPLICATION,
        service_type="dagaktivitet",
    ),
    # --- Memory teams ------------------------------------------------------------------
    OfferSpec(
        slug="hukommelsesteamet",
        title="Hukommelsesteamet – råd og utredning ved glemsomhet",
        summary="Hjemmebesøk, kartlegging og veiledning når du eller en du kjenner har begynt å glemme.",
        description=(
            "Hukommelsesteamet består av sykepleier, ergoterapeut og demenskoordinator. Vi kommer "
            "hjem til deg, kartlegger hukommelsen og hverdagen, og bistår fastlegen med utredning "
            "av demens. Etterpå gir vi råd om hjelpemidler, dagaktivitet og andre tilbud, og "
            "følger opp både deg og familien. Du trenger ingen henvisning for å ta kontakt, og "
            "tilbudet er gratis."
        ),
        suits=(
            "For deg som er bekymret for egen eller en nær persons hukommelse, og for pårørende "
            "som trenger råd."
        ),
        categories=("rad",),
        unit="hukommelsesteamet",
        location="sentrum-helsehus",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="demensteam-fjellbygda",
        language=NN,
        title="Demenskoordinator og demensteam i Fjellbygda",
        summary="Rettleiing, heimebesøk og hjelp til utgreiing når nokon i familien har byrja å gløyme.",
        description=(
            "Demensteamet i heimetenesta kjem heim til deg og kartlegg korleis kvardagen "
            "fungerer. Vi samarbeider med fastlegen om utgreiing av demens og gjev råd om "
            "hjelpemiddel, dagtilbod og avlasting. Demenskoordinatoren er kontaktperson for deg og "
            "familien gjennom heile sjukdomsforløpet. Det er gratis å ta kontakt."
        ),
        suits=(
            "For personar med hukommelsesvanskar og pårørande som treng råd og nokon å halde seg til."
        ),
        categories=("rad",),
        unit="heimetenesta-fjellbygda",
        location="fjellbygda-omsorgstun",
        participation=SIGNUP,
    ),
    # --- Relatives and caregivers ------------------------------------------------------
    OfferSpec(
        slug="parorendeskole-demens",
        title="Pårørendeskole for pårørende til personer med demens",
        title_nn="Pårørandeskule for pårørande til personar med demens",
        summary="Kurs over fem kvelder med undervisning og samtalegrupper for deg som har en nær person med demens.",
        description=(
            "Pårørendeskolen gir kunnskap om demenssykdommene, kommunikasjon, lover og "
            "rettigheter og hvordan du kan ta vare på deg selv. Hver kveld starter med et foredrag "
            "av lege, sykepleier eller en pårørende, og avsluttes med samtale i små grupper ledet "
            "av en fagperson. Mange forteller at det betyr mye å møte andre i samme situasjon. "
            "Kurset holdes om høsten og våren, onsdager klokken 18–21."
        ),
        suits=(
            "For ektefeller, barn og andre nære pårørende til personer med demens, uansett hvor "
            "langt sykdommen har kommet."
        ),
        categories=("laering", "avlastning"),
        unit="demensforeningen",
        location="sentrum-helsehus",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="samtalegruppe-parorende-demens",
        title="Samtalegruppe for pårørende til personer med demens",
        summary="En fast gruppe der pårørende deler erfaringer og får støtte, ledet av demenskoordinator.",
        description=(
            "Gruppen møtes annenhver tirsdag gjennom et halvt år, med seks til åtte deltakere. Her "
            "kan du snakke åpent om det som er vanskelig, få gode råd fra andre og lære av "
            "fagpersonen som leder gruppen. Det som blir sagt i gruppen, blir i gruppen. Mange "
            "fortsetter å treffes på egen hånd etterpå."
        ),
        suits=(
            "For deg som har gått på pårørendeskolen, eller som står i omsorgen for en med demens "
            "og trenger noen å snakke med."
        ),
        categories=("avlastning",),
        unit="hukommelsesteamet",
        location="sentrum-helsehus",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="parorendekafe",
        title="Pårørendekafé",
        summary="Uformell kafékveld med et kort tema for alle som er pårørende.",
        description=(
            "Første torsdag i måneden inviterer Pårørendesenteret til kafé med kaffe, noe å bite i "
            "og et kort innlegg om et tema, for eksempel søvn, sorg, rettigheter eller hvordan du "
            "sier fra om egne behov. Etterpå er det tid til prat. Du kan være pårørende til noen "
            "med demens, psykisk sykdom, rusproblemer eller alvorlig sykdom. Ingen påmelding."
        ),
        suits="For voksne pårørende som trenger et pusterom og vil møte andre i lignende situasjon.",
        categories=("avlastning", "sosialt"),
        unit="parorendesenteret",
        location="parorendesenteret",
    ),
    OfferSpec(
        slug="samtalegruppe-parorende-rus-psykisk",
        title="Samtalegruppe for pårørende innen rus og psykisk helse",
        summary="Samtalegruppe over åtte samlinger for deg som står nær en med rusproblemer eller psykisk sykdom.",
        description=(
            "Å være pårørende til noen med avhengighet eller psykisk lidelse kan være ensomt og "
            "slitsomt. I gruppen får du kunnskap, støtte og verktøy for å ta vare på deg selv. "
            "Gruppen ledes av en erfaren familieterapeut og en likeperson. Samlingene er på "
            "kveldstid og er gratis."
        ),
        suits=(
            "For foreldre, partnere, søsken og voksne barn av personer med rusproblemer eller "
            "psykiske helseutfordringer."
        ),
        categories=("avlastning",),
        unit="parorendesenteret",
        location="parorendesenteret",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="parorandeskule-demens",
        language=NN,
        title="Pårørandeskule – kurs for pårørande til personar med demens",
        summary="Fem kveldssamlingar med førelesing og samtalegrupper for pårørande og nære vener.",
        description=(
            "Pårørandeskulen gjev deg kunnskap om demens, korleis sjukdomen verkar inn på "
            "kvardagen og kva hjelp som finst i kommunen. Kvar samling har ein time førelesing "
            "før pausen og deretter samtale i gruppe. Mange seier at samtaledelen er det "
            "viktigaste. Det er fint om fleire frå same familie blir med, slik at de får den same "
            "kunnskapen."
        ),
        suits="For pårørande og nære vener til ein som har demens.",
        categories=("laering", "avlastning"),
        unit="oyane-omsorgssenter",
        location="oyane-omsorgssenter",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="samtalegruppe-parorande",
        language=NN,
        title="Samtalegruppe for pårørande som har omsorg heime",
        summary="Ein stad å dele erfaringar for deg som har tunge omsorgsoppgåver for nokon i familien.",
        description=(
            "Gruppa møtest kvar tredje veke på Fjellbygda omsorgstun. Ein sjukepleiar frå "
            "heimetenesta leier samtalane, og tema blir valt saman med deltakarane. Her kan du "
            "snakke om det som er krevjande, og få tips om avlasting og andre tenester. Det er "
            "gratis å vere med."
        ),
        suits=(
            "For deg som har omsorg for ein ektefelle, forelder eller eit barn som treng mykje hjelp."
        ),
        categories=("avlastning",),
        unit="heimetenesta-fjellbygda",
        location="fjellbygda-omsorgstun",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="omsorgsstonad",
        title="Omsorgsstønad",
        summary="Økonomisk støtte til deg som har særlig tyngende omsorgsarbeid for en i familien.",
        description=(
            "Kommunen kan gi omsorgsstønad til personer som pleier og har omsorg for et "
            "familiemedlem eller en annen nærstående, når omsorgen er særlig tyngende. Stønaden "
            "skal gjøre det mulig for deg å fortsette med omsorgen. Vi vurderer hvor mye tid "
            "omsorgen tar og om andre tjenester kan være bedre. Både den som gir og den som får "
            "omsorg, kan søke."
        ),
        suits=(
            "For pårørende som bruker mye tid på pleie og omsorg for en nærstående som bor hjemme."
        ),
        categories=("avlastning",),
        unit="tildelingskontoret",
        location="radhuset",
        participation=APPLICATION,
        service_type="omsorgsstonad",
    ),
    OfferSpec(
        slug="avlastning-bjorkelia",
        title="Avlastningsopphold for pårørende – Bjørkelia",
        summary="Korttidsopphold for den du har omsorg for, slik at du som pårørende får hvile.",
        description=(
            "Bjørkelia har ti rom for avlastningsopphold. Den du har omsorg for, kan bo hos oss "
            "fra noen døgn til to uker, fast hver fjerde uke eller etter avtale. Du får tid til å "
            "hvile, reise eller ta vare på egen helse, mens vi sørger for pleie, måltider og "
            "aktiviteter. Tilbudet passer også for personer med demens."
        ),
        suits="For pårørende med særlig tyngende omsorgsarbeid for en som bor hjemme.",
        categories=("avlastning",),
        unit="bjorkelia",
        location="bjorkelia",
        participation=APPLICATION,
        service_type="avlastning",
    ),
    OfferSpec(
        slug="avlastning-barn-og-unge",
        title="Avlastning for familier med barn og unge med funksjonsnedsettelse",
        summary="Avlastningsbolig og avlastere i hjemmet for foreldre med særlig tyngende omsorg.",
        description=(
            "Avlastningsboligen Tunet tar imot barn og unge med funksjonsnedsettelse på helger og "
            "enkelte ettermiddager. Familien kan også få en privat avlaster som tar barnet med på "
            "aktiviteter. Målet er at foreldre og søsken skal få hvile og tid sammen. Vi legger "
            "opp oppholdet etter barnets rutiner og behov."
        ),
        suits=(
            "For foreldre til barn og ungdom med store hjelpebehov som trenger pauser i omsorgen."
        ),
        categories=("avlastning",),
        unit="bjorkelia",
        location="tunet",
        participation=APPLICATION,
        service_type="avlastning",
    ),
    OfferSpec(
        slug="avlasting-i-heimen",
        language=NN,
        title="Avlasting i heimen for pårørande",
        summary="Ein tilsett frå heimetenesta er hos den du har omsorg for, slik at du får nokre timar fri.",
        description=(
            "Avlasting i heimen betyr at nokon frå heimetenesta kjem heim og er saman med den du "
            "har omsorg for, til dømes ein ettermiddag i veka. Då kan du gå på butikken, trene, "
            "møte vener eller berre kvile. Tilbodet er gratis for deg som pårørande. Du søkjer "
            "hos tenestekontoret."
        ),
        suits="For pårørande som har særleg tyngande omsorgsarbeid og treng pausar i kvardagen.",
        categories=("avlastning",),
        unit="heimetenesta-fjellbygda",
        location="fjellbygda-omsorgstun",
        participation=APPLICATION,
        service_type="avlastning",
    ),
    OfferSpec(
        slug="avlastingsopphald-oyane",
        language=NN,
        title="Avlastingsopphald på Øyane omsorgssenter",
        summary="Korttidsopphald på institusjon som avlasting for pårørande.",
        description=(
            "Øyane omsorgssenter har to rom for avlasting. Den du har omsorg for, kan bu hos oss "
            "nokre døgn om gongen, anten fast eller når du treng det. Vi tek oss av pleie, måltid "
            "og aktivitetar, og du får tid til å hente deg inn. Opphaldet er gratis når det blir "
            "gjeve som avlasting."
        ),
        suits="For familiar som har omsorg for ein eldre eller ein person med demens heime.",
        categories=("avlastning",),
        unit="oyane-omsorgssenter",
        location="oyane-omsorgssenter",
        participation=APPLICATION,
        service_type="avlastning",
    ),
    # --- Støttekontakt and leisure for people with disabilities ------------------------
    OfferSpec(
        slug="stottekontakt",
        title="Støttekontakt",
        title_en="Support contact (støttekontakt)",
        summary="En fast person som hjelper deg til en aktiv og meningsfull fritid.",
        description=(
            "En støttekontakt er en vanlig person som får opplæring og lønn fra kommunen for å "
            "være sammen med deg noen timer i uken. Dere kan gå på kino, fotballkamp, trening "
            "eller tur, eller bare ta en kaffe på byen. Tjenesten kan gis individuelt, i en "
            "aktivitetsgruppe eller i samarbeid med en frivillig organisasjon. Det er gratis å ha "
            "støttekontakt, men du betaler egne utgifter til aktivitetene."
        ),
        suits=(
            "For barn, unge og voksne som på grunn av funksjonsnedsettelse, psykisk sykdom, "
            "rusproblemer eller sosiale utfordringer trenger hjelp til å delta i "
            "fritidsaktiviteter."
        ),
        categories=("sosialt",),
        unit="fritid-for-alle",
        location="kulturhuset",
        participation=APPLICATION,
        service_type="stottekontakt",
    ),
    OfferSpec(
        slug="aktivitetsgruppe-stottekontakt",
        title="Støttekontakt i gruppe – aktivitetsgruppe for voksne",
        summary="Fast ukentlig gruppe med fritidskontakter for voksne som ønsker å gjøre ting sammen med andre.",
        description=(
            "Aktivitetsgruppen møtes hver onsdag ettermiddag. Deltakerne lager en månedsplan "
            "sammen med fritidskontaktene: bowling, kino, matlaging, turer og av og til lengre "
            "utflukter. Gruppene settes sammen etter interesser og alder. Et godt alternativ til "
            "individuell støttekontakt for deg som vil bli kjent med flere."
        ),
        suits=(
            "For voksne som har vedtak om støttekontakt eller ønsker det, og som trives i en liten "
            "gruppe."
        ),
        categories=("sosialt",),
        unit="fritid-for-alle",
        location="kulturhuset",
        participation=APPLICATION,
        service_type="stottekontakt",
    ),
    OfferSpec(
        slug="stottekontakt-fjellbygda",
        language=NN,
        title="Støttekontakt og fritidskontakt",
        summary="Hjelp til å skape ei aktiv og meiningsfull fritid saman med andre.",
        description=(
            "Ein støttekontakt, eller fritidskontakt, kan besøkje deg heime, gå tur med deg eller "
            "bli med på aktivitetar og arrangement. Tilbodet blir planlagt saman med deg ut frå "
            "interessene dine. Du kan få støttekontakt åleine, i gruppe eller gjennom ein "
            "frivillig organisasjon. Støttekontakten har teieplikt og har vist politiattest. Det "
            "er gratis, men du dekkjer eigne utgifter til til dømes kinobillett eller symjehall."
        ),
        suits=(
            "For deg som på grunn av sjukdom, rusproblem, sosiale utfordringar eller nedsett "
            "funksjonsevne treng hjelp til å delta på fritida."
        ),
        categories=("sosialt",),
        unit="kultureininga-fjellbygda",
        location="fjellbygda-kulturhus",
        participation=APPLICATION,
        service_type="stottekontakt",
    ),
    OfferSpec(
        slug="fritid-med-bistand",
        title="Fritid med bistand – finn din fritidsaktivitet",
        summary="Vi hjelper deg å finne og komme i gang med en vanlig fritidsaktivitet i lag eller forening.",
        description=(
            "Fritid med bistand er en metode der en fritidsveileder kartlegger hva du liker, "
            "finner et lag, kor eller en klubb som passer, og følger deg de første gangene. Etter "
            "hvert deltar du på egen hånd, og laget vet hvordan de kan legge til rette. Mange har "
            "fått nye venner og faste holdepunkter i uka på denne måten."
        ),
        suits=(
            "For deg som ønsker en fritidsaktivitet, men trenger litt hjelp til å finne den og "
            "komme i gang."
        ),
        categories=("sosialt",),
        unit="fritid-for-alle",
        location="kulturhuset",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="fredagsklubben",
        title="Fredagsklubben – fritidsklubb for ungdom og voksne med utviklingshemming",
        summary="Disko, karaoke, spill og kafé hver fredag kveld på kulturhuset.",
        description=(
            "Fredagsklubben er et åpent fritidstilbud for deg over 16 år med utviklingshemming "
            "eller andre funksjonsnedsettelser. Vi har disko med DJ, karaoke, brettspill og kafé "
            "med pizza og brus. Ansatte og frivillige er til stede hele kvelden. Ta gjerne med "
            "støttekontakten eller en venn."
        ),
        suits=(
            "For ungdom og voksne med utviklingshemming som vil treffe venner og ha det gøy i "
            "helgen."
        ),
        categories=("sosialt", "kultur"),
        unit="fritid-for-alle",
        location="kulturhuset",
    ),
    OfferSpec(
        slug="tilrettelagt-svomming",
        title="Tilrettelagt svømming for personer med funksjonsnedsettelse",
        summary="Svømming og bevegelse i varmt vann med god hjelp, hver søndag på Sentrumsbadet.",
        description=(
            "Bassenget holder 32 grader, og vi har heis, stellebenk og god plass i garderobene. "
            "Instruktører fra Fritid for alle og frivillige fra svømmeklubben hjelper deg i "
            "vannet. Du trenger ikke kunne svømme. Ledsager har gratis adgang."
        ),
        suits=(
            "For barn og voksne med fysisk eller psykisk funksjonsnedsettelse som vil være aktive "
            "i vann."
        ),
        categories=("fysisk",),
        unit="fritid-for-alle",
        location="sentrumsbadet",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="torsdagsklubben",
        language=NN,
        title="Torsdagsklubben – fritidstilbod for vaksne med funksjonsnedsetjing",
        summary="Sosial kveld med song, spel og kveldsmat kvar torsdag i Fjellbygda.",
        description=(
            "Torsdagsklubben er ein open klubb for vaksne med utviklingshemming eller andre "
            "funksjonsnedsetjingar. Vi syng, speler bingo og brettspel, har quiz og et kveldsmat "
            "saman. Nokre gonger dreg vi på konsert eller kino. Tilsette frå kultureininga og "
            "frivillige er med."
        ),
        suits=(
            "For vaksne med funksjonsnedsetjing som vil ha ein fast og kjekk møtestad på kveldstid."
        ),
        categories=("sosialt", "kultur"),
        unit="kultureininga-fjellbygda",
        location="fjellbygda-kulturhus",
    ),
    OfferSpec(
        slug="bjorkely-aktivitetssenter",
        title="Bjørkely aktivitetssenter for voksne med utviklingshemming",
        summary="Dagtilbud med arbeidsoppgaver, sansestimulering og turer for voksne med utviklingshemming.",
        description=(
            "Bjørkely gir voksne med utviklingshemming en meningsfull hverdag med aktiviteter "
            "tilpasset hver enkelt. Noen lager fuglekasser og kort for salg, andre arbeider i "
            "vaskeriet eller kjøkkenet. Vi har sanserom, musikkgruppe og daglige turer. Tilbudet "
            "er åpent hverdager fra 8.30 til 15.00, og transport ordnes."
        ),
        suits=(
            "For voksne med utviklingshemming eller store funksjonsnedsettelser som trenger et "
            "tilrettelagt dagtilbud."
        ),
        categories=("dagtilbud", "arbeid"),
        unit="bjorkely",
        location="bjorkely",
        participation=APPLICATION,
        service_type="dagaktivitet",
    ),
    # --- Work and activity -------------------------------------------------------------
    OfferSpec(
        slug="vta-vekstverket",
        title="Varig tilrettelagt arbeid (VTA) – Vekstverket",
        summary="Tilrettelagt arbeid i snekkerverksted, vaskeri eller kantine for deg som har uføretrygd.",
        description=(
            "Vekstverket er en arbeidsmarkedsbedrift som tilbyr varig tilrettelagt arbeid. Du "
            "blir ansatt med arbeidskontrakt og får oppgaver tilpasset din arbeidsevne, med tett "
            "oppfølging fra arbeidsledere. Vi produserer ved, fuglekasser og møbler, og driver "
            "vaskeri og kantine for bedrifter i byen. Du søker om VTA-plass gjennom NAV."
        ),
        suits=(
            "For deg som har eller venter å få uføretrygd, og som ønsker en fast arbeidsplass med "
            "tilrettelegging."
        ),
        categories=("arbeid",),
        unit="vekstverket",
        location="vekstverket",
        participation=APPLICATION,
        service_type="arbeid",
    ),
    OfferSpec(
        slug="arbeidstrening-kafe-kvisten",
        title="Arbeidstrening i Kafé Kvisten",
        summary="Arbeidstrening i kafé og kjøkken for deg som vil tilbake til arbeidslivet.",
        description=(
            "Kafé Kvisten i Storgata drives av deltakere i arbeidstrening sammen med faste "
            "ansatte. Du lærer servering, kassearbeid, baking og matlaging, og får attest og "
            "referanse når du går videre. Tiden tilpasses: noen starter med to timer om dagen. Vi "
            "samarbeider med NAV og psykisk helsetjeneste."
        ),
        suits=(
            "For voksne som har stått utenfor arbeidslivet på grunn av psykiske helseutfordringer, "
            "rus eller lang sykdom."
        ),
        categories=("arbeid",),
        unit="vekstverket",
        location="kafe-kvisten",
        participation=APPLICATION,
        service_type="arbeid",
    ),
    OfferSpec(
        slug="verkstedet-arbeid-og-aktivitet",
        title="Verkstedet – arbeids- og aktivitetstilbud",
        summary="Meningsfulle arbeidsoppgaver i snekkerverksted og sykkelverksted på dagtid.",
        description=(
            "Verkstedet er et dagtilbud for deg som har psykiske helseutfordringer eller "
            "rusutfordringer og ønsker struktur og noe å gå til. Vi reparerer sykler, snekrer "
            "benker og plantekasser for kommunen og kløyver ved. Du bestemmer selv hvor mye du vil "
            "jobbe, og det er alltid kaffe og lunsj. Du får en samtale med oss før du starter."
        ),
        suits=(
            "For voksne som ønsker en fast og meningsfull hverdag med praktisk arbeid og godt "
            "arbeidsmiljø."
        ),
        categories=("arbeid",),
        unit="psykisk-helse-rus",
        location="verkstedet",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="vedverkstaden",
        language=NN,
        title="Arbeids- og aktivitetstilbod på Vedverkstaden",
        summary="Praktisk arbeid med vedproduksjon og småreparasjonar for deg som står utanfor arbeidslivet.",
        description=(
            "På Vedverkstaden kappar og kløyver vi ved, som blir selt til eldre i bygda, og vi "
            "reparerer utstyr for lag og organisasjonar. Arbeidsdagen er frå klokka 9 til 14 med "
            "felles lunsj. Tilbodet gjev deg faste rammer, meistring og arbeidserfaring. Du tek "
            "kontakt med psykisk helseteneste eller NAV for å få plass."
        ),
        suits=(
            "For vaksne med psykiske helseutfordringar eller rusproblem som ønskjer arbeid og "
            "aktivitet i kvardagen."
        ),
        categories=("arbeid",),
        unit="psykisk-helse-fjellbygda",
        location="vedverkstaden",
        participation=APPLICATION,
        service_type="arbeid",
    ),
    OfferSpec(
        slug="gront-arbeidslag",
        title="Grønt arbeidslag – arbeidstrening utendørs",
        summary="Arbeidstrening med parkstell, rydding av turstier og snømåking for unge voksne.",
        description=(
            "Grønt arbeidslag holder byens parker og turstier ryddige hele året. Deltakerne "
            "jobber i lag med en arbeidsleder, lærer å bruke maskiner og verktøy og får "
            "arbeidsklær. Tiltaket varer opptil et år og skal gi erfaring, attest og vei videre "
            "til jobb eller skole."
        ),
        suits=(
            "For unge voksne mellom 18 og 30 år som trenger arbeidserfaring og liker å jobbe ute."
        ),
        categories=("arbeid", "fysisk"),
        unit="vekstverket",
        location="vekstverket",
        participation=APPLICATION,
        service_type="arbeid",
    ),
    # --- Mental health and substance use ---------------------------------------------
    OfferSpec(
        slug="aktivitetshuset-fyrlyset",
        title="Aktivitetshuset Fyrlyset – møteplass for psykisk helse",
        summary="Lavterskel treff- og aktivitetssted med kafé, kreative grupper og turer, uten henvisning.",
        description=(
            "Fyrlyset er et trygt sted å være på dagtid for deg som har eller har hatt psykiske "
            "helseplager. Du kan slå av en prat i kafeen, male, lage keramikk, spille i band eller "
            "bli med på tur. Miljøterapeuter er til stede og kan ta en samtale hvis du ønsker det. "
            "Programmet lages sammen med brukerne. Det er gratis, og du trenger ingen henvisning."
        ),
        suits=(
            "For voksne som kjenner på ensomhet, angst eller depresjon og trenger et sted å gå og "
            "noen å være sammen med."
        ),
        categories=("sosialt", "kultur"),
        unit="fyrlyset",
        location="fyrlyset",
    ),
    OfferSpec(
        slug="kafe-pusterommet",
        title="Kafé Pusterommet – lavterskel møteplass for personer som bruker rusmidler",
        summary="Varm mat, kaffe, dusj og noen å prate med, uten krav om rusfrihet.",
        description=(
            "Pusterommet er åpent alle hverdager fra klokken 10 til 14. Her får du et rimelig "
            "måltid, kan vaske klær, dusje og bruke PC. Ansatte og frivillige gir råd og hjelper "
            "deg videre til lege, NAV eller behandling hvis du vil. Alle blir møtt med respekt, og "
            "du trenger ikke være rusfri for å komme."
        ),
        suits="For voksne med rusproblemer eller avhengighet som trenger et trygt sted å være.",
        categories=("sosialt",),
        unit="bymisjonen",
        location="pusterommet",
    ),
    OfferSpec(
        slug="turgruppe-psykisk-helse",
        title="Ut på tur – turgruppe for psykisk helse",
        summary="Rolige turer i skog og mark hver tirsdag, med bål og kaffe.",
        description=(
            "Turgruppa går fra Aktivitetshuset Fyrlyset hver tirsdag klokken 11. Vi går i rolig "
            "tempo i to til tre timer, tenner bål og koker kaffe. Å være ute sammen med andre gir "
            "bedre søvn og humør for mange. Ingen påmelding, bare møt opp med gode sko."
        ),
        suits=(
            "For voksne med psykiske helseplager som vil komme seg ut og være i aktivitet sammen "
            "med andre."
        ),
        categories=("fysisk", "sosialt"),
        unit="fyrlyset",
        location="fyrlyset",
    ),
    OfferSpec(
        slug="motestaden-psykisk-helse",
        language=NN,
        title="Møtestaden – lågterskeltilbod for psykisk helse",
        summary="Ein open møtestad på dagtid med kaffi, lunsj og aktivitetar, utan tilvising.",
        description=(
            "Møtestaden er ein stad å gå til for deg som har psykiske vanskar eller "
            "rusutfordringar og vil vere saman med andre. Vi har felles lunsj, kreative "
            "aktivitetar, trim, lesegruppe og turar. Brukarane er med og formar dagane. Det er "
            "ikkje prat om sjukdom her, men plass til ulikskapar og venskap. Ope måndag, onsdag "
            "og fredag frå klokka 10 til 14."
        ),
        suits=(
            "For vaksne over 18 år som vil førebyggje einsemd og ha noko meiningsfullt å gå til i "
            "kvardagen."
        ),
        categories=("sosialt",),
        unit="psykisk-helse-fjellbygda",
        location="motestaden",
    ),
    OfferSpec(
        slug="kurs-i-mestring-av-depresjon",
        title="Kurs i mestring av depresjon (KiD)",
        summary="Kurs over åtte kvelder der du lærer å håndtere nedstemthet og negative tanker.",
        description=(
            "KiD-kurset bygger på kognitiv terapi og gir deg verktøy til å forstå og endre tanker "
            "og vaner som holder depresjonen ved like. Kurset går over åtte samlinger på to og en "
            "halv time, med oppgaver mellom gangene. Kursholderne er sertifiserte. Egenandel for "
            "kursmateriell."
        ),
        suits="For voksne med lett til moderat depresjon eller som ofte er nedfor.",
        categories=("laering",),
        unit="frisklivssentralen",
        location="sentrum-helsehus",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="rusfri-fritid",
        title="Rusfri fritid – aktivitetsgruppe etter behandling",
        summary="Klatring, fiske, matlaging og turer sammen med andre som har valgt en rusfri hverdag.",
        description=(
            "Gruppa møtes hver torsdag ettermiddag og noen helger. Aktivitetene velges sammen, og "
            "vi prøver ting mange ikke har gjort før. Fellesskapet skal hjelpe deg å bygge et nytt "
            "nettverk etter rusbehandling eller soning. Ledes av ansatte i rustjenesten sammen med "
            "en erfaringskonsulent."
        ),
        suits=(
            "For voksne som er ferdige med rusbehandling eller har bestemt seg for å slutte, og som "
            "trenger nye venner og noe å fylle fritiden med."
        ),
        categories=("sosialt", "fysisk"),
        unit="psykisk-helse-rus",
        location="verkstedet",
        participation=SIGNUP,
    ),
    # --- Volunteer centres, visiting friends, meeting places ---------------------------
    OfferSpec(
        slug="frivilligsentralen",
        title="Fjordby frivilligsentral – bli frivillig eller få hjelp",
        title_en="Fjordby Volunteer Centre – volunteer with us or get help",
        summary="Frivilligsentralen kobler folk som vil bidra, med folk som trenger en hånd.",
        summary_en="Meet others, volunteer your time or get help with small tasks.",
        description=(
            "Hos oss kan du melde deg som frivillig: som besøksvenn, sjåfør, turvenn, leksehjelper "
            "eller på kafé. Vi formidler også hjelp til små praktiske oppdrag som å bytte "
            "lyspærer, handle eller følge til lege. Vi har åpen kafé tirsdag og torsdag. "
            "Frivilligsentralen er et samarbeid mellom kommunen og lag og foreninger i byen."
        ),
        suits=(
            "For alle som vil bruke litt av tiden sin på andre, og for deg som trenger litt hjelp "
            "i hverdagen."
        ),
        categories=("sosialt",),
        unit="fjordby-frivilligsentral",
        location="frivilligsentralen",
    ),
    OfferSpec(
        slug="besoksvenn",
        title="Besøksvenn",
        summary="En frivillig som besøker deg fast en time eller to i uken.",
        description=(
            "En besøksvenn er en frivillig som kommer hjem til deg, gjerne på samme dag hver uke. "
            "Dere bestemmer sammen hva dere vil gjøre: drikke kaffe og prate, gå en tur, løse "
            "kryssord eller dra på kafé. Alle besøksvenner har gått på kurs og har taushetsplikt. "
            "Det er gratis å få besøksvenn."
        ),
        suits=("For deg som bor alene, føler deg ensom og ønsker mer kontakt med andre mennesker."),
        categories=("sosialt",),
        unit="rode-kors",
        location="rode-kors-huset",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="besoksvenn-med-hund",
        title="Besøksvenn med hund",
        summary="Hyggelige besøk av en frivillig og en godkjent besøkshund.",
        description=(
            "Røde Kors har besøksvenner som kommer sammen med sin egen hund. Hundene er testet og "
            "godkjent, og de er vant til rullatorer og rullestoler. Besøkene kan være hjemme hos "
            "deg, på sykehjem eller på dagsenter. Mange synes det er ekstra godt å få klappe et "
            "dyr."
        ),
        suits="For deg som er glad i dyr og savner selskap, hjemme eller på institusjon.",
        categories=("sosialt",),
        unit="rode-kors",
        location="rode-kors-huset",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="aktivitetsvenn-demens",
        title="Aktivitetsvenn for personer med demens",
        summary="En frivillig som gjør hyggelige aktiviteter sammen med deg som har demens.",
        description=(
            "En aktivitetsvenn er en frivillig som har gått et kort kurs om demens og som deler "
            "interessene dine. Dere kan gå tur, fiske, dra på kino eller konsert, spille kort "
            "eller ta en kaffe på byen. Vi kobler dere sammen ut fra det dere liker. Ordningen "
            "drives av frivilligsentralen sammen med demenskoordinator og demensforeningen. For "
            "pårørende kan det også gi litt avlastning."
        ),
        suits=(
            "For deg som har demens, bor hjemme eller på institusjon, og ønsker noen å gjøre ting "
            "sammen med."
        ),
        categories=("sosialt", "avlastning"),
        unit="fjordby-frivilligsentral",
        location="frivilligsentralen",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="turvenn",
        title="Turvenn – gå tur sammen med en frivillig",
        summary="Få følge på tur av en frivillig, i ditt eget tempo.",
        description=(
            "Mange går mindre ut fordi de er utrygge alene eller ikke har noen å gå med. En "
            "turvenn henter deg hjemme og går tur sammen med deg, en eller to ganger i uken. "
            "Turen kan være en runde i nabolaget eller en tur i skogen. Rullator er ikke noe "
            "hinder."
        ),
        suits="For eldre og andre som vil komme seg mer ut, men ikke liker å gå alene.",
        categories=("fysisk", "sosialt"),
        unit="nordbyen-frivilligsentral",
        location="nordbyen-bydelshus",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="sykkel-uten-alder",
        title="Sykkel uten alder – sykkeltur i rickshaw",
        title_en="Cycling Without Age – rickshaw rides",
        summary="Frivillige piloter tar deg med på tur i el-rickshaw, så du kjenner vinden i håret.",
        description=(
            "Sykkel uten alder gir eldre som ikke lenger kan sykle selv, en tur ut i nærmiljøet. "
            "Rickshawen har plass til to passasjerer, pledd og regntrekk. Frivillige piloter "
            "kjører fra sykehjem, omsorgsboliger og hjemmet ditt etter avtale, fra april til "
            "oktober. Turene er gratis."
        ),
        suits="For eldre og personer med nedsatt bevegelighet som savner å komme seg ut.",
        categories=("sosialt",),
        unit="nordbyen-frivilligsentral",
        location="nordbyen-bydelshus",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="folgetjeneste",
        title="Følgetjeneste til lege og sykehus",
        summary="En frivillig følger deg til legetime, tannlege eller sykehus.",
        description=(
            "Er du usikker på å reise alene til en avtale, kan en frivillig fra frivilligsentralen "
            "følge deg, vente sammen med deg og bli med hjem igjen. Du betaler selv for reisen, "
            "men følget er gratis. Bestill helst en uke i forveien."
        ),
        suits="For eldre og andre som trenger selskap og trygghet på vei til avtaler.",
        categories=("sosialt",),
        unit="fjordby-frivilligsentral",
        location="frivilligsentralen",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="treffpunkt-nordbyen",
        title="Treffpunkt Nordbyen – åpen kafé for alle",
        summary="Møteplass mot ensomhet med kaffe, vafler og prat på bydelshuset, betal etter evne.",
        description=(
            "Treffpunkt Nordbyen er åpent mandag til fredag fra 11 til 14. Kafeen drives av "
            "frivillige, og du betaler det du kan. Her møtes pensjonister, småbarnsforeldre, "
            "nyankomne og alle andre som vil ha noen å snakke med. Det er god plass til "
            "rullestol, rullator og barnevogn."
        ),
        suits="For alle som vil treffe folk i nabolaget og ha et sted å gå på dagtid.",
        categories=("sosialt",),
        unit="nordbyen-frivilligsentral",
        location="nordbyen-bydelshus",
    ),
    OfferSpec(
        slug="ringevenn",
        title="Ringevenn – en telefonvenn som ringer deg",
        summary="En frivillig ringer deg til fast tid for en hyggelig prat.",
        description=(
            "Ringevenn er for deg som gjerne vil ha noen å snakke med, men ikke ønsker besøk "
            "hjemme. En frivillig ringer deg en eller to ganger i uken, til tider som passer deg. "
            "Samtalene handler om det dere vil: dagens nyheter, minner, familie eller været. "
            "Tjenesten drives av pensjonistforeningen."
        ),
        suits="For eldre som bor alene og kjenner på ensomhet.",
        categories=("sosialt",),
        unit="pensjonistforeningen",
        location="sentrum-seniorsenter",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="menn-i-fokus",
        title="Menn i fokus – mannsgruppe for pensjonister",
        summary="Mannstreff hver onsdag med kaffe, foredrag, snekring og turer.",
        description=(
            "Mange menn mister mye av det sosiale livet når de slutter i jobb. I mannsgruppen på "
            "Østlia seniorsenter møtes vi hver onsdag klokken 11. Noen ganger har vi foredrag, "
            "andre ganger snekrer vi i verkstedet, reparerer ting eller drar på fisketur. Det er "
            "ingen forpliktelse å komme hver gang."
        ),
        suits="For menn over 60 som vil ha et fellesskap med andre menn og noe å gjøre.",
        categories=("sosialt",),
        unit="ostlia-seniorsenter",
        location="ostlia-seniorsenter",
    ),
    OfferSpec(
        slug="karatreffen",
        language=NN,
        title="Karatreffen – møtestad for menn",
        summary="Treff for menn kvar onsdag med kaffi, prat og praktiske prosjekt.",
        description=(
            "Karatreffen er for menn som er pensjonistar eller av andre grunnar står utanfor "
            "arbeidslivet. Vi møtest på frivilligsentralen kvar onsdag klokka 18. Vi reparerer "
            "småting, byggjer fuglekassar, har foredrag og tek av og til ein tur på sjøen. Ingen "
            "treng å melde seg på, og det kostar ingenting."
        ),
        suits="For menn som vil ha eit sosialt fellesskap og noko å fylle kvardagen med.",
        categories=("sosialt",),
        unit="fjellbygda-frivilligsentral",
        location="fjellbygda-frivilligsentral",
    ),
    OfferSpec(
        slug="besoksven-fjellbygda",
        language=NN,
        title="Besøksven – nokon å prate med",
        summary="Ein frivillig besøksven kjem på besøk til deg ein gong i veka.",
        description=(
            "Er du einsam eller saknar nokon å prate med? Frivilligsentralen kan kople deg med ein "
            "besøksven som kjem heim til deg fast. De kan drikke kaffi, gå tur eller spele kort. "
            "Alle besøksvenene har teieplikt og har fått opplæring. Tilbodet er gratis."
        ),
        suits="For eldre og andre som bur åleine og kjenner på einsemd.",
        categories=("sosialt",),
        unit="fjellbygda-frivilligsentral",
        location="fjellbygda-frivilligsentral",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="fjellbygda-frivilligsentral",
        language=NN,
        title="Fjellbygda frivilligsentral",
        summary="Møtestad og formidling av frivillig innsats i Fjellbygda.",
        description=(
            "Frivilligsentralen er ein møtestad for alle i bygda. Her kan du melde deg som "
            "frivillig, til dømes som sjåfør, besøksven eller kafévert, og du kan få hjelp til små "
            "praktiske oppgåver. Vi samarbeider med lag og organisasjonar og har open kafé tysdag "
            "og fredag. Ta kontakt om du har ein idé til eit nytt tilbod."
        ),
        suits=(
            "For alle som vil gjere ein frivillig innsats, og for deg som treng litt hjelp eller "
            "selskap."
        ),
        categories=("sosialt",),
        unit="fjellbygda-frivilligsentral",
        location="fjellbygda-frivilligsentral",
    ),
    OfferSpec(
        slug="kaffistova-oyane",
        language=NN,
        title="Kaffistova på Øyane – open møtestad",
        summary="Kom innom for kaffi, vaflar og ein prat, kvar tysdag og torsdag.",
        description=(
            "Kaffistova i grendahuset er ein open møtestad for alle, anten du er ny i bygda eller "
            "har budd her heile livet. Frivillige lagar vaflar og kaffi, og ein gong i månaden har "
            "vi besøk av nokon som fortel eller speler. Du betaler det du kan. Det er lett "
            "tilkomst med rullator og rullestol."
        ),
        suits="For deg som vil møte folk og ha ein sosial stad å gå til på dagtid.",
        categories=("sosialt",),
        unit="oyane-frivilligsentral",
        location="oyane-grendahus",
    ),
    OfferSpec(
        slug="turven-oyane",
        language=NN,
        title="Turven – gå tur saman med ein frivillig",
        summary="Ein frivillig turven hentar deg og går tur saman med deg.",
        description=(
            "Mange går mindre ut enn dei ønskjer fordi dei er utrygge åleine. Ein turven frå "
            "frivilligsentralen kan hente deg heime og gå ein tur saman med deg, i ditt eige "
            "tempo. Turen kan vere ein kort runde langs sjøen eller lenger inn i marka."
        ),
        suits="For eldre og andre som vil ut og gå, men ikkje likar å gå åleine.",
        categories=("fysisk", "sosialt"),
        unit="oyane-frivilligsentral",
        location="oyane-grendahus",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="sykkel-utan-alder-oyane",
        language=NN,
        title="Sykkel utan alder på Øyane",
        summary="Sykkeltur i el-rickshaw for eldre, køyrd av frivillige pilotar.",
        description=(
            "Frivillige pilotar tek bebuarar på omsorgssenteret og eldre som bur heime, med på "
            "sykkeltur langs sjøen. Rickshawen har plass til to passasjerar og har pledd og "
            "regntrekk. Turane er gratis og blir avtalte med frivilligsentralen."
        ),
        suits="For eldre som ikkje lenger kan sykle sjølv, men saknar å kome seg ut.",
        categories=("sosialt",),
        unit="oyane-frivilligsentral",
        location="oyane-omsorgssenter",
        participation=SIGNUP,
    ),
    # --- Senior centres and meals ------------------------------------------------------
    OfferSpec(
        slug="sentrum-seniorsenter",
        title="Sentrum seniorsenter – kafé, aktiviteter og kurs",
        summary="Et sosialt møtested for seniorer med kafé, trim, kurs, frisør og fotpleie.",
        description=(
            "Sentrum seniorsenter er åpent for alle pensjonister og trygdede over 60 år, uten "
            "medlemskap. Kafeen serverer frokost, lunsj og dagens middag til rimelige priser. Hver "
            "uke er det trim, bridge, bingo, foredrag og turer, og du kan bestille frisør og "
            "fotpleie. Senteret skal forebygge ensomhet og gi et trygt sted å treffe andre."
        ),
        suits="For seniorer som vil være aktive, treffe andre og ha et sted å gå på dagtid.",
        categories=("sosialt",),
        unit="sentrum-seniorsenter",
        location="sentrum-seniorsenter",
    ),
    OfferSpec(
        slug="middag-pa-seniorsenteret",
        title="Torsdagsmiddag på seniorsenteret",
        summary="Varm middag med dessert og kaffe hver torsdag, med transport for dem som trenger det.",
        description=(
            "Hver torsdag klokken 13 serverer vi tradisjonsmat som fiskesuppe, kjøttkaker og "
            "raspeballer. Middagen koster 120 kroner med dessert og kaffe. Meld deg på innen "
            "onsdag klokken 12. Trenger du skyss, henter seniorsenterets minibuss deg hjemme."
        ),
        suits=(
            "For eldre som vil spise et godt måltid i hyggelig selskap i stedet for alene hjemme."
        ),
        categories=("sosialt",),
        unit="sentrum-seniorsenter",
        location="sentrum-seniorsenter",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="ostlia-seniorsenter",
        title="Østlia seniorsenter",
        summary="Seniorsenter i Østlia med kafé, bingo, foredrag og mange aktivitetsgrupper.",
        description=(
            "Østlia seniorsenter er bydelens møteplass for seniorer. Vi har kafé med middag tre "
            "dager i uken, bingo på fredager og foredrag annenhver mandag. Her holder også "
            "mannsgruppen, seniordansen, håndarbeidsgruppen og treverkstedet til. Frivillige "
            "driver det meste, og vi trenger alltid flere hender."
        ),
        suits="For alle over 60 i Østlia og omegn som vil være sosiale og aktive.",
        categories=("sosialt",),
        unit="ostlia-seniorsenter",
        location="ostlia-seniorsenter",
    ),
    OfferSpec(
        slug="seniordans",
        title="Seniordans",
        summary="Dans i ring og rekker til variert musikk, hver mandag på Østlia seniorsenter.",
        description=(
            "Seniordans er dans for godt voksne der du ikke trenger egen partner. Vi danser "
            "polka, vals, tango og enkle rekkedanser i ring, tilpasset seniorer. Dansen trener "
            "balanse, kondisjon og hukommelse, og det blir mye latter. Instruktørene har kurs fra "
            "Seniordans Norge."
        ),
        suits="For seniorer som liker musikk og bevegelse, med eller uten danseerfaring.",
        categories=("fysisk", "kultur"),
        unit="ostlia-seniorsenter",
        location="ostlia-seniorsenter",
    ),
    OfferSpec(
        slug="seniortrim",
        title="Seniortrim med fysioterapeut",
        summary="Trim på stol og stående for seniorer, hver tirsdag og fredag.",
        description=(
            "En fysioterapeut leder trimmen, som passer for alle uansett form. Vi trener styrke, "
            "balanse og bevegelighet til god musikk, og mange øvelser gjøres sittende. Etter "
            "trimmen er det kaffe i kafeen. Gratis og uten påmelding."
        ),
        suits="For seniorer som vil holde seg i form og treffe andre.",
        categories=("fysisk",),
        unit="sentrum-seniorsenter",
        location="sentrum-seniorsenter",
    ),
    OfferSpec(
        slug="seniorsenteret-fjellbygda",
        language=NN,
        title="Seniorsenteret i Fjellbygda",
        summary="Sosial møtestad for seniorar med kaffi, allsong og foredrag kvar tysdag.",
        description=(
            "Seniorsenteret er eit samarbeid mellom pensjonistlaget og kommunen. Kvar tysdag frå "
            "klokka 11 er det kaffi og enkel servering, allsong, foredrag eller underhaldning og "
            "loddsal. Frivillige står for kjøkkenet og programmet. Alle seniorar er velkomne, og "
            "det kostar 50 kroner med servering."
        ),
        suits="For pensjonistar som vil møte andre og få gode samtalar og opplevingar.",
        categories=("sosialt", "kultur"),
        unit="fjellbygda-pensjonistlag",
        location="fjellbygda-kulturhus",
    ),
    OfferSpec(
        slug="middag-for-eldre-oyane",
        language=NN,
        title="Middag for eldre på Øyane omsorgssenter",
        summary="Felles middag kvar onsdag og søndag for eldre som bur heime, med skyss.",
        description=(
            "Eldre som bur heime, er velkomne til middag i kantina på omsorgssenteret kvar "
            "onsdag og søndag. Maten blir laga på kjøkkenet vårt, og du får dessert og kaffi. "
            "Meld deg på dagen før. Treng du skyss, ordnar frivilligsentralen det."
        ),
        suits="For eldre som ønskjer eit godt måltid og selskap i staden for å ete åleine.",
        categories=("sosialt",),
        unit="oyane-omsorgssenter",
        location="oyane-omsorgssenter",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="seniorkafe-kulturhuset",
        title="Seniorkafé på kulturhuset",
        summary="Kafé med foredrag og musikk hver tredje fredag.",
        description=(
            "Seniorkafeen i kinosalen samler mellom 50 og 80 seniorer hver tredje fredag. "
            "Programmet har et foredrag om et aktuelt tema, for eksempel trygghet i hjemmet eller "
            "lokalhistorie, og musikk fra lokale artister. Kake og kaffe er inkludert i billetten "
            "på 80 kroner. Frivilligsentralen kan ordne skyss."
        ),
        suits="For seniorer som vil ha en sosial og lærerik formiddag.",
        categories=("sosialt", "kultur"),
        unit="kulturenheten",
        location="kulturhuset",
    ),
    # --- Physical activity ------------------------------------------------------------
    OfferSpec(
        slug="sterk-og-stodig",
        title="Sterk og stødig – styrke- og balansetrening for seniorer",
        title_nn="Sterk og stødig – styrke- og balansetrening for seniorar",
        summary="Treningsgruppe som bedrer styrke og balanse og forebygger fall.",
        description=(
            "Sterk og stødig er et kunnskapsbasert treningsprogram for hjemmeboende eldre. "
            "Gruppene trener en time to ganger i uken med frivillige instruktører som er utdannet "
            "av fysioterapeut. Øvelsene gjøres med stol til støtte og blir gradvis tyngre. Etter "
            "treningen er det kaffe og prat."
        ),
        suits=(
            "For deg over 65 som har begynt å føle deg ustø, er redd for å falle eller har falt, "
            "men klarer å komme deg til treningen selv."
        ),
        categories=("fysisk",),
        unit="frisklivssentralen",
        location="nordbyen-bydelshus",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="bassengtrening-seniorer",
        title="Bassengtrening i varmtvannsbasseng for seniorer",
        summary="Trening til musikk i 34 grader varmt vann, ledet av fysioterapeut.",
        description=(
            "I varmt vann kan du gjøre bevegelser som er vanskelige på land, og vannet avlaster "
            "ledd og muskler. Vi trener styrke, bevegelighet og kondisjon til musikk i en time. "
            "Gruppene har plass til 15 deltakere og går i vinterhalvåret, ti ganger før og ti "
            "ganger etter jul. Du trenger ikke kunne svømme."
        ),
        suits=(
            "For seniorer med stive ledd, muskelplager eller gikt, og alle andre som vil trene "
            "skånsomt."
        ),
        categories=("fysisk",),
        unit="frisklivssentralen",
        location="sentrumsbadet",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="seniorsvomming",
        title="Seniorsvømming på Sentrumsbadet",
        summary="Egen badetid for seniorer hver fredag morgen, med instruktør og kaffe etterpå.",
        description=(
            "Hver fredag fra klokken 8 til 10 har seniorer bassenget for seg selv. Du kan svømme "
            "i eget tempo, være med på vanngymnastikk eller slappe av i boblebadet. Svømmeklubben "
            "har instruktør på kanten. Etterpå samles mange til kaffe og kanelsnurr i kafeen."
        ),
        suits="For seniorer som liker å svømme eller vil trene i vann.",
        categories=("fysisk", "sosialt"),
        unit="svommeklubben",
        location="sentrumsbadet",
    ),
    OfferSpec(
        slug="turgruppe-seniorer",
        title="Turgruppe for seniorer",
        summary="Fellesturer i rolig tempo hver onsdag, med matpakke og pauser.",
        description=(
            "Turgruppa møtes ved bydelshuset hver onsdag klokken 10 og går turer på en til to "
            "timer i marka og langs sjøen. Vi går i et tempo der alle kan henge med, og tar pause "
            "med matpakke og termos. Om høsten tar vi buss til lengre turer. Frivillige turledere "
            "går foran og bak."
        ),
        suits="For seniorer som liker å gå tur og vil ha følge.",
        categories=("fysisk", "sosialt"),
        unit="nordbyen-frivilligsentral",
        location="nordbyen-bydelshus",
    ),
    OfferSpec(
        slug="frisklivssentralen",
        title="Frisklivssentralen – hjelp til å endre levevaner",
        summary="Veiledning og gruppetilbud når du vil bli mer aktiv, spise sunnere, sove bedre eller slutte å røyke.",
        description=(
            "Frisklivssentralen hjelper voksne som vil endre levevaner. Du starter med en "
            "frisklivssamtale, og får så tilbud om trening i gruppe, kurs i sunt kosthold, "
            "søvnkurs eller røykesluttkurs i tolv uker. Du trenger ikke henvisning fra lege. "
            "Prisen er 300 kroner for en periode."
        ),
        suits=(
            "For voksne som trenger støtte til å komme i gang med fysisk aktivitet og sunnere "
            "vaner."
        ),
        categories=("fysisk", "laering"),
        unit="frisklivssentralen",
        location="sentrum-helsehus",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="trening-kols",
        title="Treningsgruppe for personer med kols og lungesykdom",
        summary="Tilpasset trening med fysioterapeut for deg som blir fort andpusten.",
        description=(
            "Gruppen trener kondisjon og styrke i eget tempo, med pusteteknikker og pauser. "
            "Fysioterapeuten måler oksygenmetning og tilpasser øvelsene. Mange opplever at de "
            "klarer mer i hverdagen etter en periode. Gruppen går to ganger i uken i tolv uker."
        ),
        suits=(
            "For voksne med kols, astma eller annen lungesykdom som vil bli sterkere og mindre "
            "andpustne."
        ),
        categories=("fysisk",),
        unit="frisklivssentralen",
        location="sentrum-helsehus",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="stavgang",
        title="Stavgang for alle",
        summary="Stavgang i gruppe hver mandag formiddag fra Østlia seniorsenter.",
        description=(
            "Pensjonistforeningen arrangerer stavgang hver mandag klokken 10. Vi går en runde på "
            "fem kilometer i lysløypa og har lån av staver for nybegynnere. Gruppen venter på "
            "alle. Etterpå går vi på kafé og prater."
        ),
        suits="For alle som vil ha frisk luft og mosjon sammen med andre.",
        categories=("fysisk",),
        unit="pensjonistforeningen",
        location="ostlia-seniorsenter",
    ),
    OfferSpec(
        slug="sterk-og-stodig-fjellbygda",
        language=NN,
        title="Sterk og stødig – trening for eldre i Fjellbygda",
        summary="Styrke- og balansetrening i gruppe som førebyggjer fall.",
        description=(
            "Treningsgruppa møtest kvar måndag og torsdag i kulturhuset. Vi trenar styrke og "
            "balanse med stol til støtte, og øvingane blir tilpassa kvar enkelt. For å førebyggje "
            "fall er det viktig å trene både styrke og balanse. Instruktørane er frivillige med "
            "kurs, og fysioterapeuten følgjer opp gruppa. Etterpå er det kaffi og prat."
        ),
        suits="For heimebuande eldre over 65 år som kjenner seg ustøe eller er redde for å falle.",
        categories=("fysisk",),
        unit="fysioterapitenesta-fjellbygda",
        location="fjellbygda-kulturhus",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="turgruppa-fjellbygda",
        language=NN,
        title="Turgruppa i Fjellbygda",
        summary="Fellestur kvar torsdag for alle som likar å gå tur i lag med andre.",
        description=(
            "Kvar torsdag klokka 11 går turgruppa ein tur på ein til to timar frå "
            "frivilligsentralen. Vi går i roleg tempo på stiar og grusvegar, og tek pause med "
            "kaffi undervegs. Turane blir tilpassa vêr og føre. Du treng ikkje melde deg på."
        ),
        suits="For pensjonistar og andre som vil få frisk luft og selskap.",
        categories=("fysisk", "sosialt"),
        unit="fjellbygda-frivilligsentral",
        location="fjellbygda-frivilligsentral",
    ),
    OfferSpec(
        slug="trening-varmtvassbasseng",
        language=NN,
        title="Trening i varmtvassbasseng",
        summary="Skånsam trening i varmt vatn med fysioterapeut, for deg med ledd- eller muskelplager.",
        description=(
            "Bassenget i Fjellbygda symjehall held 33 grader. Fysioterapeuten leier ein time med "
            "øvingar for styrke, rørsle og balanse. Vatnet gjer det lettare å røre seg, og mange "
            "med gikt og stive ledd har god nytte av treninga. Du treng ikkje kunne symje."
        ),
        suits="For vaksne og eldre med muskel- og leddplager som vil trene skånsamt.",
        categories=("fysisk",),
        unit="fysioterapitenesta-fjellbygda",
        location="fjellbygda-symjehall",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="seniordans-oyane",
        language=NN,
        title="Seniordans på grendahuset",
        summary="Dans i ring og rekkjer for seniorar kvar onsdag på Øyane.",
        description=(
            "Seniordansen startar som oftast i ring, og så blir det polka-, vals- og tangotrinn "
            "tilpassa seniorar. Det er ikkje pardans i vanleg forstand, og du treng ikkje ha med "
            "deg partnar. Dansen er god trening for balanse og hugs, og det er alltid kjekt. "
            "Instruktørane er frivillige med kurs."
        ),
        suits="For seniorar som likar musikk og rørsle, anten dei har dansa før eller ikkje.",
        categories=("fysisk", "kultur"),
        unit="oyane-frivilligsentral",
        location="oyane-grendahus",
    ),
    OfferSpec(
        slug="stolyoga",
        title="Stolyoga for seniorer",
        summary="Rolig yoga på stol med pust, tøying og avspenning.",
        description=(
            "Stolyoga er yoga der de fleste øvelsene gjøres sittende eller med støtte av stolen. "
            "Vi jobber med pust, bevegelighet og balanse, og avslutter med avspenning. Timen "
            "passer også for deg som har nedsatt bevegelighet eller bruker rullator."
        ),
        suits="For seniorer som ønsker rolig og skånsom bevegelse.",
        categories=("fysisk",),
        unit="ostlia-seniorsenter",
        location="ostlia-seniorsenter",
    ),
    OfferSpec(
        slug="aktiv-pa-dagtid",
        title="Aktiv på dagtid – trening for deg utenfor arbeidslivet",
        summary="Rimelig gruppetrening og turer på dagtid for sykmeldte, uføre og andre som står utenfor jobb.",
        description=(
            "Aktiv på dagtid har et variert program med spinning, styrketrening, svømming, yoga "
            "og turer, ledet av instruktører. Medlemskapet koster lite, og du kan delta så ofte du "
            "vil. Mange har god nytte av fast struktur i uka og treningsvenner. Du melder deg på "
            "ved å ta kontakt med oss."
        ),
        suits=(
            "For voksne som er sykmeldte, uføretrygdede, på arbeidsavklaringspenger eller sliter "
            "med rus eller psykisk helse."
        ),
        categories=("fysisk",),
        unit="frisklivssentralen",
        location="sentrumsbadet",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="hverdagsrehabilitering",
        title="Hverdagsrehabilitering – trening i eget hjem",
        summary="Intensiv opptrening hjemme i noen uker, så du kan klare hverdagens gjøremål selv.",
        description=(
            "Hverdagsrehabilitering er for deg som har fått problemer med å klare vanlige "
            "gjøremål, for eksempel etter sykdom eller et fall. Et team med ergoterapeut, "
            "fysioterapeut og hjemmetjeneste kommer hjem til deg og trener sammen med deg på det "
            "som er viktig for deg: å dusje selv, lage mat eller gå til butikken. Perioden varer "
            "vanligvis fire til seks uker."
        ),
        suits="For hjemmeboende som har fått nedsatt funksjon og vil bli mer selvhjulpne.",
        categories=("fysisk",),
        unit="hjemmetjenesten-sentrum",
        location="sentrum-helsehus",
        participation=APPLICATION,
        service_type="hverdagsrehabilitering",
    ),
    OfferSpec(
        slug="kvardagsrehabilitering",
        language=NN,
        title="Kvardagsrehabilitering – trening heime",
        summary="Opptrening i eigen heim for å meistre kvardagen betre etter sjukdom eller fall.",
        description=(
            "Kvardagsrehabilitering er ei tidsavgrensa teneste der fysioterapeut, ergoterapeut og "
            "heimetenesta trenar saman med deg heime. Du vel sjølv kva du vil meistre: å kle på "
            "deg, lage mat, gå i trapper eller kome deg på butikken. Opplegget varer vanlegvis fire "
            "til seks veker."
        ),
        suits="For heimebuande som har fått redusert funksjon og vil klare seg meir sjølve.",
        categories=("fysisk",),
        unit="heimetenesta-fjellbygda",
        location="fjellbygda-omsorgstun",
        participation=APPLICATION,
        service_type="hverdagsrehabilitering",
    ),
    # --- Choirs, singing, culture ------------------------------------------------------
    OfferSpec(
        slug="demenskor",
        title="Demenskor – syng med oss",
        summary="Kor for personer med demens og deres pårørende, hver tirsdag ettermiddag.",
        description=(
            "I demenskoret synger vi kjente sanger fra før og nå, med dirigent og pianist. Musikk "
            "og sang vekker minner og gir glede, også når språket svikter. Korsangerne har med seg "
            "en pårørende eller en venn, og vi avslutter med kaffe og kake. Det kreves ingen "
            "sangerfaring."
        ),
        suits="For personer med demens og deres nærmeste som liker å synge.",
        categories=("kultur", "sosialt"),
        unit="demensforeningen",
        location="kulturhuset",
    ),
    OfferSpec(
        slug="seniorkoret",
        title="Seniorkoret Sølvstrupene",
        summary="Blandet kor for seniorer, uten opptaksprøve.",
        description=(
            "Sølvstrupene øver hver torsdag klokken 11 på Sentrum seniorsenter. Vi synger alt fra "
            "folketoner og salmer til viser og pop, og holder konserter på sykehjem og til jul. "
            "Alle som liker å synge, er velkomne, og noter er ikke nødvendig."
        ),
        suits="For seniorer som er glade i å synge og vil være med i et sosialt fellesskap.",
        categories=("kultur", "sosialt"),
        unit="pensjonistforeningen",
        location="sentrum-seniorsenter",
    ),
    OfferSpec(
        slug="sangstund-solbakken",
        title="Sangstund på Solbakken",
        summary="Allsang og musikk hver onsdag, åpen for beboere, hjemmeboende og pårørende.",
        description=(
            "Frivillige musikere spiller og leder allsang i kafeen på Solbakken hver onsdag "
            "klokken 14. Sangbøker med store bokstaver ligger klare. Hjemmeboende eldre og "
            "pårørende er hjertelig velkomne sammen med beboerne. Kaffe koster 20 kroner."
        ),
        suits="For alle som liker å synge kjente sanger sammen med andre.",
        categories=("kultur", "sosialt"),
        unit="solbakken",
        location="solbakken",
    ),
    OfferSpec(
        slug="songstund-dalen",
        language=NN,
        title="Songstund og allsong på Dalen helsetun",
        summary="Allsong med trekkspel og piano kvar fredag, ope for alle i bygda.",
        description=(
            "Kvar fredag klokka 13 samlast bebuarar, heimebuande og pårørande til songstund i "
            "stova på helsetunet. Frivillige speler trekkspel og piano, og vi syng salmar, viser "
            "og kjende songar frå ungdomstida. Etterpå er det kaffi og kaker."
        ),
        suits="For alle som likar å syngje saman med andre.",
        categories=("kultur", "sosialt"),
        unit="dalen-helsetun",
        location="dalen-helsetun",
    ),
    OfferSpec(
        slug="seniorkoret-oyane",
        language=NN,
        title="Seniorkoret på Øyane",
        summary="Kor for seniorar som øver kvar måndag i grendahuset.",
        description=(
            "Seniorkoret syng folketonar, salmar og viser, og held konsertar på omsorgssenteret og "
            "i kyrkja. Vi øver kvar måndag klokka 11, og det er ikkje krav om å kunne notar. Nye "
            "songarar er alltid velkomne."
        ),
        suits="For seniorar som er glade i å syngje og vil vere med i eit fellesskap.",
        categories=("kultur", "sosialt"),
        unit="oyane-frivilligsentral",
        location="oyane-grendahus",
    ),
    OfferSpec(
        slug="den-kulturelle-spaserstokken",
        title="Den kulturelle spaserstokken – konserter og forestillinger for seniorer",
        summary="Gratis konserter, teater og foredrag for seniorer på dagtid.",
        description=(
            "Den kulturelle spaserstokken bringer profesjonell kunst og kultur til eldre. Vi "
            "arrangerer konserter på seniorsentrene og sykehjemmene, teaterforestillinger på "
            "kulturhuset og kunstomvisninger på museet. Arrangementene er gratis, og du finner "
            "programmet på seniorsentrene."
        ),
        suits=(
            "For seniorer som er glade i kultur, både hjemmeboende og de som bor på institusjon."
        ),
        categories=("kultur",),
        unit="kulturenheten",
        location="kulturhuset",
    ),
    OfferSpec(
        slug="mimregruppe",
        title="Mimregruppe – minner og bilder fra gamle dager",
        summary="Vi ser på gamle bilder og forteller om byen slik den var.",
        description=(
            "Mimregruppa møtes annenhver torsdag på biblioteket. Bibliotekaren finner fram gamle "
            "fotografier, filmer og avisutklipp fra lokalhistorisk arkiv, og deltakerne forteller "
            "om skolegang, arbeid og hverdagsliv før i tiden. Historiene blir samlet i en bok. "
            "Alle som liker å mimre, er velkomne."
        ),
        suits="For seniorer som liker å dele minner og høre andres historier.",
        categories=("kultur", "sosialt"),
        unit="biblioteket",
        location="biblioteket",
    ),
    # --- Knitting, handicraft, workshops -----------------------------------------------
    OfferSpec(
        slug="strikkekafe-biblioteket",
        title="Strikkekafé på biblioteket",
        summary="Strikking, hekling og prat hver tirsdag kveld på hovedbiblioteket.",
        description=(
            "Ta med deg strikketøyet og bli med i strikkekafeen. Vi deler oppskrifter, hjelper "
            "hverandre med vanskelige mønstre og strikker av og til for nyfødte og hjemløse. "
            "Nybegynnere får låne pinner og garn. Kaffe og te står klar."
        ),
        suits="For alle som strikker eller hekler, eller vil lære det.",
        categories=("sosialt", "kultur"),
        unit="biblioteket",
        location="biblioteket",
    ),
    OfferSpec(
        slug="knitting-group",
        language=EN,
        title="Knitting group – for newcomers and locals",
        summary="A relaxed knitting and crochet group where you can practise Norwegian or English.",
        description=(
            "Every Thursday afternoon we meet at the main library to knit, crochet and chat. "
            "Beginners are welcome: we lend needles and yarn and show you the basics. Many "
            "participants have recently moved to Norway, and the group is a good way to meet "
            "people and practise the language. Coffee and tea are free."
        ),
        suits="For anyone who knits or wants to learn, especially newcomers who want to meet people.",
        categories=("sosialt", "kultur"),
        unit="biblioteket",
        location="biblioteket",
    ),
    OfferSpec(
        slug="strikkekafe-fjellbygda",
        language=NN,
        title="Strikkekafé i Fjellbygda",
        summary="Strikking, hekling og kaffi kvar måndag kveld på frivilligsentralen.",
        description=(
            "Strikkekafeen er ein sosial møtestad for alle som likar handarbeid. Vi strikkar, "
            "heklar og broderer, deler oppskrifter og hjelper kvarandre. Ein gong i året strikkar "
            "vi luer og vottar som blir gjevne bort. Du kan låne garn og pinnar."
        ),
        suits="For deg som strikkar eller vil lære, og som vil ha ein sosial kveld.",
        categories=("sosialt", "kultur"),
        unit="fjellbygda-frivilligsentral",
        location="fjellbygda-frivilligsentral",
    ),
    OfferSpec(
        slug="handarbeidsgruppe",
        title="Håndarbeidsgruppe – søm, vev og lapping",
        summary="Håndarbeid i fellesskap hver torsdag, med symaskiner og vevstol.",
        description=(
            "Håndarbeidsgruppa på Østlia seniorsenter syr, vever, lapper tepper og reparerer klær. "
            "Senteret har symaskiner, overlock og to vevstoler. Erfarne deltakere hjelper gjerne "
            "nybegynnere. Vi lager også ting til julebasaren."
        ),
        suits="For seniorer som liker håndarbeid og vil gjøre det sammen med andre.",
        categories=("kultur", "sosialt"),
        unit="ostlia-seniorsenter",
        location="ostlia-seniorsenter",
    ),
    OfferSpec(
        slug="treverksted-seniorer",
        title="Treverksted for seniorer",
        summary="Snekring, treskjæring og reparasjoner i et godt utstyrt verksted.",
        description=(
            "Verkstedet i kjelleren på Østlia seniorsenter er åpent tirsdag og torsdag fra 10 til "
            "14. Her kan du snekre egne prosjekter, skjære i tre, slipe og male, eller reparere "
            "møbler. Erfarne frivillige passer på sikkerheten og gir råd. Materialer kan kjøpes "
            "til kostpris."
        ),
        suits="For seniorer som liker å arbeide med hendene og vil ha selskap.",
        categories=("kultur", "sosialt"),
        unit="ostlia-seniorsenter",
        location="ostlia-seniorsenter",
    ),
    # --- Digital help -----------------------------------------------------------------
    OfferSpec(
        slug="datahjelp-biblioteket",
        title="Datahjelp for seniorer på biblioteket",
        title_en="Computer and smartphone help for seniors",
        summary="Gratis hjelp med PC, nettbrett og mobil hver onsdag, uten timebestilling.",
        description=(
            "Frivillige fra Seniornett og bibliotekets ansatte hjelper deg en til en med det du "
            "lurer på: e-post, BankID, nettbank, Helsenorge, Vipps, digital postkasse eller bilder "
            "på mobilen. Ta med deg din egen PC, nettbrett eller telefon, og husk passord. Det er "
            "åpent hver onsdag fra klokken 16 til 18."
        ),
        suits="For seniorer og andre som trenger hjelp til å bruke digitale tjenester.",
        categories=("laering",),
        unit="biblioteket",
        location="biblioteket",
    ),
    OfferSpec(
        slug="nettbrettkurs",
        title="Nettbrettkurs for nybegynnere",
        summary="Kurs over fire ganger der du lærer å bruke iPad eller annet nettbrett.",
        description=(
            "På kurset lærer du å slå på og lade nettbrettet, sende e-post og meldinger, ta bilder, "
            "lese nettaviser og ringe videosamtaler med familien. Vi går rolig fram, og det er to "
            "kursholdere på hver gruppe. Du kan låne nettbrett hvis du ikke har eget. Kurset "
            "koster 200 kroner."
        ),
        suits="For seniorer som er nye med nettbrett eller smarttelefon.",
        categories=("laering",),
        unit="seniornett",
        location="sentrum-seniorsenter",
        participation=SIGNUP,
    ),
    OfferSpec(
        slug="digital-hjelp-fjellbygda",
        language=NN,
        title="Digital hjelp – få hjelp med mobil, nettbrett og PC",
        summary="Gratis rettleiing med digitale tenester kvar tysdag på frivilligsentralen.",
        description=(
            "Mange eldre slit med å henge med i ein digital kvardag. Kvar tysdag frå klokka 16 til "
            "18 kan du få hjelp av frivillige som kan data. Du vel sjølv kva du vil lære: BankID, "
            "nettbank, e-post, Helsenorge, Facebook eller videosamtale med barnebarna. All hjelp "
            "er gratis, og du kan kome så mange gonger du vil."
        ),
        suits="For eldre og andre som vil bli tryggare på mobil, nettbrett og datamaskin.",
        categories=("laering",),
        unit="fjellbygda-frivilligsentral",
        location="fjellbygda-frivilligsentral",
    ),
    OfferSpec(
        slug="trygg-pa-nett",
        title="Trygg på nett – kurs om svindel og sikkerhet",
        summary="Lær å kjenne igjen svindelforsøk på telefon, SMS og e-post.",
        description=(
            "Kurset tar for seg vanlige svindelmetoder, gode passord, sikker bruk av BankID og hva "
            "du gjør hvis uhellet er ute. Politiet og banken bidrar med eksempler. Kurset er én "
            "kveld og er gratis."
        ),
        suits=(
            "For seniorer og andre som bruker nettbank og digitale tjenester og vil føle seg "
            "tryggere."
        ),
        categories=("laering",),
        unit="seniornett",
        location="biblioteket",
        participation=SIGNUP,
    ),
    # --- Language cafés and newcomers -------------------------------------------------
    OfferSpec(
        slug="sprakkafe",
        title="Språkkafé – øv på norsk",
        title_en="Language café – practise Norwegian",
        summary="Uformell samtale på norsk med frivillige, hver søndag på biblioteket.",
        description=(
            "Språkkafeen er for deg som lærer norsk og vil øve på å snakke. Vi setter oss i små "
            "grupper etter nivå, med en frivillig samtalepartner ved hvert bord. Vi prater om mat, "
            "arbeid, ferier og det som skjer i byen. Alle nivåer er velkomne, og det er gratis."
        ),
        suits=(
            "For innvandrere, flyktninger, arbeidsinnvandrere og studenter som vil bli tryggere på "
            "norsk."
        ),
        categories=("laering", "sosialt"),
        unit="biblioteket",
        location="biblioteket",
    ),
    OfferSpec(
        slug="english-conversation-cafe",
        language=EN,
        title="English conversation café",
        summary="Practise your spoken English in a friendly group, every second Wednesday.",
        description=(
            "Would you like to brush up your English? Join our conversation café at the main "
            "library. We talk in small groups about travel, books, films and everyday life, led by "
            "volunteers who speak English fluently. All levels are welcome, and there is no need "
            "to sign up."
        ),
        suits="For adults and seniors who want to practise speaking English in a relaxed setting.",
        categories=("laering", "sosialt"),
        unit="biblioteket",
        location="biblioteket",
    ),
    OfferSpec(
        slug="sprakkafe-fjellbygda",
        language=NN,
        title="Språkkafé – snakk norsk saman med andre",
        summary="Open språkkafé på frivilligsentralen for alle som vil øve på norsk.",
        description=(
            "Det er viktig å lære språket når ein kjem til Noreg, men like viktig å bli kjend med "
            "folk. På språkkafeen pratar vi norsk over ein kopp kaffi eller te, med hjelp frå "
            "frivillige. Kafeen er eit samarbeid mellom frivilligsentralen, biblioteket og "
            "vaksenopplæringa. Ope annankvar måndag frå klokka 10 til 12."
        ),
        suits=(
            "For innvandrarar og flyktningar som vil øve på norsk, og for alle som vil bli kjende "
            "med nye menneske."
        ),
        categories=("laering", "sosialt"),
        unit="fjellbygda-frivilligsentral",
        location="fjellbygda-frivilligsentral",
    ),
    OfferSpec(
        slug="kvinnetreff",
        title="Kvinnetreff – møteplass for kvinner med innvandrerbakgrunn",
        summary="Sying, matlaging og samtaler på norsk for kvinner, hver torsdag.",
        description=(
            "Kvinnetreffet er et fellesskap der kvinner fra mange land møtes for å sy, lage mat og "
            "snakke norsk. Vi får besøk av helsesykepleier, NAV og andre som forteller om "
            "samfunnet. Barn under skolealder kan være med. Gratis, ingen påmelding."
        ),
        suits="For kvinner som er nye i Norge og vil bli kjent med andre og lære norsk.",
        categories=("sosialt", "laering"),
        unit="fjordby-frivilligsentral",
        location="frivilligsentralen",
    ),
    OfferSpec(
        slug="walk-and-talk",
        language=EN,
        title="Walk and talk – walking group in English",
        summary="A weekly walk for international residents and locals, with conversation in English.",
        description=(
            "Every Saturday at 11 we meet outside Nordbyen community house and walk for about an "
            "hour along the fjord. The pace is easy and everybody is welcome, whether you have "
            "lived here for thirty years or arrived last month. It is a simple way to get some "
            "exercise and make new friends."
        ),
        suits="For newcomers and anyone who wants company on a walk and likes speaking English.",
        categories=("fysisk", "sosialt"),
        unit="nordbyen-frivilligsentral",
        location="nordbyen-bydelshus",
    ),
    # --- Church and grief -------------------------------------------------------------
    OfferSpec(
        slug="formiddagstreff-menigheten",
        title="Formiddagstreff for eldre i menighetshuset",
        summary="Treff med andakt, sang, utlodning og bevertning første onsdag i måneden.",
        description=(
            "Formiddagstreffet samler mellom 30 og 40 eldre i Vestbyen menighetshus. Programmet "
            "har andakt, allsang, et kåseri eller musikkinnslag, utlodning og rikelig med "
            "smørbrød og kaker. Vi kan hente deg hvis du ikke har skyss. Alle er velkomne, "
            "uavhengig av tro."
        ),
        suits="For eldre som vil ha en hyggelig formiddag sammen med andre.",
        categories=("sosialt",),
        unit="menigheten",
        location="menighetshuset",
    ),
    OfferSpec(
        slug="sorggruppe",
        title="Sorggruppe for etterlatte",
        summary="Samtalegruppe for deg som har mistet ektefelle, samboer eller en annen nær person.",
        description=(
            "I sorggruppa møter du andre som har mistet en av sine nærmeste. Gruppen møtes åtte "
            "ganger med en prest og en diakon som ledere. Du får snakke om det du har opplevd, og "
            "høre hvordan andre har det. Det er taushetsplikt i gruppen."
        ),
        suits="For voksne som er i sorg etter et dødsfall.",
        categories=("sosialt",),
        unit="menigheten",
        location="menighetshuset",
        participation=SIGNUP,
    ),
)

SLUGS = frozenset(offer.slug for offer in OFFERS)
