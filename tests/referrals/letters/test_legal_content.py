"""Every letter type, in bokmål and nynorsk, carries the legal elements the law asks
for, read from the PDF text:

- the decision letter (grant, partial grant, refusal, rejection, a correction, a
  decision approved under four eyes): the service type's name and legal basis in
  the letter's language, the wording of the rule (forvaltningsloven § 25), the right to
  postponed implementation (forvaltningsloven § 42), the right to necessary health and
  care services (pasient- og brukerrettighetsloven § 2-1a) where the service is one, the
  last day to appeal moved past holidays (forvaltningsloven § 30, domstolloven § 149),
  phone numbers for the caseworker, the municipality and the Pasient- og brukerombud; a
  refusal does not say "also when you got what you applied for"; a correction names
  the decision it replaces, a four-eyes decision both caseworker and approver; no page
  holds only the signature;
- the preliminary reply: the service type's name in the letter's language, the
  caseworker's and the municipality's phone;
- the appeal case file (bokmål, for Statsforvalteren): the legal basis and its wording.
"""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import formats, translation
from pypdf import PdfReader

from referrals.applications.services import file_appeal
from referrals.cases.deadlines import is_working_day
from referrals.cases.models import Application
from referrals.cases.services import change_status
from referrals.letters.case_file import render_appeal_case_file
from referrals.letters.rendering import (
    render_decision_letter,
    render_preliminary_reply,
)
from tests.referrals.helpers import make_submitted, record_decision

pytestmark = pytest.mark.django_db

OSLO = ZoneInfo("Europe/Oslo")
# Four weeks after Friday 27 November 2026 is Christmas Day; then a weekend.
ISSUED = datetime(2026, 11, 27, 10, 0, tzinfo=OSLO)
LAST_DAY = date(2026, 12, 28)
MUNICIPALITY_PHONE = "55 66 77 88"
OMBUD_PHONE = "22 33 44 55"
CASEWORKER_PHONE = "11 22 33 44"

# What each language prints, with the service type's own names and legal bases from the
# demo data (referrals/demo.py).
WORDS = {
    "nb": {
        "service": "Dagaktivitetstilbud for hjemmeboende personer med demens",
        "basis": "Helse- og omsorgstjenesteloven § 3-2 første ledd nr. 7",
        "rule_text": "7. Dagaktivitetstilbud til hjemmeboende personer med demens.",
        "rule_intro": "Bestemmelsen lyder:",
        "postponed": "forvaltningsloven § 42",
        "postponed_words": "ikke settes i verk før klagen er avgjort",
        "rights": "pasient- og brukerrettighetsloven § 2-1a",
        "rights_words": "rett til nødvendige helse- og omsorgstjenester",
        "ombud": "Pasient- og brukerombudet",
        "grant_only": "også når du har fått det du søkte om",
        "phone": "telefon",
        "replaces": "Dette vedtaket retter og erstatter vedtaket av",
        "approved": "Vedtaket er skrevet av saksbehandler Nora Nord og godkjent av saksbehandler "
        "Kåre Kollega.",
        "signature": "Med vennlig hilsen",
        "contact": "Har du spørsmål, kan du kontakte saksbehandler Nora Nord",
        "other_service": "Arbeids- og aktivitetstiltak",
        "other_basis": "Kommunens retningslinjer for arbeids- og aktivitetstiltak",
    },
    "nn": {
        "service": "Dagaktivitetstilbod for heimebuande personar med demens",
        "basis": "Helse- og omsorgstenestelova § 3-2 første ledd nr. 7",
        "rule_text": "7. Dagaktivitetstilbod til heimebuande personar med demens.",
        "rule_intro": "Føresegna lyder:",
        "postponed": "forvaltningslova § 42",
        "postponed_words": "ikkje blir sett i verk før klaga er avgjord",
        "rights": "pasient- og brukarrettslova § 2-1a",
        "rights_words": "rett til nødvendige helse- og omsorgstenester",
        "ombud": "Pasient- og brukarombodet",
        "grant_only": "òg når du har fått det du søkte om",
        "phone": "telefon",
        "replaces": "Dette vedtaket rettar og erstattar vedtaket av",
        "approved": "Vedtaket er skrive av sakshandsamar Nora Nord og godkjent av sakshandsamar "
        "Kåre Kollega.",
        "signature": "Med venleg helsing",
        "contact": "Har du spørsmål, kan du kontakte sakshandsamar Nora Nord",
        "other_service": "Arbeids- og aktivitetstiltak",
        "other_basis": "Retningslinjene til kommunen for arbeids- og aktivitetstiltak",
    },
}


def _text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _date(value: date, language: str) -> str:
    with translation.override(language):
        return formats.date_format(value, "DATE_FORMAT")


@pytest.fixture(autouse=True)
def _phones(settings):
    settings.MUNICIPALITY_CONTACT_PHONE = MUNICIPALITY_PHONE
    settings.PATIENT_OMBUD_PHONE = OMBUD_PHONE


def _content(**extra) -> dict:
    return {
        "facts": "Søkeren bor alene.",
        "reasons": "Vurderingen er gjort ut fra behovet.",
        "weekdays": [1, 3],
        "contact_name": "Nora Nord",
        "contact_phone": CASEWORKER_PHONE,
        "contact_email": "nord@example.no",
        **extra,
    }


# Every kind of decision letter: its outcome and what the content adds.
KINDS = {
    "granted": ("granted", {}),
    "partly_granted": ("partly_granted", {}),
    "refused": ("refused", {}),
    "rejected": ("rejected", {}),
    "correction": (
        "granted",
        {"replaces_issued": date(2026, 11, 20), "correction_reason": "Feil startdato."},
    ),
    "four_eyes": ("refused", {"approved_by_name": "Kåre Kollega"}),
}


def _decision_pdf(application, outcome: str, language: str, **content) -> bytes:
    service_type = application.service_type
    return render_decision_letter(
        application=application,
        outcome=outcome,
        legal_basis=service_type.legal_basis,
        appeal_basis=service_type.appeal_basis,
        content=_content(**content),
        issued_at=ISSUED,
        language=language,
    )


def _decision_letter(application, outcome: str, language: str, **content) -> str:
    return _text(_decision_pdf(application, outcome, language, **content))


def _dementia_case(citizen, service_types, language: str):
    return make_submitted(
        applicant=citizen,
        service_type=service_types["dagaktivitet-demens"],
        person_language=language,
    )


@pytest.mark.parametrize("language", ["nb", "nn"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_a_decision_letter_has_every_legal_element(citizen, service_types, language, kind):
    words = WORDS[language]
    outcome, extra = KINDS[kind]
    text = _decision_letter(
        _dementia_case(citizen, service_types, language), outcome, language, **extra
    )
    # The service type's name and legal basis in the letter's language.
    assert words["service"] in text
    assert words["basis"] in text
    if language == "nn":
        assert WORDS["nb"]["service"] not in text
        assert WORDS["nb"]["basis"] not in text
    # The content of the rule, not only its citation.
    assert words["rule_intro"] in text
    assert words["rule_text"] in text
    # Postponed implementation while an appeal is considered.
    assert words["postponed"] in text and words["postponed_words"] in text
    # The right to necessary health and care services.
    assert words["rights"] in text and words["rights_words"] in text
    # The last day to appeal, moved past Christmas and the weekend.
    assert _date(LAST_DAY, language) in text
    assert _date(date(2026, 12, 25), language) not in text
    # Phone numbers: the caseworker, the municipality and the Pasient- og brukerombud.
    assert CASEWORKER_PHONE in text
    assert f"{words['phone']} {MUNICIPALITY_PHONE}" in text
    assert words["ombud"] in text and OMBUD_PHONE in text
    assert words["contact"] in text and words["signature"] in text
    # "Also when you got what you applied for" is for full grants only.
    assert (words["grant_only"] in text) == (outcome == "granted")
    # A correction names the decision it replaces; four eyes names both.
    assert (words["replaces"] in text) == (kind == "correction")
    assert (words["approved"] in text) == (kind == "four_eyes")


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_a_service_that_is_not_health_and_care_leaves_out_the_health_rights(
    citizen, service_types, language
):
    words = WORDS[language]
    application = make_submitted(
        applicant=citizen,
        service_type=service_types["arbeid-og-aktivitet"],
        person_language=language,
    )
    text = _decision_letter(application, "refused", language)
    assert words["other_service"] in text
    assert words["other_basis"] in text
    assert "§ 29 (" not in text  # the appeal deadline's rule is not the legal basis
    assert words["rule_intro"] in text
    assert words["postponed"] in text
    assert words["rights"] not in text
    assert OMBUD_PHONE not in text
    assert f"{words['phone']} {MUNICIPALITY_PHONE}" in text
    assert words["grant_only"] not in text


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_the_preliminary_reply_names_the_service_and_a_phone(citizen, service_types, language):
    words = WORDS[language]
    application = _dementia_case(citizen, service_types, language)
    text = _text(
        render_preliminary_reply(
            application=application,
            reason="Vi venter på opplysninger fra fastlegen.",
            expected_date=date(2027, 1, 15),
            sent_at=ISSUED,
            contact_name="Nora Nord",
            contact_phone=CASEWORKER_PHONE,
            language=language,
        )
    )
    assert words["service"] in text
    if language == "nn":
        assert WORDS["nb"]["service"] not in text
    assert f"{words['phone']} {MUNICIPALITY_PHONE}" in text
    # The caseworker's own phone, not only the municipality's.
    assert f"{words['contact']}, {words['phone']} {CASEWORKER_PHONE}" in text
    assert words["signature"] in text


def test_the_appeal_case_file_gives_the_legal_basis_and_its_wording(
    citizen, service_types, caseworker
):
    application = _dementia_case(citizen, service_types, "nn")
    change_status(
        application=application, status=Application.Status.UNDER_ASSESSMENT, actor=caseworker
    )
    record_decision(
        application=application, outcome="refused", actor=caseworker, letter_pdf=b"%PDF-1.4"
    )
    appeal = file_appeal(application=application, user=citizen, reasons="Eg treng tilbodet.")
    text = _text(
        render_appeal_case_file(
            appeal=appeal, comments="Ingen nye opplysningar.", forwarded_at=ISSUED
        )
    )
    # Written in bokmål for Statsforvalteren.
    assert WORDS["nb"]["basis"] in text
    assert "Bestemmelsen lyder:" in text
    assert WORDS["nb"]["rule_text"] in text


def _pages(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_no_page_holds_only_the_signature(citizen, service_types, language):
    """Longer and longer reasons push the end of the letter over a page break: the page
    with the greeting and signature always holds the contact person's text too."""
    words = WORDS[language]
    application = _dementia_case(citizen, service_types, language)
    page_counts = set()
    for paragraphs in range(22, 44, 2):
        reasons = "\n\n".join(f"Avsnitt {n} i begrunnelsen." for n in range(paragraphs))
        pages = _pages(
            _decision_pdf(
                application, "granted", language, reasons=reasons, approved_by_name="Kåre Kollega"
            )
        )
        page_counts.add(len(pages))
        signed = [page for page in pages if words["signature"] in page]
        assert len(signed) == 1
        assert words["contact"] in signed[0], (paragraphs, signed[0])
        assert words["approved"] in signed[0]
    # The scan crossed a page break (else it proved nothing).
    assert len(page_counts) > 1


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_an_issued_letter_read_back_from_its_pdf(world, login, language):
    """Issued through casework: the frozen PDF holds the caseworker's phone, the legal
    elements, and the same last day to appeal as the citizen's page (one function)."""
    from referrals.cases.models import Application
    from tests.referrals.casework.factories import decide, take

    words = WORDS[language]
    Application.objects.filter(pk=world.case.pk).update(person_language=language)
    case = take(Application.objects.get(pk=world.case.pk), world.staff.north)
    decision = decide(case, world.staff.north, outcome="refused")
    with decision.letter.open("rb") as file:
        text = _text(file.read())
    assert f"{words['phone']} 22 33 44 55" in text  # Nora Nord's own phone (tests/conftest.py)
    assert words["postponed"] in text and words["rights"] in text
    assert words["rule_intro"] in text
    assert words["grant_only"] not in text
    assert _date(decision.appeal_deadline, language) in text
    assert is_working_day(decision.appeal_deadline)
    # The citizen's page gives the same last day (the page is in bokmål here).
    page = login(world.citizen).get(f"/mine-soknader/{case.reference}/").content.decode()
    assert _date(decision.appeal_deadline, "nb") in page
