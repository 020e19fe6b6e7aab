"""The English courtesy copy of a decision letter: rendered on demand from the stored
decision (never stored), in English, marked as a courtesy translation, for the same
people as the Norwegian letter; the frozen letter and its SHA-256 do not change."""

import hashlib
import io
from datetime import timedelta

import pytest
from django.utils import formats, timezone, translation
from pypdf import PdfReader

from referrals.cases.deadlines import appeal_deadline
from referrals.cases.models import AccessLogEntry, Decision
from referrals.letters.rendering import (
    COURTESY_NOTE,
    render_decision_letter_courtesy_copy,
)
from tests.referrals.casework.factories import decide, make_case, take
from tests.referrals.helpers import record_decision


def _pdf(data: bytes) -> tuple[str, str]:
    reader = PdfReader(io.BytesIO(data))
    text = " ".join("\n".join(page.extract_text() for page in reader.pages).split())
    return text, str(reader.trailer["/Root"]["/Lang"])


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _date_en(value) -> str:
    with translation.override("en"):
        return formats.date_format(value, "j F Y")  # "1 January 2027"


@pytest.fixture
def decision(world):
    return decide(take(world.case, world.staff.north), world.staff.north, offer=world.offer)


def _stored(decision) -> bytes:
    with decision.letter.open("rb") as file:
        return file.read()


def test_the_courtesy_copy_is_in_english_and_says_the_norwegian_letter_decides(
    world, decision, settings
):
    text, lang = _pdf(render_decision_letter_courtesy_copy(decision))
    issued = timezone.localdate(decision.issued_at)
    assert lang == "en"
    assert COURTESY_NOTE == "Courtesy translation — the Norwegian letter is the legal decision"
    assert COURTESY_NOTE in text
    # The letter's own strings in English, not in Norwegian.
    assert "Granted" in text
    assert "Innvilget" not in text
    assert "Du har rett til å klage" not in text
    assert "Du kan klage på vedtaket" not in text
    assert "4 weeks" in text
    assert _date_en(appeal_deadline(issued, 4)) in text
    assert "Tuesday, Thursday" in text
    # The same decision data as the Norwegian letter.
    assert world.case.reference in text
    assert "Solsiden dagsenter" in text
    assert "09.00–15.00" in text
    assert "kr 95 per dag for mat" in text
    assert _date_en(timezone.localdate() + timedelta(days=180)) in text
    assert "Nora Nord" in text and "22 33 44 55" in text
    assert world.case.person_national_id not in text


def test_a_refusal_in_english_has_no_grant_section(world):
    case = take(world.case, world.staff.north)
    refused = decide(case, world.staff.north, outcome="refused")
    text, _lang = _pdf(render_decision_letter_courtesy_copy(refused))
    assert COURTESY_NOTE in text
    assert "Refused" in text
    assert "Avslått" not in text
    assert "Solsiden dagsenter" not in text


def test_the_frozen_norwegian_letter_and_its_checksum_do_not_change(world, login, decision):
    before = _stored(decision)
    name = decision.letter.name
    assert hashlib.sha256(before).hexdigest() == decision.letter_sha256

    copy = _body(
        login(world.staff.north).get(
            f"/saksbehandling/{world.case.reference}/vedtak/{decision.pk}/brev-engelsk.pdf"
        )
    )
    assert hashlib.sha256(copy).hexdigest() != decision.letter_sha256

    decision.refresh_from_db()
    assert decision.letter.name == name
    assert _stored(decision) == before
    assert hashlib.sha256(_stored(decision)).hexdigest() == decision.letter_sha256
    text, lang = _pdf(before)
    assert lang == "nb"
    assert COURTESY_NOTE not in text
    assert "Innvilget" in text
    assert Decision.objects.filter(application=world.case).count() == 1


def test_the_caseworker_downloads_the_courtesy_copy_and_it_is_logged(world, login, decision):
    client = login(world.staff.north)
    case_page = client.get(f"/saksbehandling/{world.case.reference}/").content.decode()
    url = f"/saksbehandling/{world.case.reference}/vedtak/{decision.pk}/brev-engelsk.pdf"
    assert url in case_page
    downloads = AccessLogEntry.objects.filter(
        user=world.staff.north,
        action=AccessLogEntry.Action.DOWNLOAD,
        object_type="decision",
        object_id=str(decision.pk),
        allowed=True,
    )
    before = downloads.count()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert "attachment" in response["Content-Disposition"]
    text, lang = _pdf(_body(response))
    assert lang == "en" and COURTESY_NOTE in text
    assert downloads.count() == before + 1


def test_the_citizen_downloads_the_courtesy_copy(world, login, decision):
    client = login(world.citizen)
    page = client.get(f"/mine-soknader/{world.case.reference}/").content.decode()
    url = f"/mine-soknader/{world.case.reference}/vedtak/{decision.pk}/engelsk/"
    assert url in page
    assert "English courtesy copy (PDF)" in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    text, lang = _pdf(_body(response))
    assert lang == "en" and COURTESY_NOTE in text
    assert "Granted" in text


@pytest.mark.parametrize(
    "who",
    ["stranger", "south", "everywhere_support", "leader", "admin"],
)
def test_others_get_404_for_the_courtesy_copy(world, login, decision, who):
    user = world.stranger if who == "stranger" else getattr(world.staff, who)
    client = login(user)
    citizen_url = f"/mine-soknader/{world.case.reference}/vedtak/{decision.pk}/engelsk/"
    staff_url = f"/saksbehandling/{world.case.reference}/vedtak/{decision.pk}/brev-engelsk.pdf"
    assert client.get(citizen_url).status_code == 404
    assert client.get(staff_url).status_code in (403, 404)
    if who in ("south", "everywhere_support", "leader"):
        assert client.get(staff_url).status_code == 404


def test_anonymous_is_sent_to_log_in(client, world, decision):
    for url in (
        f"/mine-soknader/{world.case.reference}/vedtak/{decision.pk}/engelsk/",
        f"/saksbehandling/{world.case.reference}/vedtak/{decision.pk}/brev-engelsk.pdf",
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/konto/logg-inn/" in response["Location"]


@pytest.mark.parametrize("may_receive_copies, expected", [(True, 200), (False, 404)])
def test_a_relative_gets_the_copy_only_with_the_right_to_copies(
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
    response = login(world.stranger).get(
        f"/mine-soknader/{case.reference}/vedtak/{decision.pk}/engelsk/"
    )
    assert response.status_code == expected


def test_a_decision_without_stored_content_has_no_copy(world, login):
    """A decision recorded without casework content (no facts or reasons to translate)."""
    case = take(world.case, world.staff.north)
    decision = record_decision(
        application=case, outcome="refused", actor=world.staff.north, letter_pdf=b"%PDF-1.7 x"
    )
    client = login(world.citizen)
    assert (
        client.get(f"/mine-soknader/{case.reference}/vedtak/{decision.pk}/engelsk/").status_code
        == 404
    )
    staff = login(world.staff.north)
    page = staff.get(f"/saksbehandling/{case.reference}/").content.decode()
    assert "brev-engelsk.pdf" not in page
    assert (
        staff.get(
            f"/saksbehandling/{case.reference}/vedtak/{decision.pk}/brev-engelsk.pdf"
        ).status_code
        == 404
    )
