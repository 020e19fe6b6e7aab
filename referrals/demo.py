"""Demo data for the applications part. Idempotent: the lead's ``manage.py seed_demo``
calls these; running them twice changes nothing."""

from django.contrib.auth import get_user_model
from django.db import transaction

from catalogue.caregiver_services import CAREGIVER_SERVICE_TYPES
from catalogue.models import AppealBasis, Question, ServiceType
from portal.roles import Role
from referrals.applications import services
from referrals.cases.models import Application, CaseworkerAssignment, Decision
from referrals.casework.models import ReasonParagraph

SERVICE_TYPES = [
    {
        "slug": "dagaktivitet",
        "position": 10,
        "name": "Dagaktivitetstilbud",
        "name_nn": "Dagaktivitetstilbod",
        "name_en": "Day activities",
        "description": (
            "Et fast sted å gå på dagtid med fellesskap, måltider og aktiviteter tilpasset deg. "
            "Gir også pårørende avlastning."
        ),
        "description_nn": (
            "Ein fast stad å gå på dagtid med fellesskap, måltid og aktivitetar tilpassa deg. "
            "Gir også pårørande avlasting."
        ),
        "description_en": (
            "A regular place to go in the daytime with company, meals and activities suited to you. "
            "It also gives relatives respite."
        ),
        "legal_basis": "Helse- og omsorgstjenesteloven § 3-2 første ledd nr. 6 bokstav b (personlig assistanse)",
        "legal_basis_nn": "Helse- og omsorgstenestelova § 3-2 første ledd nr. 6 bokstav b (personleg assistanse)",
        "legal_basis_en": "Health and Care Services Act section 3-2 first paragraph no. 6 (b) (personal assistance)",
        "legal_basis_text": (
            "For å oppfylle ansvaret etter § 3-1 skal kommunen blant annet tilby følgende: (…) 6. Andre helse- og omsorgstjenester, herunder: (…) b. personlig assistanse, herunder praktisk bistand og opplæring og støttekontakt"
        ),
        "legal_basis_text_nn": (
            "For å oppfylle ansvaret etter § 3-1 skal kommunen mellom anna tilby følgjande: (…) 6. Andre helse- og omsorgstenester, mellom anna: (…) b. personleg assistanse, medrekna praktisk bistand og opplæring og støttekontakt"
        ),
        "legal_basis_text_en": (
            "To fulfil its responsibility under section 3-1, the municipality shall among other things offer: (…) 6. Other health and care services, including: (…) b. personal assistance, including practical assistance, training and support contact"
        ),
        "processing_days": 28,
        "appeal_basis": AppealBasis.HEALTH_CARE,
        "questions": [Question.INTERESTS],
    },
    {
        "slug": "dagaktivitet-demens",
        "position": 20,
        "name": "Dagaktivitetstilbud for hjemmeboende personer med demens",
        "name_nn": "Dagaktivitetstilbod for heimebuande personar med demens",
        "name_en": "Day activities for people with dementia living at home",
        "description": (
            "Tilrettelagt dagaktivitet for hjemmeboende med demens. Kommunen har plikt til å tilby "
            "dette. Gir også pårørende avlastning."
        ),
        "description_nn": (
            "Tilrettelagd dagaktivitet for heimebuande med demens. Kommunen har plikt til å tilby "
            "dette. Gir òg pårørande avlasting."
        ),
        "description_en": "Adapted day activities for people with dementia living at home. The municipality is obliged to offer this. It also gives relatives respite.",
        "legal_basis": "Helse- og omsorgstjenesteloven § 3-2 første ledd nr. 7",
        "legal_basis_nn": "Helse- og omsorgstenestelova § 3-2 første ledd nr. 7",
        "legal_basis_en": "Health and Care Services Act section 3-2 first paragraph no. 7",
        "legal_basis_text": (
            "For å oppfylle ansvaret etter § 3-1 skal kommunen blant annet tilby følgende: (…) "
            "7. Dagaktivitetstilbud til hjemmeboende personer med demens."
        ),
        "legal_basis_text_nn": (
            "For å oppfylle ansvaret etter § 3-1 skal kommunen mellom anna tilby følgjande: (…) "
            "7. Dagaktivitetstilbod til heimebuande personar med demens."
        ),
        "legal_basis_text_en": (
            "To fulfil its responsibility under section 3-1, the municipality shall among other "
            "things offer: (…) 7. Day activities for people with dementia living at home."
        ),
        "processing_days": 21,
        "appeal_basis": AppealBasis.HEALTH_CARE,
        "questions": [Question.DEMENTIA, Question.INTERESTS],
    },
    {
        "slug": "stottekontakt",
        "position": 30,
        "name": "Støttekontakt",
        "name_nn": "Støttekontakt",
        "name_en": "Support contact (støttekontakt)",
        "description": (
            "En person som hjelper deg å delta i fritidsaktiviteter og være sammen med andre, "
            "ut fra dine interesser."
        ),
        "description_nn": (
            "Ein person som hjelper deg å delta i fritidsaktivitetar og vere saman med andre, "
            "ut frå interessene dine."
        ),
        "description_en": "A person who helps you take part in leisure activities and be with others, based on your interests.",
        "legal_basis": "Helse- og omsorgstjenesteloven § 3-2 første ledd nr. 6 bokstav b (personlig assistanse, herunder støttekontakt)",
        "legal_basis_nn": "Helse- og omsorgstenestelova § 3-2 første ledd nr. 6 bokstav b (personleg assistanse, medrekna støttekontakt)",
        "legal_basis_en": "Health and Care Services Act section 3-2 first paragraph no. 6 (b) (personal assistance, including support contact)",
        "legal_basis_text": (
            "For å oppfylle ansvaret etter § 3-1 skal kommunen blant annet tilby følgende: (…) 6. Andre helse- og omsorgstjenester, herunder: (…) b. personlig assistanse, herunder praktisk bistand og opplæring og støttekontakt"
        ),
        "legal_basis_text_nn": (
            "For å oppfylle ansvaret etter § 3-1 skal kommunen mellom anna tilby følgjande: (…) 6. Andre helse- og omsorgstenester, mellom anna: (…) b. personleg assistanse, medrekna praktisk bistand og opplæring og støttekontakt"
        ),
        "legal_basis_text_en": (
            "To fulfil its responsibility under section 3-1, the municipality shall among other things offer: (…) 6. Other health and care services, including: (…) b. personal assistance, including practical assistance, training and support contact"
        ),
        "processing_days": 42,
        "appeal_basis": AppealBasis.HEALTH_CARE,
        "questions": [Question.INTERESTS, Question.HOURS],
    },
    {
        "slug": "arbeid-og-aktivitet",
        "position": 40,
        "name": "Arbeids- og aktivitetstiltak",
        "name_nn": "Arbeids- og aktivitetstiltak",
        "name_en": "Work and activity measures",
        "description": (
            "Tilrettelagt arbeid og meningsfylt aktivitet for deg som står utenfor ordinært arbeid."
        ),
        "description_nn": "Tilrettelagt arbeid og meiningsfull aktivitet for deg som står utanfor ordinært arbeid.",
        "description_en": "Adapted work and meaningful activity for people outside ordinary work.",
        # Not a statutory health and care service: the municipality offers it under its own
        # guidelines (kommuneloven § 2-1, municipal self-government). The appeal deadline
        # (forvaltningsloven § 29) is not a legal basis for the decision itself.
        "legal_basis": "Kommunens retningslinjer for arbeids- og aktivitetstiltak, jf. kommuneloven § 2-1",
        "legal_basis_nn": "Retningslinjene til kommunen for arbeids- og aktivitetstiltak, jf. kommunelova § 2-1",
        "legal_basis_en": "The municipality's guidelines for work and activity measures, cf. Local Government Act section 2-1",
        "legal_basis_text": (
            "Kommunen tilbyr arbeids- og aktivitetstiltak til personer som står utenfor ordinært "
            "arbeid og trenger tilrettelagt arbeid eller aktivitet. Plass tildeles etter en "
            "individuell vurdering av behovet og av om tiltaket har ledig plass."
        ),
        "legal_basis_text_nn": (
            "Kommunen tilbyr arbeids- og aktivitetstiltak til personar som står utanfor ordinært "
            "arbeid og treng tilrettelagt arbeid eller aktivitet. Plass blir tildelt etter ei "
            "individuell vurdering av behovet og av om tiltaket har ledig plass."
        ),
        "legal_basis_text_en": (
            "The municipality offers work and activity measures to people outside ordinary work "
            "who need adapted work or activity. A place is given after an individual assessment "
            "of the need and of whether the measure has a free place."
        ),
        "processing_days": 28,
        "appeal_basis": AppealBasis.ADMINISTRATIVE,
        "questions": [Question.WORK, Question.HOURS],
    },
]

# Pårørendestøtte: the caregiver applies in their own right (pbrl. § 2-8, hol. § 3-6).
SERVICE_TYPES += CAREGIVER_SERVICE_TYPES


@transaction.atomic
def seed_service_types() -> list[ServiceType]:
    """Create or complete the service types (the catalogue may have created them
    with get_or_create and minimal names; this fills in everything)."""
    result = []
    for values in SERVICE_TYPES:
        defaults = {key: value for key, value in values.items() if key != "slug"}
        defaults["active"] = True
        service_type, _created = ServiceType.objects.update_or_create(
            slug=values["slug"], defaults=defaults
        )
        result.append(service_type)
    return result


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


@transaction.atomic
def seed_decision_templates() -> list[ReasonParagraph]:
    """Per demo service type, a standard paragraph for a grant and one for a refusal,
    in bokmål and nynorsk, tied to the service type's legal basis; administrators edit
    them in the admin, caseworkers insert and adapt them in the decision form.
    Idempotent (by title and service type)."""
    paragraphs = []
    for position, values in enumerate(SERVICE_TYPES):
        service_type = ServiceType.objects.get(slug=values["slug"])
        basis, basis_nn = str(values["legal_basis"]), str(values["legal_basis_nn"])
        name, name_nn = _lower_first(str(values["name"])), _lower_first(str(values["name_nn"]))
        templates = [
            (
                Decision.Outcome.GRANTED,
                f"Innvilget: {values['name']}",
                f"Vedtaket bygger på {basis}. Kommunen har vurdert behovet ditt ut fra "
                f"søknaden og kartleggingen og kommet til at du har behov for {name}. Vi har "
                "lagt vekt på [skriv hva som var avgjørende].",
                f"Vedtaket byggjer på {basis_nn}. Kommunen har vurdert behovet ditt ut frå "
                f"søknaden og kartlegginga og kome til at du har behov for {name_nn}. Vi har "
                "lagt vekt på [skriv kva som var avgjerande].",
            ),
            (
                Decision.Outcome.REFUSED,
                f"Avslag: {values['name']}",
                f"Vedtaket bygger på {basis}. Kommunen har vurdert behovet ditt ut fra "
                f"søknaden og kartleggingen og kommet til at du ikke har behov for {name} nå, "
                "fordi [skriv hvorfor]. Du kan søke på nytt hvis situasjonen din endrer seg.",
                f"Vedtaket byggjer på {basis_nn}. Kommunen har vurdert behovet ditt ut frå "
                f"søknaden og kartlegginga og kome til at du ikkje har behov for {name_nn} no, "
                "fordi [skriv kvifor]. Du kan søkje på nytt om situasjonen din endrar seg.",
            ),
        ]
        for offset, (outcome, title, text, text_nn) in enumerate(templates):
            paragraph, _created = ReasonParagraph.objects.update_or_create(
                title=title,
                service_type=service_type,
                defaults={
                    "legal_basis": basis,
                    "outcome": outcome,
                    "text": text,
                    "text_nn": text_nn,
                    "position": position * 10 + offset,
                },
            )
            paragraphs.append(paragraph)
    return paragraphs


# Test identity numbers (synthetic, valid checksums; not real people).
DEMO_PEOPLE = [
    ("Ola Nordmann", "15076500565", False),
    ("Per Hansen", "01014010005", True),
]


@transaction.atomic
def seed_applications(*, applicant=None) -> list[Application]:
    """A few submitted demo applications for ``applicant`` (default: the first
    non-staff user). Skipped when that user already has applications."""
    User = get_user_model()
    applicant = (
        applicant or User.objects.filter(is_staff=False, is_superuser=False).order_by("pk").first()
    )
    if applicant is None or Application.objects.filter(applicant=applicant).exists():
        return []
    types = {service_type.slug: service_type for service_type in seed_service_types()}
    created = []
    for (name, national_id, on_behalf), slug in zip(
        DEMO_PEOPLE, ["dagaktivitet", "dagaktivitet-demens"], strict=True
    ):
        draft = services.create_draft(applicant=applicant, service_type=types[slug])
        Application.objects.filter(pk=draft.pk).update(
            on_behalf=on_behalf,
            relation=Application.Relation.RELATIVE if on_behalf else "",
            basis=Application.Basis.CONSENT if on_behalf else "",
            person_name=name,
            person_national_id=national_id,
            person_language="nb",
            applicant_phone="99999999",
            wants=[Application.Want.COMPANY, Application.Want.RESPITE],
            need_description="Ønsker et sted å gå på dagtid og noen å snakke med.",
            transport_needed=True,
            days=[1, 3],
        )
        draft.refresh_from_db()
        created.append(
            services.submit_application(application=draft, user=applicant, confirmed_truthful=True)
        )
    return created


def seed_caseworker_assignments() -> None:
    """Every demo caseworker handles every service type in every district."""
    User = get_user_model()
    for user in User.objects.filter(groups__name=Role.CASEWORKER.value):
        for service_type in ServiceType.objects.all():
            CaseworkerAssignment.objects.get_or_create(
                user=user, service_type=service_type, district=None
            )


# --- volunteers and støttekontakter (referrals.volunteers) --------------------------------

INTERESTS = [
    ("turer", "Turer", "Turar", "Walks"),
    ("fisking", "Fisking", "Fisking", "Fishing"),
    ("musikk", "Musikk", "Musikk", "Music"),
    ("kaffe-og-prat", "Kaffe og prat", "Kaffi og prat", "Coffee and a chat"),
    ("handarbeid", "Håndarbeid", "Handarbeid", "Needlework"),
]

DEMO_ROLES = [
    # unit slug, kind, title (nb, nn, en), description, district slug, minors, disability,
    # checklist (kind, label)
    (
        "solsikken-dagsenter",
        "volunteer",
        ("Aktivitetsvenn", "Aktivitetsven", "Activity friend"),
        "Bli med en person med demens på en aktivitet dere begge liker, en gang i uka.",
        "nord",
        False,
        False,
        [
            ("conversation", "Samtale med koordinator"),
            ("course", "Aktivitetsvennkurs"),
            ("pledge", "Taushetserklæring"),
        ],
    ),
    (
        "solsikken-dagsenter",
        "stottekontakt",
        ("Støttekontakt", "Støttekontakt", "Support contact"),
        "Lønnet oppdrag: hjelp en person til en aktiv fritid, noen timer i uka.",
        "",
        False,
        False,
        [
            ("conversation", "Samtale med koordinator"),
            ("references", "Referanser"),
            ("pledge", "Taushetserklæring"),
            ("police_certificate", "Politiattest"),
        ],
    ),
    (
        "frivilligsentralen",
        "volunteer",
        ("Turvenn", "Turven", "Walking friend"),
        "Gå tur med noen som ikke liker å gå alene.",
        "sentrum",
        False,
        False,
        [("conversation", "Samtale med koordinator"), ("pledge", "Taushetserklæring")],
    ),
    (
        "frivilligsentralen",
        "volunteer",
        ("Kafévert", "Kafévert", "Café host"),
        "Ta imot gjester på seniorkafeen og sett på kaffen.",
        "",
        False,
        False,
        [("conversation", "Samtale med koordinator")],
    ),
]

DEMO_HELP_REQUESTS = [
    (
        "solsikken-dagsenter",
        "stottekontakt",
        "nord",
        "En mann i 70-årene i Nord som liker fisking, 3 timer i uka.",
        "3.0",
        ["fisking"],
    ),
    (
        "solsikken-dagsenter",
        "stottekontakt",
        "sor",
        "En kvinne i 80-årene i Sør som liker musikk og kaffe, 2 timer i uka.",
        "2.0",
        ["musikk", "kaffe-og-prat"],
    ),
    (
        "frivilligsentralen",
        "volunteer",
        "sentrum",
        "En eldre mann i Sentrum ønsker en turvenn på formiddagen.",
        "1.5",
        ["turer"],
    ),
]


def seed_volunteers() -> None:
    """A few volunteer roles with checklists, and help wanted (no personal data)."""
    from decimal import Decimal

    from catalogue.models import District, Unit
    from referrals.volunteers.models import ChecklistItem, HelpRequest, Interest, VolunteerRole

    for position, (slug, name, name_nn, name_en) in enumerate(INTERESTS):
        Interest.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "name_nn": name_nn, "name_en": name_en, "position": position},
        )
    for unit_slug, kind, titles, description, district, minors, disability, checklist in DEMO_ROLES:
        unit = Unit.objects.filter(slug=unit_slug).first()
        if unit is None:
            continue
        role, created = VolunteerRole.objects.update_or_create(
            unit=unit,
            title=titles[0],
            defaults={
                "kind": kind,
                "title_nn": titles[1],
                "title_en": titles[2],
                "description": description,
                "district": District.objects.filter(slug=district).first(),
                "involves_minors": minors,
                "involves_intellectual_disability": disability,
            },
        )
        if created:
            for position, (item_kind, label) in enumerate(checklist):
                ChecklistItem.objects.create(
                    role=role, kind=item_kind, label=label, position=position
                )
    for unit_slug, kind, district, description, hours, interests in DEMO_HELP_REQUESTS:
        unit = Unit.objects.filter(slug=unit_slug).first()
        if unit is None:
            continue
        wanted, _created = HelpRequest.objects.update_or_create(
            unit=unit,
            description=description,
            defaults={
                "kind": kind,
                "district": District.objects.filter(slug=district).first(),
                "hours_per_week": Decimal(hours),
            },
        )
        wanted.interests.set(Interest.objects.filter(slug__in=interests))
