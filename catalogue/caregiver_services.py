"""The service types relatives apply for in their own right (pårørendestøtte).

Pasient- og brukerrettighetsloven § 2-8 gives a person with particularly heavy care
work the right to a decision on measures that ease it; helse- og omsorgstjenesteloven
§ 3-6 lists what the municipality must offer: training and guidance, relief
(avlastning) and a care allowance (omsorgsstønad). The applicant is the caregiver and
the party in the case; the person cared for is named in the application.

Used by the demo data (``referrals.demo``); migration 0015 created the same rows with
a frozen copy of these values.
"""

from catalogue.models import AppealBasis

_PBRL_2_8 = (
    "Pasient- og brukerrettighetsloven § 2-8: «Personer med særlig tyngende omsorgsarbeid "
    "kan kreve at kommunens helse- og omsorgstjeneste treffer vedtak om at det skal settes "
    "i verk tiltak for å lette omsorgsbyrden, og i tilfelle hva tiltakene skal bestå i.»"
)
_PBRL_2_8_NN = (
    "Pasient- og brukarrettslova § 2-8: «Personar med særleg tyngjande omsorgsarbeid kan "
    "krevje at den kommunale helse- og omsorgstenesta gjer vedtak om at det skal setjast i "
    "verk tiltak for å lette omsorgsbyrda, og i tilfelle kva tiltaka skal gå ut på.»"
)
_PBRL_2_8_EN = (
    "Patients' and Users' Rights Act section 2-8: “Persons with particularly heavy care "
    "work may demand that the municipal health and care service decides whether measures "
    "shall be taken to ease the burden of care, and if so what the measures shall be.”"
)
_HOL_3_6 = (
    "Helse- og omsorgstjenesteloven § 3-6: «Kommunen skal ha tilbud om følgende tiltak for "
    "personer og familier med særlig tyngende omsorgsarbeid: 1. opplæring og veiledning "
    "2. avlastningstiltak 3. omsorgsstønad.»"
)
_HOL_3_6_NN = (
    "Helse- og omsorgstenestelova § 3-6: «Kommunen skal ha tilbod om følgjande tiltak for "
    "personar og familiar med særleg tyngjande omsorgsarbeid: 1. opplæring og rettleiing "
    "2. avlastingstiltak 3. omsorgsstønad.»"
)
_HOL_3_6_EN = (
    "Health and Care Services Act section 3-6: “The municipality shall offer the following "
    "measures to persons and families with particularly heavy care work: 1. training and "
    "guidance 2. respite care 3. care allowance.”"
)
LEGAL_BASIS_TEXT = f"{_HOL_3_6}\n\n{_PBRL_2_8}"
LEGAL_BASIS_TEXT_NN = f"{_HOL_3_6_NN}\n\n{_PBRL_2_8_NN}"
LEGAL_BASIS_TEXT_EN = f"{_HOL_3_6_EN}\n\n{_PBRL_2_8_EN}"


def _basis(number: int, measure: str, measure_nn: str, measure_en: str) -> dict[str, str]:
    return {
        "legal_basis": (
            f"Helse- og omsorgstjenesteloven § 3-6 nr. {number} ({measure}), "
            "jf. pasient- og brukerrettighetsloven § 2-8"
        ),
        "legal_basis_nn": (
            f"Helse- og omsorgstenestelova § 3-6 nr. {number} ({measure_nn}), "
            "jf. pasient- og brukarrettslova § 2-8"
        ),
        "legal_basis_en": (
            f"Health and Care Services Act section 3-6 no. {number} ({measure_en}), "
            "cf. Patients' and Users' Rights Act section 2-8"
        ),
        "legal_basis_text": LEGAL_BASIS_TEXT,
        "legal_basis_text_nn": LEGAL_BASIS_TEXT_NN,
        "legal_basis_text_en": LEGAL_BASIS_TEXT_EN,
    }


CAREGIVER_SERVICE_TYPES: list[dict] = [
    {
        "slug": "avlastning",
        "position": 50,
        "name": "Avlastning for pårørende",
        "name_nn": "Avlasting for pårørande",
        "name_en": "Respite care for carers",
        "description": (
            "For deg som har særlig tyngende omsorgsarbeid for en av dine nærmeste. Avlastning "
            "gir deg fri fra omsorgsoppgavene, for eksempel noen timer på dagtid, et døgn eller "
            "en helg. Du søker selv, som pårørende."
        ),
        "description_nn": (
            "For deg som har særleg tyngjande omsorgsarbeid for ein av dei nærmaste dine. "
            "Avlasting gir deg fri frå omsorgsoppgåvene, til dømes nokre timar på dagtid, eit "
            "døgn eller ei helg. Du søkjer sjølv, som pårørande."
        ),
        "description_en": (
            "For you if you have particularly heavy care work for someone close to you. "
            "Respite care gives you time off from caring, for example a few hours in the "
            "daytime, a full day or a weekend. You apply yourself, as a carer."
        ),
        **_basis(2, "avlastningstiltak", "avlastingstiltak", "respite care"),
        "processing_days": 28,
        "appeal_basis": AppealBasis.HEALTH_CARE,
        "questions": [],
        "for_caregivers": True,
    },
    {
        "slug": "omsorgsstonad",
        "position": 60,
        "name": "Omsorgsstønad",
        "name_nn": "Omsorgsstønad",
        "name_en": "Care allowance (omsorgsstønad)",
        "description": (
            "Godtgjøring for deg som har særlig tyngende omsorgsarbeid som kommunen ellers "
            "måtte ha gitt tjenester for. Du søker selv, som pårørende."
        ),
        "description_nn": (
            "Godtgjersle for deg som har særleg tyngjande omsorgsarbeid som kommunen elles "
            "måtte ha gitt tenester for. Du søkjer sjølv, som pårørande."
        ),
        "description_en": (
            "Payment for particularly heavy care work the municipality would otherwise have "
            "had to provide services for. You apply yourself, as a carer."
        ),
        **_basis(3, "omsorgsstønad", "omsorgsstønad", "care allowance"),
        "processing_days": 42,
        "appeal_basis": AppealBasis.HEALTH_CARE,
        "questions": [],
        "for_caregivers": True,
    },
    {
        "slug": "parorendestotte-opplaering",
        "position": 70,
        "name": "Opplæring og veiledning for pårørende",
        "name_nn": "Opplæring og rettleiing for pårørande",
        "name_en": "Training and guidance for carers",
        "description": (
            "Kunnskap, råd og samtaler som gjør omsorgsarbeidet lettere, for eksempel "
            "pårørendeskole og samtalegrupper. Du søker selv, som pårørende."
        ),
        "description_nn": (
            "Kunnskap, råd og samtalar som gjer omsorgsarbeidet lettare, til dømes "
            "pårørandeskule og samtalegrupper. Du søkjer sjølv, som pårørande."
        ),
        "description_en": (
            "Knowledge, advice and conversations that make caring easier, such as courses "
            "and support groups for carers. You apply yourself, as a carer."
        ),
        **_basis(1, "opplæring og veiledning", "opplæring og rettleiing", "training and guidance"),
        "processing_days": 21,
        "appeal_basis": AppealBasis.HEALTH_CARE,
        "questions": [],
        "for_caregivers": True,
    },
]
