"""The decision (enkeltvedtak) and its letter: every part the law asks for, read back
from the PDF; frozen once issued; one decision when two caseworkers decide at once."""

import hashlib
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import formats, timezone, translation
from pypdf import PdfReader

from referrals.cases.deadlines import appeal_deadline
from referrals.cases.models import Application, Decision, DecisionContent
from referrals.casework.models import ReasonParagraph
from tests.referrals.casework.factories import (
    decide,
    decision_form_data,
    make_case,
    make_caseworker,
    take,
)


def _text(decision) -> str:
    with decision.letter.open("rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split())


def _lang(decision) -> str:
    with decision.letter.open("rb") as file:
        return str(PdfReader(io.BytesIO(file.read())).trailer["/Root"]["/Lang"])


def _date(value, language="nb") -> str:
    with translation.override(language):
        return formats.date_format(value, "j. F Y")


@pytest.fixture
def assessed(world):
    return take(world.case, world.staff.north)


def test_a_grant_letter_contains_every_part_the_law_requires(world, login, assessed, settings):
    settings.MUNICIPALITY_NAME = "Fjordvik kommune"
    client = login(world.staff.north)
    response = client.post(
        f"/saksbehandling/{assessed.reference}/vedtak/",
        decision_form_data(assessed, offer=world.offer.pk),
    )
    assert response.status_code == 302
    decision = Decision.objects.get(application=assessed)
    text = _text(decision)
    issued = timezone.localdate(decision.issued_at)

    assert "Fjordvik kommune" in text  # letterhead
    assert assessed.reference in text
    assert _date(issued) in text
    assert "Innvilget" in text
    assert "Helse- og omsorgstjenesteloven § 3-2 første ledd nr. 6 bokstav b" in text
    assert "Ola bor alene og er mye for seg selv." in text  # facts
    assert "Dagaktivitet gir ham fellesskap og avlaster datteren." in text  # reasons
    # What the grant contains.
    assert "Solsiden dagsenter" in text
    assert "tirsdag, torsdag" in text
    assert "09.00–15.00" in text
    assert _date(timezone.localdate() + timedelta(days=7)) in text
    assert _date(timezone.localdate() + timedelta(days=180)) in text
    assert "ja, kommunen sørger for transport" in text
    assert "ja, måltider inngår" in text
    assert "kr 95 per dag for mat" in text
    # The right to appeal, also when granted, with the deadline from the legal basis.
    assert "også når du har fått det du søkte om (forvaltningsloven § 27)" in text
    assert "4 uker" in text
    assert "pasient- og brukerrettighetsloven § 7-5" in text
    # The last day, moved past a weekend or holiday (tests/referrals/cases/test_deadlines.py).
    assert _date(appeal_deadline(issued, 4)) in text
    assert decision.appeal_deadline == appeal_deadline(issued, 4)
    assert "Klagen sendes til Fjordvik kommune" in text
    assert "Statsforvalteren" in text
    assert "Du kan klage på nett" in text
    assert "forvaltningsloven §§ 18 og 19" in text
    assert "Pasient- og brukerombudet" in text
    assert "Nora Nord" in text and "22 33 44 55" in text  # contact person
    assert assessed.person_national_id not in text


def test_a_service_under_forvaltningsloven_only_gets_three_weeks(world, login, service_types):
    work = service_types["arbeid-og-aktivitet"]
    caseworker = make_caseworker(
        service_type=work, email="arbeid@example.no", full_name="Arne Arbeid"
    )
    case = take(make_case(applicant=world.citizen, service_type=work), caseworker)
    decision = decide(case, caseworker, outcome="refused")
    text = _text(decision)
    issued = timezone.localdate(decision.issued_at)
    assert "3 uker" in text
    assert "forvaltningsloven § 29" in text
    assert _date(appeal_deadline(issued, 3)) in text
    assert "Pasient- og brukerombudet" not in text
    assert "Dette får du" not in text  # no grant section when refused
    # The right to appeal, without the words meant for grants.
    assert "Du kan klage på vedtaket (forvaltningsloven § 27 og § 28)." in text
    assert "også når du har fått det du søkte om" not in text


def test_a_refusal_states_the_outcome_and_the_appeal_right(world, assessed):
    decision = decide(assessed, world.staff.north, outcome="refused")
    text = _text(decision)
    assert "Avslått" in text
    assert "Du får ikke tjenesten du søkte om." in text
    assert "Du har rett til å klage" in text


def test_a_rejection_says_the_case_was_not_assessed(world, assessed):
    text = _text(decide(assessed, world.staff.north, outcome="rejected"))
    assert "Avvist" in text
    assert "ikke har vurdert innholdet" in text


def test_the_letter_is_in_the_persons_language(world, day_activity, districts):
    case = make_case(
        applicant=world.citizen,
        service_type=day_activity,
        district=districts.north,
        person_language="nn",
    )
    take(case, world.staff.north)
    decision = decide(case, world.staff.north, offer=world.offer)
    assert _lang(decision) == "nn"
    assert decision.content.language == "nn"


def test_the_issued_letter_is_frozen_with_its_checksum(world, assessed):
    decision = decide(assessed, world.staff.north, offer=world.offer)
    with decision.letter.open("rb") as file:
        assert hashlib.sha256(file.read()).hexdigest() == decision.letter_sha256
    content = DecisionContent.objects.get(decision=decision)
    assert content.weekdays == [1, 3]
    assert content.offer == world.offer


def test_a_grant_needs_offer_days_and_dates(world, login, assessed):
    response = login(world.staff.north).post(
        f"/saksbehandling/{assessed.reference}/vedtak/",
        decision_form_data(assessed, weekdays=[], start_date="", review_date=""),
    )
    assert response.status_code == 422
    html = response.content.decode()
    for message in (
        "Velg tilbudet som innvilges.",
        "Velg minst én dag.",
        "Velg startdato.",
        "Velg dato for ny vurdering.",
    ):
        assert message in html
    assert "Ola bor alene og er mye for seg selv." in html
    assert not Decision.objects.exists()


def test_a_second_decision_gets_a_conflict_and_keeps_the_typed_text(world, login, assessed):
    seen = assessed.decisions.count()
    decide(assessed, world.staff.north_colleague, offer=world.offer)
    response = login(world.staff.north).post(
        f"/saksbehandling/{assessed.reference}/vedtak/",
        decision_form_data(
            assessed,
            decisions_seen=seen,
            offer=world.offer.pk,
            reasons="Min egen lange begrunnelse som ikke må gå tapt.",
        ),
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "En annen saksbehandler har fattet vedtak" in html
    assert "Min egen lange begrunnelse som ikke må gå tapt." in html
    assert Decision.objects.filter(application=assessed).count() == 1


def test_the_citizen_is_notified_and_sees_the_letter(
    world, login, assessed, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decision = decide(assessed, world.staff.north, offer=world.offer)
    assert len(mail.outbox) >= 1
    assert all(assessed.person_national_id not in m.body for m in mail.outbox)
    client = login(world.citizen)
    page = client.get(f"/mine-soknader/{assessed.reference}/").content.decode()
    assert "Les vedtaksbrevet (PDF)" in page
    letter = client.get(f"/mine-soknader/{assessed.reference}/vedtak/{decision.pk}/")
    assert letter.status_code == 200
    assert hashlib.sha256(b"".join(letter.streaming_content)).hexdigest() == decision.letter_sha256
    assessed.refresh_from_db()
    assert assessed.status == Application.Status.DECIDED


@pytest.mark.parametrize("may_receive_copies, expected", [(True, 200), (False, 404)])
def test_a_relative_sees_the_letter_only_with_the_right_to_copies(
    world, login, day_activity, districts, may_receive_copies, expected
):
    case = make_case(
        applicant=world.stranger,
        service_type=day_activity,
        district=districts.north,
        on_behalf=True,
        relation="relative",
        basis="consent",
        applicant_may_receive_copies=may_receive_copies,
    )
    take(case, world.staff.north)
    decision = decide(case, world.staff.north, offer=world.offer)
    response = login(world.stranger).get(f"/mine-soknader/{case.reference}/vedtak/{decision.pk}/")
    assert response.status_code == expected


def test_a_reusable_paragraph_is_inserted_without_losing_the_typed_text(world, login, assessed):
    paragraph = ReasonParagraph.objects.create(
        title="Avlastning", text="Kommunen legger vekt på pårørendes behov for avlastning."
    )
    response = login(world.staff.north).post(
        f"/saksbehandling/{assessed.reference}/vedtak/",
        decision_form_data(assessed, reasons="Første avsnitt.", insert_paragraph=str(paragraph.pk)),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Første avsnitt.\n\nKommunen legger vekt på pårørendes behov for avlastning." in html
    assert "Ola bor alene" in html
    assert not Decision.objects.exists()


def test_the_decision_form_offers_the_templates_of_the_legal_basis(world, login, assessed):
    basis = assessed.service_type.legal_basis.splitlines()[0]
    ReasonParagraph.objects.create(
        title="Avslag dagaktivitet",
        text=f"Vedtaket bygger på {basis}.",
        text_nn=f"Vedtaket byggjer på {basis}.",
        legal_basis=basis,
        outcome="refused",
    )
    ReasonParagraph.objects.create(
        title="Annen hjemmel", text="…", legal_basis="Sosialtjenesteloven § 18"
    )
    html = login(world.staff.north).get(f"/saksbehandling/{assessed.reference}/vedtak/")
    html = html.content.decode()
    assert "Sett inn «Avslag dagaktivitet»" in html
    assert f"(Avslått, {basis})" in html
    assert "Annen hjemmel" not in html


def test_a_unit_leader_cannot_open_the_decision_form(world, login, assessed):
    response = login(world.staff.leader).get(f"/saksbehandling/{assessed.reference}/vedtak/")
    assert response.status_code == 404


def test_the_decision_form_opens_for_the_caseworker(world, login, assessed):
    response = login(world.staff.north).get(f"/saksbehandling/{assessed.reference}/vedtak/")
    assert response.status_code == 200
    assert response.context["form"].initial["decisions_seen"] == 0


def test_a_case_not_yet_under_assessment_cannot_be_decided(world, login):
    response = login(world.staff.north).post(
        f"/saksbehandling/{world.case.reference}/vedtak/",
        decision_form_data(world.case, offer=world.offer.pk),
    )
    assert response.status_code == 422
    assert "Saken kan ikke avgjøres i denne statusen." in response.content.decode()
    assert not Decision.objects.exists()


@pytest.mark.parametrize(("language", "label"), [("nb", "– Velg –"), ("nn", "– Vel –")])
def test_the_empty_choice_of_a_select_is_in_the_readers_language(
    world, login, assessed, language, label
):
    client = login(world.staff.north)
    client.cookies["django_language"] = language
    html = client.get(f"/saksbehandling/{assessed.reference}/vedtak/").content.decode()
    assert f'<option value="" selected>{label}</option>' in html
    assert "Select an option" not in html
