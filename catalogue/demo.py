"""A realistic demo catalogue, drawn from the municipal plan chapter and the circular
"Aktiv omsorg" (see /work/shared/seeds): day centres for people with dementia and with
intellectual disability, an activity house for younger people outside work, work and
activity measures and støttekontakt by application, and low-threshold open offers run
by the municipality and by volunteers, in four districts.

``seed_catalogue()`` is idempotent (everything is matched on its slug or name).
``seed_catalogue(offers=N)`` also generates N varied, deterministic offers in bulk for
benchmarks (slugs ``generert-00001`` …).
"""

import datetime
import itertools
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from catalogue.models import (
    AccessibilityFeature,
    Category,
    District,
    Language,
    Location,
    Offer,
    OpeningPeriod,
    ScheduleException,
    ServiceType,
    TaxonomyTerm,
    Unit,
)
from catalogue.participation import services as participation
from catalogue.participation.models import Session
from catalogue.search import index as search_index
from portal.demo import DEMO_USERS
from portal.models import User
from portal.roles import Role

DISTRICTS = [
    ("sentrum", "Sentrum", "Sentrum", "City centre"),
    ("nord", "Nord", "Nord", "North"),
    ("sor", "Sør", "Sør", "South"),
    ("vest", "Vest", "Vest", "West"),
]
ACCESSIBILITY = [
    ("trinnfri-inngang", "Trinnfri inngang", "Trinnfri inngang", "Step-free entrance"),
    ("hc-toalett", "HC-toalett", "HC-toalett", "Accessible toilet"),
    ("teleslynge", "Teleslynge", "Teleslynge", "Hearing loop"),
    ("heis", "Heis", "Heis", "Lift"),
    ("hc-parkering", "HC-parkering", "HC-parkering", "Disabled parking"),
    ("stillerom", "Stillerom", "Stillerom", "Quiet room"),
]
CATEGORIES = [
    ("sosial", "Sosialt fellesskap", "Sosialt fellesskap", "Social"),
    (
        "arbeid",
        "Arbeid og meningsfylt aktivitet",
        "Arbeid og meiningsfull aktivitet",
        "Work and occupation",
    ),
    ("fysisk", "Fysisk aktivitet", "Fysisk aktivitet", "Physical activity"),
    ("kultur", "Kultur", "Kultur", "Culture"),
    ("laering", "Læring", "Læring", "Learning"),
    ("avlastning", "Avlastning for pårørende", "Avlasting for pårørande", "Respite for relatives"),
]
LANGUAGES = [
    ("nb", "Norsk", "Norsk", "Norwegian"),
    ("en", "Engelsk", "Engelsk", "English"),
    ("se", "Nordsamisk", "Nordsamisk", "Northern Sami"),
    ("pl", "Polsk", "Polsk", "Polish"),
    ("ar", "Arabisk", "Arabisk", "Arabic"),
    ("so", "Somali", "Somali", "Somali"),
    ("tegn", "Norsk tegnspråk", "Norsk teiknspråk", "Norwegian Sign Language"),
]
SERVICE_TYPES = {
    "dagaktivitet": "Dagaktivitetstilbud",
    "dagaktivitet-demens": "Dagaktivitetstilbud for personer med demens",
    "stottekontakt": "Støttekontakt",
    "arbeid-og-aktivitet": "Arbeids- og aktivitetstiltak",
    "avlastning": "Avlastning for pårørende",
    "omsorgsstonad": "Omsorgsstønad",
    "parorendestotte-opplaering": "Opplæring og veiledning for pårørende",
}
UNITS = [
    # slug, name, kind, description, e-mail, phone, website
    (
        "solsikken-dagsenter",
        "Solsikken dagsenter",
        Unit.Kind.MUNICIPAL,
        "Kommunalt dagsenter for hjemmeboende personer med demens.",
        "solsikken@eksempel.kommune.no",
        "73 84 50 01",
        "",
    ),
    (
        "lindegarden-dagsenter",
        "Lindegården dagsenter",
        Unit.Kind.MUNICIPAL,
        "Kommunalt dagsenter for voksne med utviklingshemming.",
        "lindegarden@eksempel.kommune.no",
        "73 84 50 02",
        "",
    ),
    (
        "aktivitetshuset",
        "Aktivitetshuset Verkstedet",
        Unit.Kind.MUNICIPAL,
        "Aktivitetshus for voksne i yrkesaktiv alder som står utenfor arbeidslivet.",
        "verkstedet@eksempel.kommune.no",
        "73 84 50 03",
        "",
    ),
    (
        "arbeidssenteret",
        "Kommunens arbeids- og aktivitetssenter",
        Unit.Kind.MUNICIPAL,
        "Arbeids- og aktivitetstiltak med verksted, kafé og vedproduksjon.",
        "arbeid@eksempel.kommune.no",
        "73 84 50 04",
        "",
    ),
    (
        "tildelingskontoret",
        "Tildelingskontoret",
        Unit.Kind.MUNICIPAL,
        "Behandler søknader om helse- og omsorgstjenester.",
        "tildeling@eksempel.kommune.no",
        "73 84 50 05",
        "",
    ),
    (
        "seniorsenteret",
        "Seniorsenteret Brygga",
        Unit.Kind.MUNICIPAL,
        "Eldresenter og møteplass for seniorer.",
        "brygga@eksempel.kommune.no",
        "73 84 50 06",
        "",
    ),
    (
        "frivilligsentralen",
        "Frivilligsentralen",
        Unit.Kind.VOLUNTEER,
        "Kobler frivillige og folk som vil ha noen å gjøre noe sammen med.",
        "post@frivilligsentralen.example.no",
        "73 84 60 00",
        "https://frivilligsentralen.example.no",
    ),
    (
        "rode-kors",
        "Røde Kors Omsorg",
        Unit.Kind.VOLUNTEER,
        "Lokalforeningens besøkstjeneste og aktiviteter.",
        "omsorg@rodekors.example.no",
        "73 84 61 00",
        "https://rodekors.example.no",
    ),
    (
        "demensforeningen",
        "Nasjonalforeningen – demensforeningen",
        Unit.Kind.VOLUNTEER,
        "Lokallaget av demensforeningen: aktivitetsvenner, pårørendetilbud og demenskor.",
        "demens@nasjonalforeningen.example.no",
        "73 84 62 00",
        "https://nasjonalforeningen.example.no",
    ),
    (
        "tunet-gard",
        "Tunet gård AS",
        Unit.Kind.PRIVATE,
        "Inn på tunet-gård med dagtilbud i samarbeid med kommunen.",
        "post@tunetgard.example.no",
        "73 84 63 00",
        "https://tunetgard.example.no",
    ),
]
LOCATIONS = [
    # name, unit slug, address, postcode, place, district, accessibility, transport note
    (
        "Solsikken dagsenter",
        "solsikken-dagsenter",
        "Kirkeveien 12",
        "1234",
        "Eksempelby",
        "sentrum",
        ["trinnfri-inngang", "hc-toalett", "hc-parkering", "stillerom"],
        "Buss 2 til Kirkeveien.",
    ),
    (
        "Nordlys bo- og aktivitetssenter",
        "solsikken-dagsenter",
        "Nordveien 40",
        "1240",
        "Eksempelby",
        "nord",
        ["trinnfri-inngang", "hc-toalett", "heis", "teleslynge"],
        "Buss 5 til Nordlys.",
    ),
    (
        "Lindegården",
        "lindegarden-dagsenter",
        "Lindeveien 3",
        "1236",
        "Eksempelby",
        "sor",
        ["trinnfri-inngang", "hc-toalett", "stillerom", "hc-parkering"],
        "Buss 3 til Lindeveien.",
    ),
    (
        "Verkstedet",
        "aktivitetshuset",
        "Fabrikkgata 8",
        "1235",
        "Eksempelby",
        "sentrum",
        ["trinnfri-inngang", "hc-toalett", "heis"],
        "Fem minutter å gå fra stasjonen.",
    ),
    (
        "Arbeidssenteret",
        "arbeidssenteret",
        "Industriveien 21",
        "1250",
        "Eksempelby",
        "vest",
        ["trinnfri-inngang", "hc-toalett"],
        "Buss 7 til Industriveien.",
    ),
    (
        "Seniorsenteret Brygga",
        "seniorsenteret",
        "Bryggekaia 1",
        "1233",
        "Eksempelby",
        "sentrum",
        ["trinnfri-inngang", "hc-toalett", "teleslynge", "heis", "hc-parkering"],
        "Alle bybusser stopper ved Brygga.",
    ),
    (
        "Frivilligsentralen",
        "frivilligsentralen",
        "Torget 5",
        "1234",
        "Eksempelby",
        "sentrum",
        ["teleslynge"],
        "Ved Torget holdeplass.",
    ),
    (
        "Sør bydelshus",
        "frivilligsentralen",
        "Sørveien 77",
        "1245",
        "Eksempelby",
        "sor",
        ["trinnfri-inngang", "hc-toalett"],
        "Buss 3 til Sør senter.",
    ),
    (
        "Vest nærmiljøhus",
        "frivilligsentralen",
        "Vestre gate 14",
        "1252",
        "Eksempelby",
        "vest",
        ["trinnfri-inngang", "hc-toalett", "teleslynge"],
        "Buss 7 til Vestre gate.",
    ),
    (
        "Røde Kors-huset",
        "rode-kors",
        "Nordre Ringvei 9",
        "1241",
        "Eksempelby",
        "nord",
        ["trinnfri-inngang", "hc-parkering"],
        "Buss 5 til Ringveien.",
    ),
    (
        "Tunet gård",
        "tunet-gard",
        "Tunvegen 120",
        "1260",
        "Eksempelby",
        "nord",
        ["hc-toalett", "stillerom"],
        "Ingen buss; transport ordnes av gården.",
    ),
    (
        "Biblioteket",
        None,
        "Biblioteksplassen 1",
        "1234",
        "Eksempelby",
        "sentrum",
        ["trinnfri-inngang", "hc-toalett", "heis", "teleslynge"],
        "Midt i sentrum.",
    ),
    (
        "Svømmehallen Vest",
        None,
        "Badeveien 2",
        "1253",
        "Eksempelby",
        "vest",
        ["trinnfri-inngang", "hc-toalett", "hc-parkering"],
        "Buss 7 til Badeveien.",
    ),
]

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
WEEKDAYS_MF = (MON, TUE, WED, THU, FRI)


@dataclass
class DemoOffer:
    slug: str
    title: str
    summary: str
    description: str
    suits: str
    unit: str
    locations: list[str]
    categories: list[str]
    days: tuple[int, ...] = ()
    hours: tuple[str, str] = ("10:00", "14:00")
    participation: str = Offer.Participation.OPEN
    service_type: str | None = None
    cost: str = Offer.Cost.FREE
    price_text: str = ""
    transport: bool = False
    transport_text: str = ""
    meals: bool = False
    meals_text: str = ""
    capacity: int | None = None
    places: int | None = None
    volunteers: bool = False
    volunteer_text: str = ""
    languages: list[str] = field(default_factory=lambda: ["nb"])
    age: tuple[int | None, int | None] = (None, None)
    signup_text: str = ""
    contact: tuple[str, str, str] = ("", "", "")
    nn: dict = field(default_factory=dict)
    en: dict = field(default_factory=dict)
    relief: bool = False  # counts as relief for relatives (Offer.counts_as_relief)


OFFERS = [
    DemoOffer(
        "solsikken-dagsenter-demens",
        "Solsikken dagsenter for personer med demens",
        "Dagaktivitetstilbud med fellesskap, måltider og aktiviteter for hjemmeboende personer med demens.",
        "Solsikken er et dagsenter for hjemmeboende personer med demens. Dagen har faste rammer: frokost, "
        "avislesing, tur, felles middag, sang og aktiviteter tilpasset den enkelte. Vi samarbeider tett med "
        "frivillige og med pårørende. Et dagsenter gir også avlastning for pårørende.",
        "For deg som bor hjemme, har fått en demensdiagnose eller kjenner igjen begynnende hukommelsessvikt, "
        "og som ønsker en fast plass å gå til på dagtid.",
        "solsikken-dagsenter",
        ["Solsikken dagsenter"],
        ["sosial", "fysisk", "avlastning"],
        WEEKDAYS_MF,
        ("09:30", "15:00"),
        Offer.Participation.APPLICATION,
        "dagaktivitet-demens",
        Offer.Cost.EGENANDEL,
        "Kostpenger 95 kr per dag.",
        True,
        "Vi henter og kjører deg hjem med dagsenterbussen.",
        True,
        "Frokost og middag.",
        12,
        2,
        True,
        "Vi trenger frivillige til turer og sang – ta kontakt.",
        relief=True,
        contact=("Solsikken dagsenter", "73 84 50 01", "solsikken@eksempel.kommune.no"),
        nn={
            "title": "Solsikken dagsenter for personar med demens",
            "summary": "Dagaktivitetstilbod med fellesskap, måltid og aktivitetar for heimebuande personar med demens.",
            "suits": "For deg som bur heime, har fått ein demensdiagnose eller kjenner att byrjande minnesvikt, "
            "og som ønskjer ein fast stad å gå til på dagtid.",
        },
        en={
            "title": "Solsikken day centre for people with dementia",
            "summary": "Day activities with company, meals and activities for people with dementia who live at home.",
        },
    ),
    DemoOffer(
        "nordlys-dagsenter-demens",
        "Nordlys dagsenter – dagaktivitet for personer med demens",
        "Dagsenter i bydel Nord med tur, hagearbeid og felles måltid to dager i uka.",
        "Nordlys dagsenter holder til på Nordlys bo- og aktivitetssenter. Vi legger vekt på fysisk aktivitet, "
        "hagearbeid og fellesskap. Tilbudet er for tiden fullt, men du kan søke og bli satt på venteliste.",
        "For deg som har hukommelsessvikt og ønsker aktivitet og selskap, og for pårørende som trenger avlastning.",
        "solsikken-dagsenter",
        ["Nordlys bo- og aktivitetssenter"],
        ["sosial", "fysisk", "avlastning"],
        (TUE, THU),
        ("09:00", "15:00"),
        Offer.Participation.APPLICATION,
        "dagaktivitet-demens",
        Offer.Cost.EGENANDEL,
        "",
        True,
        "Transport til og fra hjemmet.",
        True,
        "Lunsj og middag.",
        8,
        0,
        relief=True,
        contact=("Nordlys dagsenter", "73 84 50 11", "nordlys@eksempel.kommune.no"),
        nn={
            "title": "Nordlys dagsenter – dagaktivitet for personar med demens",
            "summary": "Dagsenter i bydel Nord med tur, hagearbeid og felles måltid to dagar i veka.",
        },
    ),
    DemoOffer(
        "avlastning-solstua",
        "Avlastning på Solstua – dag, døgn og helg",
        "Avlastning for deg som har tyngende omsorgsarbeid for en av dine nærmeste.",
        "Solstua gir avlastning til pårørende med særlig tyngende omsorgsarbeid. Den du gir omsorg til, "
        "kan være hos oss på dagtid, et døgn eller en helg, mens du får fri. Du søker selv, som pårørende, "
        "og kommunen avgjør omfanget i et vedtak.",
        "For deg som gir omsorg til en av dine nærmeste mange timer i uka og trenger fri.",
        "solsikken-dagsenter",
        ["Solsikken dagsenter"],
        ["avlastning"],
        WEEKDAYS_MF,
        ("08:00", "16:00"),
        Offer.Participation.APPLICATION,
        "avlastning",
        Offer.Cost.FREE,
        "",
        True,
        "Transport kan inngå i vedtaket.",
        True,
        "Alle måltider.",
        6,
        1,
        contact=("Solsikken dagsenter", "73 84 50 01", "solsikken@eksempel.kommune.no"),
        nn={
            "title": "Avlasting på Solstua – dag, døgn og helg",
            "summary": "Avlasting for deg som har tyngjande omsorgsarbeid for ein av dei nærmaste dine.",
            "suits": "For deg som gir omsorg til ein av dei nærmaste dine mange timar i veka og treng fri.",
        },
        en={
            "title": "Respite care at Solstua – day, night and weekend",
            "summary": "Respite for you if you have heavy care work for someone close to you.",
        },
        relief=True,
    ),
    DemoOffer(
        "lindegarden-dagsenter",
        "Lindegården dagsenter for voksne med utviklingshemming",
        "Meningsfylte dager med arbeidsoppgaver, musikk, tur og sosialt fellesskap.",
        "Lindegården gir et dagtilbud til voksne med utviklingshemming. Vi har veveri, kjøkken, sansehage og "
        "musikkrom. Aktivitetene tilpasses hver enkelt, og vi har stillerom for dem som trenger pauser.",
        "For deg som trenger tilrettelegging og støtte for å ha en aktiv og meningsfull dag.",
        "lindegarden-dagsenter",
        ["Lindegården"],
        ["arbeid", "sosial", "kultur"],
        WEEKDAYS_MF,
        ("08:30", "15:30"),
        Offer.Participation.APPLICATION,
        "dagaktivitet",
        Offer.Cost.EGENANDEL,
        "",
        True,
        "Transport kan inngå i vedtaket.",
        True,
        "Lunsj hver dag.",
        20,
        3,
        languages=["nb", "tegn"],
        contact=("Lindegården dagsenter", "73 84 50 02", "lindegarden@eksempel.kommune.no"),
        nn={
            "title": "Lindegården dagsenter for vaksne med utviklingshemming",
            "summary": "Meiningsfulle dagar med arbeidsoppgåver, musikk, tur og sosialt fellesskap.",
        },
        en={"title": "Lindegården day centre for adults with intellectual disabilities"},
    ),
    DemoOffer(
        "aktivitetshuset-verkstedet",
        "Aktivitetshuset Verkstedet for yngre voksne",
        "Et sted å gå på dagtid for deg i yrkesaktiv alder som ikke kan være i jobb.",
        "Verkstedet er et aktivitetshus for yngre voksne som står utenfor arbeidslivet på grunn av sykdom eller "
        "skade. Her kan du delta i verksted, matlaging, trening og kurs – eller bare ta en kaffe. "
        "Du velger selv hvor mye du vil delta.",
        "For deg som ønsker selskap, struktur i hverdagen og noe meningsfylt å gjøre på dagtid.",
        "aktivitetshuset",
        ["Verkstedet"],
        ["sosial", "arbeid", "laering", "fysisk"],
        (TUE, WED, THU),
        ("10:00", "15:00"),
        Offer.Participation.SIGNUP,
        None,
        Offer.Cost.FREE,
        "Lunsj 40 kr.",
        False,
        "",
        True,
        "Felles lunsj klokka 12.",
        25,
        6,
        languages=["nb", "en", "pl"],
        age=(18, 67),
        signup_text="Ring eller send e-post, så avtaler vi en uforpliktende første samtale.",
        contact=("Verkstedet", "73 84 50 03", "verkstedet@eksempel.kommune.no"),
        nn={
            "title": "Aktivitetshuset Verkstedet for yngre vaksne",
            "summary": "Ein stad å gå på dagtid for deg i yrkesaktiv alder som ikkje kan vere i jobb.",
        },
        en={
            "title": "Verkstedet activity house for younger adults",
            "summary": "A place to go in the daytime for working-age adults who cannot work.",
        },
    ),
    DemoOffer(
        "dagaktivitet-yngre",
        "Dagaktivitet for yngre med fysisk eller kognitiv funksjonsnedsettelse",
        "Tilrettelagt dagtilbud for voksne under pensjonsalder med nevrologiske tilstander eller skader.",
        "Et tilrettelagt dagaktivitetstilbud på Verkstedet for yngre personer med sykdom eller skade som hindrer "
        "dem i å være i jobb, for eksempel etter hjerneslag, ved MS eller etter en ulykke.",
        "For deg som trenger tilrettelegging, men ønsker å være aktiv sammen med jevnaldrende.",
        "aktivitetshuset",
        ["Verkstedet"],
        ["sosial", "fysisk", "arbeid"],
        (MON, WED, FRI),
        ("10:00", "15:00"),
        Offer.Participation.APPLICATION,
        "dagaktivitet",
        Offer.Cost.EGENANDEL,
        "",
        True,
        "Transport kan inngå i vedtaket.",
        True,
        "Lunsj.",
        10,
        1,
        age=(18, 67),
        contact=("Verkstedet", "73 84 50 03", "verkstedet@eksempel.kommune.no"),
        nn={"title": "Dagaktivitet for yngre med fysisk eller kognitiv funksjonsnedsetjing"},
    ),
    DemoOffer(
        "arbeidstiltak-verksted",
        "Arbeids- og aktivitetstiltak: snekkerverksted og vedproduksjon",
        "Arbeidstrening med faste oppgaver i verksted og vedproduksjon.",
        "Tiltaket gir arbeidstrening og en fast arbeidshverdag med veiledning. Vi lager vedsekker, fuglekasser "
        "og utemøbler for salg. Målet kan være ordinært arbeid, eller en meningsfull hverdag.",
        "For deg som ønsker å komme i arbeid eller ha noe meningsfylt å gjøre, og som trenger tilrettelegging.",
        "arbeidssenteret",
        ["Arbeidssenteret"],
        ["arbeid"],
        WEEKDAYS_MF,
        ("08:00", "14:00"),
        Offer.Participation.APPLICATION,
        "arbeid-og-aktivitet",
        Offer.Cost.FREE,
        "",
        False,
        "",
        True,
        "Enkel lunsj.",
        15,
        4,
        contact=("Arbeidssenteret", "73 84 50 04", "arbeid@eksempel.kommune.no"),
        nn={
            "title": "Arbeids- og aktivitetstiltak: snikkarverkstad og vedproduksjon",
            "summary": "Arbeidstrening med faste oppgåver i verkstad og vedproduksjon.",
        },
        en={"title": "Work and activity scheme: carpentry workshop and firewood"},
    ),
    DemoOffer(
        "arbeidstrening-kafe-brygga",
        "Arbeidstrening i Kafé Brygga",
        "Arbeidstrening i kafé: servering, kjøkken og kasse.",
        "Du får arbeidstrening på kjøkken og i servering på seniorsenterets kafé, med fast veileder.",
        "For deg som vil prøve deg i arbeid i et trygt miljø.",
        "arbeidssenteret",
        ["Seniorsenteret Brygga"],
        ["arbeid", "laering"],
        (MON, TUE, WED, THU),
        ("09:00", "14:00"),
        Offer.Participation.APPLICATION,
        "arbeid-og-aktivitet",
        Offer.Cost.FREE,
        "",
        False,
        "",
        True,
        "",
        6,
        None,
        contact=("Arbeidssenteret", "73 84 50 04", "arbeid@eksempel.kommune.no"),
        nn={"title": "Arbeidstrening i Kafé Brygga"},
    ),
    DemoOffer(
        "stottekontakt",
        "Støttekontakt",
        "En person som hjelper deg å delta i fritidsaktiviteter og å være sammen med andre.",
        "En støttekontakt er en person som hjelper deg med å ha en meningsfylt fritid, for eksempel å gå på kino, "
        "trene, delta i en forening eller bare gå en tur. Støttekontakt kan også gis som plass i en aktivitetsgruppe. "
        "Du søker til tildelingskontoret og får et vedtak.",
        "For deg som trenger hjelp for å komme deg ut og delta i aktiviteter og fellesskap – ung eller eldre.",
        "tildelingskontoret",
        ["Frivilligsentralen"],
        ["sosial", "kultur"],
        (),
        ("10:00", "14:00"),
        Offer.Participation.APPLICATION,
        "stottekontakt",
        Offer.Cost.FREE,
        "",
        False,
        "",
        False,
        "",
        contact=("Tildelingskontoret", "73 84 50 05", "tildeling@eksempel.kommune.no"),
        nn={
            "title": "Støttekontakt",
            "summary": "Ein person som hjelper deg å delta i fritidsaktivitetar og å vere saman med andre.",
        },
        en={
            "title": "Support contact (støttekontakt)",
            "summary": "A person who helps you take part in leisure activities and be with others.",
        },
    ),
    DemoOffer(
        "turgruppe-seniorer",
        "Turgruppe for seniorer",
        "Rolig tur i nærområdet hver tirsdag, med kaffe etterpå.",
        "Vi går en rolig tur på rundt en time i sentrum og langs elva. Etterpå drikker vi kaffe sammen på "
        "Frivilligsentralen. Frivillige turledere går sammen med gruppa.",
        "For deg som vil komme deg ut, gå i eget tempo og bli kjent med nye folk.",
        "frivilligsentralen",
        ["Frivilligsentralen"],
        ["fysisk", "sosial"],
        (TUE,),
        ("11:00", "13:00"),
        volunteers=True,
        volunteer_text="Bli turvenn – vi trenger flere turledere.",
        contact=("Frivilligsentralen", "73 84 60 00", "post@frivilligsentralen.example.no"),
        nn={
            "title": "Turgruppe for seniorar",
            "summary": "Roleg tur i nærområdet kvar tysdag, med kaffi etterpå.",
        },
        en={
            "title": "Walking group for seniors",
            "summary": "An easy walk every Tuesday, with coffee afterwards.",
        },
    ),
    DemoOffer(
        "gagruppe-sor",
        "Gågruppa «Gå deg glad»",
        "Gåtur for alle som vil ha frisk luft og godt selskap.",
        "Røde Kors arrangerer gåtur hver torsdag fra Sør bydelshus. Turen tilpasses den som går saktest.",
        "For deg som vil være i bevegelse sammen med andre, uansett form.",
        "rode-kors",
        ["Sør bydelshus"],
        ["fysisk", "sosial"],
        (THU,),
        ("10:00", "11:30"),
        volunteers=True,
        contact=("Røde Kors Omsorg", "73 84 61 00", "omsorg@rodekors.example.no"),
        nn={
            "title": "Gågruppa «Gå deg glad»",
            "summary": "Gåtur for alle som vil ha frisk luft og godt selskap.",
        },
    ),
    DemoOffer(
        "trim-for-seniorer",
        "Trim for seniorer",
        "Styrke- og balansetrening med fysioterapeut, tilpasset alle.",
        "Seniortrim med øvelser for styrke, balanse og bevegelighet, ledet av kommunens fysioterapeut. "
        "Du kan trene sittende eller stående. Balansetrening forebygger fall.",
        "For deg som vil holde deg sterk og stødig, også om du bruker rullator.",
        "seniorsenteret",
        ["Seniorsenteret Brygga"],
        ["fysisk"],
        (MON, WED),
        ("11:00", "12:00"),
        cost=Offer.Cost.PRICE,
        price_text="20 kr per gang.",
        contact=("Seniorsenteret Brygga", "73 84 50 06", "brygga@eksempel.kommune.no"),
        nn={
            "title": "Trim for seniorar",
            "summary": "Styrke- og balansetrening med fysioterapeut, tilpassa alle.",
        },
        en={
            "title": "Exercise for seniors",
            "summary": "Strength and balance training with a physiotherapist, suited to everyone.",
        },
    ),
    DemoOffer(
        "strikkekafe-vest",
        "Strikkekafé",
        "Strikk, hekling og prat over en kopp kaffe.",
        "Ta med deg håndarbeidet ditt, eller lær noe nytt. Erfarne strikkere hjelper gjerne. Garn kan lånes.",
        "For deg som liker håndarbeid og vil ha en hyggelig formiddag sammen med andre.",
        "frivilligsentralen",
        ["Vest nærmiljøhus"],
        ["sosial", "kultur"],
        (WED,),
        ("12:00", "14:00"),
        volunteers=True,
        languages=["nb", "pl", "ar"],
        contact=("Frivilligsentralen", "73 84 60 00", "post@frivilligsentralen.example.no"),
        nn={"title": "Strikkekafé", "summary": "Strikking, hekling og prat over ein kopp kaffi."},
        en={"title": "Knitting café", "summary": "Knitting, crochet and a chat over coffee."},
    ),
    DemoOffer(
        "seniorsenteret-brygga",
        "Seniorsenteret Brygga – eldresenter, kafé og møteplass",
        "Eldresenter med kafé, middag, kurs og aktiviteter hver ukedag.",
        "Seniorsenteret er åpent for alle seniorer. Her er kafé med middag, avislesing, bingo, foredrag, "
        "datahjelp og fotpleie. Programmet henger på senteret og på nettsiden.",
        "For deg som er pensjonist og vil ha et sted å treffe andre.",
        "seniorsenteret",
        ["Seniorsenteret Brygga"],
        ["sosial", "kultur", "laering"],
        WEEKDAYS_MF,
        ("10:00", "15:00"),
        cost=Offer.Cost.PRICE,
        price_text="Middag 90 kr.",
        meals=True,
        meals_text="Middag hver dag klokka 12.30.",
        volunteers=True,
        age=(60, None),
        contact=("Seniorsenteret Brygga", "73 84 50 06", "brygga@eksempel.kommune.no"),
        nn={
            "title": "Seniorsenteret Brygga – eldresenter, kafé og møteplass",
            "summary": "Eldresenter med kafé, middag, kurs og aktivitetar kvar vekedag.",
        },
        en={"title": "Brygga senior centre – centre for older people, café and meeting place"},
    ),
    DemoOffer(
        "mannsforum",
        "Mannsforum – prat, kaffe og fellesskap for menn",
        "Uformelt treff for menn hver tirsdag, med henting for dem som trenger det.",
        "Mannsforum er et treff der menn møtes for å prate, spille kort, høre foredrag og dra på små turer. "
        "Røde Kors-frivillige henter deg hjemme om du ikke kommer deg dit selv.",
        "For deg som er mann og ønsker selskap på dagtid.",
        "rode-kors",
        ["Røde Kors-huset"],
        ["sosial"],
        (TUE,),
        ("10:00", "13:00"),
        transport=True,
        transport_text="Frivillige sjåfører henter og bringer deg.",
        meals=True,
        meals_text="Kaffe og rundstykker.",
        volunteers=True,
        contact=("Røde Kors Omsorg", "73 84 61 00", "omsorg@rodekors.example.no"),
        nn={
            "title": "Mannsforum – prat, kaffi og fellesskap for menn",
            "summary": "Uformelt treff for menn kvar tysdag, med henting for dei som treng det.",
        },
        en={"title": "Men's forum – chat, coffee and company for men"},
    ),
    DemoOffer(
        "mannsverkstedet",
        "Mannsverkstedet (Men's Shed)",
        "Verksted der du kan snekre, reparere og prate.",
        "I Mannsverkstedet reparerer vi sykler, snekrer og fikser ting for nabolaget. Alle kan være med – "
        "du trenger ikke kunne noe fra før.",
        "For deg som liker å bruke hendene og ønsker et fellesskap.",
        "frivilligsentralen",
        ["Sør bydelshus"],
        ["sosial", "arbeid"],
        (THU,),
        ("10:00", "14:00"),
        volunteers=True,
        contact=("Frivilligsentralen", "73 84 60 00", "post@frivilligsentralen.example.no"),
        nn={
            "title": "Mannsverkstaden (Men's Shed)",
            "summary": "Verkstad der du kan snikre, reparere og prate.",
        },
        en={"title": "Men's Shed", "summary": "A workshop to build, repair and chat."},
    ),
    DemoOffer(
        "seniorkoret",
        "Seniorkoret Livsglede",
        "Kor for seniorer – ingen krav til sangerfaring.",
        "Vi synger kjente sanger og nye, og holder konserter på sykehjem og ved jul. Noter er ikke nødvendig.",
        "For deg som liker å synge og vil være med i et fellesskap.",
        "seniorsenteret",
        ["Seniorsenteret Brygga"],
        ["kultur", "sosial"],
        (TUE,),
        ("12:00", "13:30"),
        transport=True,
        transport_text="Kommunens seniorbuss kjører fra Nord og Sør.",
        contact=("Seniorsenteret Brygga", "73 84 50 06", "brygga@eksempel.kommune.no"),
        nn={
            "title": "Seniorkoret Livsglede",
            "summary": "Kor for seniorar – ingen krav til songerfaring.",
        },
        en={"title": "Livsglede senior choir"},
    ),
    DemoOffer(
        "minnekoret",
        "Minnekoret – demenskor",
        "Kor for personer med demens og pårørende sammen.",
        "Sang vekker minner og gir glede. Minnekoret er et kor der personer med demens synger sammen med "
        "pårørende og frivillige, ledet av en musikkterapeut.",
        "For deg med hukommelsessvikt og deg som er pårørende – dere kommer sammen.",
        "demensforeningen",
        ["Frivilligsentralen"],
        ["kultur", "sosial", "avlastning"],
        (THU,),
        ("12:00", "13:30"),
        Offer.Participation.SIGNUP,
        transport=True,
        transport_text="Aktivitetsvenner kan følge deg.",
        volunteers=True,
        signup_text="Meld deg på til demensforeningen.",
        contact=("Demensforeningen", "73 84 62 00", "demens@nasjonalforeningen.example.no"),
        nn={
            "title": "Minnekoret – demenskor",
            "summary": "Kor for personar med demens og pårørande saman.",
        },
    ),
    DemoOffer(
        "parorendeskole-demens",
        "Pårørendeskole for pårørende til personer med demens",
        "Kurs med kunnskap om demens og samtalegrupper for pårørende.",
        "Pårørendeskolen går over fem kvelder med foredrag om demens, rettigheter og kommunikasjon, og samtale i "
        "små grupper. Arrangeres av kommunen og demensforeningen.",
        "For deg som er pårørende og vil lære mer og møte andre i samme situasjon.",
        "demensforeningen",
        ["Biblioteket"],
        ["laering", "avlastning"],
        (WED,),
        ("18:00", "20:00"),
        Offer.Participation.SIGNUP,
        signup_text="Påmelding til demensforeningen.",
        contact=("Demensforeningen", "73 84 62 00", "demens@nasjonalforeningen.example.no"),
        nn={
            "title": "Pårørandeskule for pårørande til personar med demens",
            "summary": "Kurs med kunnskap om demens og samtalegrupper for pårørande.",
        },
        en={"title": "Course for relatives of people with dementia"},
    ),
    DemoOffer(
        "tirsdagstreffet",
        "Tirsdagstreffet – sosialt treff med skyss",
        "Kaffe, vafler, allsang og bingo hver tirsdag. Vi henter deg.",
        "Tirsdagstreffet er et lavterskeltilbud for hjemmeboende eldre som ellers sitter mye alene. Frivillige "
        "henter og bringer deg.",
        "For deg som ønsker selskap på dagtid og trenger skyss for å komme deg ut.",
        "frivilligsentralen",
        ["Sør bydelshus"],
        ["sosial", "kultur"],
        (TUE,),
        ("11:00", "14:00"),
        transport=True,
        transport_text="Gratis henting med frivillige sjåfører.",
        meals=True,
        meals_text="Kaffe og vafler.",
        volunteers=True,
        contact=("Frivilligsentralen", "73 84 60 00", "post@frivilligsentralen.example.no"),
        nn={
            "title": "Tysdagstreffet – sosialt treff med skyss",
            "summary": "Kaffi, vaflar, allsong og bingo kvar tysdag. Vi hentar deg.",
        },
        en={
            "title": "The Tuesday meet-up – with transport",
            "summary": "Coffee, waffles, singing and bingo every Tuesday. We pick you up.",
        },
    ),
    DemoOffer(
        "besoksvenn",
        "Besøksvenn",
        "En frivillig som besøker deg hjemme, går tur eller tar en kaffe med deg.",
        "Røde Kors besøkstjeneste gir deg en fast besøksvenn som kommer når det passer dere begge.",
        "For deg som kjenner deg ensom og ønsker noen å prate med.",
        "rode-kors",
        ["Røde Kors-huset"],
        ["sosial"],
        (),
        participation=Offer.Participation.SIGNUP,
        volunteers=True,
        languages=["nb", "en", "so"],
        signup_text="Ring oss, så finner vi en besøksvenn som passer.",
        contact=("Røde Kors Omsorg", "73 84 61 00", "omsorg@rodekors.example.no"),
        nn={
            "title": "Besøksven",
            "summary": "Ein frivillig som besøkjer deg heime, går tur eller tek ein kaffi med deg.",
        },
        en={
            "title": "Visiting friend",
            "summary": "A volunteer who visits you at home, goes for a walk or has a coffee with you.",
        },
    ),
    DemoOffer(
        "aktivitetsvenn-demens",
        "Aktivitetsvenn for personer med demens",
        "En frivillig som deler interessene dine: tur, fiske, kafé eller konsert.",
        "Demensforeningen kobler deg med en aktivitetsvenn som har samme interesser som deg. Dere avtaler selv "
        "hva dere gjør. Pårørende får samtidig litt avlastning.",
        "For deg med demens som vil fortsette med det du liker.",
        "demensforeningen",
        ["Frivilligsentralen"],
        ["sosial", "fysisk", "avlastning"],
        (WED,),
        ("11:00", "13:00"),
        Offer.Participation.SIGNUP,
        volunteers=True,
        volunteer_text="Bli aktivitetsvenn: kurs på tre timer.",
        contact=("Demensforeningen", "73 84 62 00", "demens@nasjonalforeningen.example.no"),
        nn={"title": "Aktivitetsven for personar med demens"},
    ),
    DemoOffer(
        "inn-pa-tunet",
        "Inn på tunet – gårdsbasert dagaktivitet",
        "Dagaktivitet på gård med dyrestell, vedhogst og hagearbeid.",
        "Tunet gård gir et gårdsbasert dagaktivitetstilbud i avtale med kommunen. Dagen følger gårdens rytme: "
        "dyrestell, matlaging, vedhogst og turer.",
        "For deg med demens som trives ute og med praktisk arbeid.",
        "tunet-gard",
        ["Tunet gård"],
        ["arbeid", "fysisk", "avlastning"],
        (TUE, THU),
        ("09:00", "15:00"),
        Offer.Participation.APPLICATION,
        "dagaktivitet-demens",
        Offer.Cost.EGENANDEL,
        "",
        True,
        "Gården henter og kjører hjem.",
        True,
        "Lunsj laget på gården.",
        6,
        1,
        contact=("Tunet gård", "73 84 63 00", "post@tunetgard.example.no"),
        nn={
            "title": "Inn på tunet – gardsbasert dagaktivitet",
            "summary": "Dagaktivitet på gard med dyrestell, vedhogst og hagearbeid.",
        },
        en={"title": "Green care farm day activities"},
    ),
    DemoOffer(
        "moteplassen",
        "Møteplassen – lavterskel kafé",
        "Et sted å være på dagtid, med billig lunsj og folk å prate med.",
        "Møteplassen er en åpen kafé for alle som vil ha et sted å være på dagtid. Ingen henvisning, ingen "
        "påmelding. Ansatte med erfaring fra psykisk helsearbeid er til stede.",
        "For deg som har det tungt, er mye alene eller bare trenger et sted å gå.",
        "aktivitetshuset",
        ["Verkstedet"],
        ["sosial"],
        (MON, WED, FRI),
        ("11:00", "15:00"),
        meals=True,
        meals_text="Lunsj 30 kr.",
        languages=["nb", "en", "ar", "so"],
        contact=("Verkstedet", "73 84 50 03", "verkstedet@eksempel.kommune.no"),
        nn={
            "title": "Møteplassen – lågterskel kafé",
            "summary": "Ein stad å vere på dagtid, med billeg lunsj og folk å prate med.",
        },
        en={
            "title": "Møteplassen drop-in café",
            "summary": "A place to be in the daytime, with cheap lunch and people to talk to.",
        },
    ),
    DemoOffer(
        "bassengtrening",
        "Bassengtrening i varmtvannsbasseng",
        "Trening i varmt vann, skånsomt for ledd og muskler.",
        "Gruppetrening i varmtvannsbassenget med fysioterapeut. Heis ned i bassenget.",
        "For deg med stive ledd, smerter eller nedsatt balanse.",
        "seniorsenteret",
        ["Svømmehallen Vest"],
        ["fysisk"],
        (FRI,),
        ("11:00", "12:00"),
        Offer.Participation.SIGNUP,
        cost=Offer.Cost.PRICE,
        price_text="50 kr per gang.",
        capacity=12,
        places=0,
        signup_text="Meld deg på i resepsjonen på Seniorsenteret.",
        contact=("Seniorsenteret Brygga", "73 84 50 06", "brygga@eksempel.kommune.no"),
        nn={"title": "Bassengtrening i varmtvassbasseng"},
    ),
    DemoOffer(
        "datahjelp-seniorer",
        "Digital hverdag – datahjelp for seniorer",
        "Få hjelp med mobil, nettbrett, BankID og Helsenorge.",
        "Frivillige hjelper deg med mobil, nettbrett og PC: videosamtaler, BankID, Helsenorge og nettbank.",
        "For deg som vil bli tryggere på digitale tjenester.",
        "frivilligsentralen",
        ["Biblioteket"],
        ["laering"],
        (THU,),
        ("12:00", "14:00"),
        volunteers=True,
        contact=("Frivilligsentralen", "73 84 60 00", "post@frivilligsentralen.example.no"),
        nn={
            "title": "Digital kvardag – datahjelp for seniorar",
            "summary": "Få hjelp med mobil, nettbrett, BankID og Helsenorge.",
        },
        en={"title": "Digital help for seniors"},
    ),
    DemoOffer(
        "sprakkafe",
        "Språkkafé – øv på norsk",
        "Snakk norsk med frivillige over en kopp kaffe.",
        "På språkkafeen øver du på å snakke norsk i små grupper. Alle nivåer er velkomne.",
        "For deg som vil øve på norsk og bli kjent med folk.",
        "frivilligsentralen",
        ["Biblioteket"],
        ["laering", "sosial"],
        (WED,),
        ("17:00", "19:00"),
        volunteers=True,
        languages=["nb", "en", "ar", "pl", "so"],
        contact=("Frivilligsentralen", "73 84 60 00", "post@frivilligsentralen.example.no"),
        nn={"title": "Språkkafé – øv på norsk"},
        en={"title": "Language café – practise Norwegian"},
    ),
    DemoOffer(
        "fritid-for-alle",
        "Fritid for alle – fritidsaktiviteter for voksne med utviklingshemming",
        "Disko, bowling, konserter og turer på ettermiddag og kveld.",
        "Fritid for alle arrangerer fritidsaktiviteter for voksne med utviklingshemming sammen med frivillige: "
        "disko, bowling, konserter og turer.",
        "For deg som vil ha en aktiv fritid sammen med venner.",
        "lindegarden-dagsenter",
        ["Lindegården"],
        ["kultur", "sosial", "fysisk"],
        (WED,),
        ("17:00", "20:00"),
        Offer.Participation.SIGNUP,
        cost=Offer.Cost.PRICE,
        price_text="Egenbetaling for enkelte aktiviteter.",
        volunteers=True,
        contact=("Lindegården dagsenter", "73 84 50 02", "lindegarden@eksempel.kommune.no"),
        nn={
            "title": "Fritid for alle – fritidsaktivitetar for vaksne med utviklingshemming",
            "summary": "Disko, bowling, konsertar og turar på ettermiddag og kveld.",
        },
        en={"title": "Leisure for all – activities for adults with intellectual disabilities"},
    ),
    DemoOffer(
        "seniordans",
        "Seniordans",
        "Dans i ring og par, til levende musikk.",
        "Seniordans er god trim for kropp og hode. Du trenger ingen partner.",
        "For deg som liker musikk og bevegelse.",
        "frivilligsentralen",
        ["Sør bydelshus"],
        ["fysisk", "kultur", "sosial"],
        (FRI,),
        ("11:00", "13:00"),
        cost=Offer.Cost.PRICE,
        price_text="30 kr.",
        contact=("Frivilligsentralen", "73 84 60 00", "post@frivilligsentralen.example.no"),
        nn={"title": "Seniordans", "summary": "Dans i ring og par, til levande musikk."},
        en={"title": "Senior dancing"},
    ),
]


def _terms[Term: TaxonomyTerm](model: type[Term], rows) -> dict[str, Term]:
    found = {}
    for position, (slug, name, name_nn, name_en) in enumerate(rows):
        found[slug], _ = model._default_manager.update_or_create(
            slug=slug,
            defaults={"name": name, "name_nn": name_nn, "name_en": name_en, "position": position},
        )
    return found


def _time(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


@transaction.atomic
@search_index.batched()
def seed_catalogue(*, offers: int = 0) -> None:
    """Load (or refresh) the demo catalogue; optionally generate ``offers`` more."""
    districts = _terms(District, DISTRICTS)
    features = _terms(AccessibilityFeature, ACCESSIBILITY)
    categories = _terms(Category, CATEGORIES)
    languages = _terms(Language, LANGUAGES)
    # ISO 639 codes for the open data; the other slugs are codes already.
    Language.objects.filter(slug="tegn").update(code="nsl")
    service_types = {
        slug: ServiceType.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in SERVICE_TYPES.items()
    }
    units = {}
    for slug, name, kind, description, email, phone, website in UNITS:
        units[slug], _ = Unit.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "description": description,
                "email": email,
                "phone": phone,
                "website": website,
            },
        )
    locations = {}
    for name, unit_slug, address, postcode, place, district, accessibility, transport in LOCATIONS:
        location, _ = Location.objects.update_or_create(
            name=name,
            defaults={
                "unit": units.get(unit_slug) if unit_slug else None,
                "address": address,
                "postcode": postcode,
                "place": place,
                "district": districts[district],
                "transport_note": transport,
            },
        )
        location.accessibility.set([features[slug] for slug in accessibility])
        locations[name] = location

    today = timezone.localdate()
    for demo in OFFERS:
        contact_name, contact_phone, contact_email = demo.contact
        defaults = {
            "title": demo.title,
            "summary": demo.summary,
            "description": demo.description,
            "suits": demo.suits,
            "unit": units[demo.unit],
            "participation": demo.participation,
            "service_type": service_types[demo.service_type] if demo.service_type else None,
            "signup_text": demo.signup_text,
            "cost": demo.cost,
            "price_text": demo.price_text,
            "transport_offered": demo.transport,
            "transport_text": demo.transport_text,
            "meals_offered": demo.meals,
            "counts_as_relief": demo.relief,
            "meals_text": demo.meals_text,
            "capacity_per_day": demo.capacity,
            "places_available": demo.places,
            "volunteers_involved": demo.volunteers,
            "volunteer_text": demo.volunteer_text,
            "age_min": demo.age[0],
            "age_max": demo.age[1],
            "contact_name": contact_name,
            "contact_phone": contact_phone,
            "contact_email": contact_email,
            "status": Offer.Status.PUBLISHED,
            "last_reviewed": today - datetime.timedelta(days=30),
        }
        for language, texts in (("nn", demo.nn), ("en", demo.en)):
            for name, value in texts.items():
                defaults[f"{name}_{language}"] = value
        offer, created = Offer.objects.update_or_create(slug=demo.slug, defaults=defaults)
        if created or offer.published_at is None:
            Offer.objects.filter(pk=offer.pk).update(published_at=timezone.now())
        offer.locations.set([locations[name] for name in demo.locations])
        offer.categories.set([categories[slug] for slug in demo.categories])
        offer.languages.set([languages[slug] for slug in demo.languages])
        offer.opening_periods.all().delete()
        OpeningPeriod.objects.bulk_create(
            OpeningPeriod(
                offer=offer,
                location=locations[demo.locations[0]],
                weekday=day,
                opens=_time(demo.hours[0]),
                closes=_time(demo.hours[1]),
            )
            for day in demo.days
        )
    # A named closure on the dementia day centre: a staff training day.
    solsikken = Offer.objects.get(slug="solsikken-dagsenter-demens")
    ScheduleException.objects.update_or_create(
        offer=solsikken,
        note="Planleggingsdag",
        defaults={
            "date": _next_weekday(today, 2, weeks=2),
            "closed": True,
            "note_nn": "Planleggingsdag",
        },
    )
    if offers:
        generate_offers(
            offers,
            units=list(units.values()),
            locations=list(locations.values()),
            categories=list(categories.values()),
            languages=list(languages.values()),
        )


def _next_weekday(day: datetime.date, weekday: int, weeks: int = 0) -> datetime.date:
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7 + 7 * weeks)


GENERATED_PREFIX = "generert-"
_ACTIVITIES = [
    ("Turgruppe", "Turgruppe", "fysisk"),
    ("Strikkekafé", "Strikkekafé", "sosial"),
    ("Seniortrim", "Seniortrim", "fysisk"),
    ("Sangkor", "Songkor", "kultur"),
    ("Dagsenter", "Dagsenter", "avlastning"),
    ("Arbeidstrening", "Arbeidstrening", "arbeid"),
    ("Datakurs", "Datakurs", "laering"),
    ("Møteplass", "Møteplass", "sosial"),
    ("Mannsforum", "Mannsforum", "sosial"),
    ("Bassengtrim", "Bassengtrim", "fysisk"),
    ("Lesesirkel", "Lesesirkel", "kultur"),
    ("Pårørendetreff", "Pårørandetreff", "avlastning"),
]
_PLACES = [
    "Åsen",
    "Bakken",
    "Elvebredden",
    "Fjellstua",
    "Granly",
    "Haugen",
    "Lia",
    "Moen",
    "Nesset",
    "Solbakken",
    "Tunet",
    "Vika",
    "Øvre Bryn",
    "Kaia",
    "Torvet",
    "Skogly",
]


def generate_offers(count: int, *, units, locations, categories, languages) -> int:
    """Bulk-create ``count`` varied published offers with deterministic names (for
    benchmarks). Existing generated offers are kept; returns how many were created."""
    existing = set(
        Offer.objects.filter(slug__startswith=GENERATED_PREFIX).values_list("slug", flat=True)
    )
    category_by_slug = {c.slug: c for c in categories}
    now = timezone.now()
    today = timezone.localdate()
    new_offers = []
    plans = []
    combos = list(itertools.product(_ACTIVITIES, _PLACES))
    for number in range(1, count + 1):
        slug = f"{GENERATED_PREFIX}{number:05d}"
        if slug in existing:
            continue
        (activity, activity_nn, category_slug), place = combos[number % len(combos)]
        participation = [
            Offer.Participation.OPEN,
            Offer.Participation.SIGNUP,
            Offer.Participation.OPEN,
        ][number % 3]
        title = f"{activity} {place} {number}"
        new_offers.append(
            Offer(
                slug=slug,
                title=title,
                title_nn=f"{activity_nn} {place} {number}" if number % 2 else "",
                summary=f"{activity} i {place} for deg som ønsker selskap og aktivitet på dagtid.",
                description=(
                    f"{activity} ved {place}. Et lavterskeltilbud med fellesskap, kaffe og aktiviteter "
                    f"tilpasset deltakerne. Tilbud nummer {number}."
                ),
                suits="For deg som ønsker selskap og noe meningsfylt å gjøre på dagtid.",
                unit=units[number % len(units)],
                participation=participation,
                cost=Offer.Cost.FREE if number % 3 else Offer.Cost.PRICE,
                price_text="" if number % 3 else "30 kr.",
                transport_offered=number % 4 == 0,
                meals_offered=number % 5 == 0,
                capacity_per_day=10 + number % 20 if number % 6 == 0 else None,
                places_available=number % 7 if number % 6 == 0 else None,
                volunteers_involved=number % 2 == 0,
                status=Offer.Status.PUBLISHED if number % 20 else Offer.Status.DRAFT,
                last_reviewed=today - datetime.timedelta(days=number % 300),
                published_at=now,
            )
        )
        plans.append((number, category_by_slug[category_slug]))
    created = Offer.objects.bulk_create(new_offers, batch_size=1000)
    location_links, category_links, language_links, periods = [], [], [], []
    for offer, (number, category) in zip(created, plans, strict=True):
        location = locations[number % len(locations)]
        location_links.append(Offer.locations.through(offer_id=offer.pk, location_id=location.pk))
        category_links.append(Offer.categories.through(offer_id=offer.pk, category_id=category.pk))
        second = categories[number % len(categories)]
        if second.pk != category.pk:
            category_links.append(
                Offer.categories.through(offer_id=offer.pk, category_id=second.pk)
            )
        language_links.append(
            Offer.languages.through(offer_id=offer.pk, language_id=languages[0].pk)
        )
        for day in {number % 5, (number * 3) % 7}:
            start = 9 + number % 4
            periods.append(
                OpeningPeriod(
                    offer_id=offer.pk,
                    location_id=location.pk,
                    weekday=day,
                    opens=datetime.time(start, 0),
                    closes=datetime.time(start + 3, 0),
                )
            )
    Offer.locations.through.objects.bulk_create(location_links, batch_size=2000)
    Offer.categories.through.objects.bulk_create(category_links, batch_size=2000)
    Offer.languages.through.objects.bulk_create(language_links, batch_size=2000)
    OpeningPeriod.objects.bulk_create(periods, batch_size=2000)
    # bulk_create sends no signals: index the new offers for the search here.
    search_index.reindex(Offer.objects.filter(pk__in=[offer.pk for offer in created]))
    return len(created)


def seed_demo_units() -> None:
    """Give the demo unit leaders and caseworkers their units (portal.demo makes the
    users); a caseworker's unit is what the access log shows as theirs."""
    for demo in DEMO_USERS:
        user = User.objects.filter(email=demo.email).first()
        if user is None:
            continue
        units = Unit.objects.filter(slug__in=demo.unit_slugs)
        if units:
            user.units.add(*units)
        elif demo.role in (Role.UNIT_LEADER, Role.CASEWORKER):
            first = Unit.objects.filter(kind=Unit.Kind.MUNICIPAL).first()
            if first is not None:
                user.units.add(first)


# --- sessions and sign-ups (catalogue.participation) ------------------------------------

DEMO_SIGNUPS = [
    ("Astrid Berg", "+4791000001"),
    ("Bjørn Dahl", "+4791000002"),
    ("Cecilie Eng", "+4791000003"),
    ("Dagfinn Fossum", "+4791000004"),
    ("Eli Gran", "+4791000005"),
]


def seed_demo_sessions() -> None:
    """Sessions to sign up for, after the users (``portal.demo``): the course for
    relatives as a series of five Wednesday evenings (taken as a whole), and the choir's
    next practice,
    full, with a waiting list on which Dina Datter has put her father. Only when the
    offer has no coming sessions, so running it again adds nothing."""
    now = timezone.now()
    today = timezone.localdate()
    course = Offer.objects.filter(slug="parorendeskole-demens").first()
    if course is not None and not Session.objects.filter(offer=course, starts_at__gt=now):
        first = timezone.make_aware(
            datetime.datetime.combine(_next_weekday(today, 2, weeks=1), datetime.time(18))
        )
        participation.create_series(
            course,
            first,
            5,
            duration=datetime.timedelta(hours=2),
            places=12,
            location=course.locations.first(),
            offers_meal=True,
            accepts_companion_card=True,
            whole_course=True,
        )
    choir = Offer.objects.filter(slug="minnekoret").first()
    if choir is not None and not Session.objects.filter(offer=choir, starts_at__gt=now):
        starts_at = timezone.make_aware(
            datetime.datetime.combine(_next_weekday(today, 3, weeks=1), datetime.time(12))
        )
        session = Session.objects.create(
            offer=choir,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(minutes=90),
            location=choir.locations.first(),
            places=4,
            offers_transport=True,
            confirm_within_hours=24,
        )
        for name, phone in DEMO_SIGNUPS:
            pending = participation.sign_up(
                session, participation.SignUpData(name=name, phone=phone)
            )
            participation.confirm_email(pending)
        relative = User.objects.filter(email="parorende@example.no").first()
        if relative is not None:
            participation.sign_up(
                session,
                participation.SignUpData(
                    name="Per Datter",
                    phone="+4791000010",
                    email=relative.email,
                    for_someone_else=True,
                    needs_transport=True,
                    pickup_address="Elvegata 3",
                    mobility_aid="walker",
                ),
                user=relative,
            )
