"""Four eyes, seen by the approver: the whole proposed decision on the case page, an
e-mail with the reference and a link only, and a letter naming both caseworkers."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from referrals.cases.models import Decision
from referrals.casework.models import DecisionProposal
from tests.referrals.casework.factories import decide, decision_form_data, take


@pytest.fixture
def four_eyes(world, day_activity):
    day_activity.requires_second_approval = True
    day_activity.save(update_fields=["requires_second_approval"])
    return take(world.case, world.staff.north)


def _submit(client, case, django_capture_on_commit_callbacks, url=None, **fields):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url or f"/saksbehandling/{case.reference}/vedtak/",
            decision_form_data(case, **fields),
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    return DecisionProposal.objects.get(application=case, status="awaiting")


@pytest.fixture
def submitted(world, login, four_eyes, django_capture_on_commit_callbacks):
    return _submit(
        login(world.staff.north),
        four_eyes,
        django_capture_on_commit_callbacks,
        offer=world.offer.pk,
        weekdays=["0", "3"],
        egenandel="kr 120 per dag",
        review_date=(timezone.localdate() + timedelta(days=90)).isoformat(),
        meals=None,
    )


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def test_the_approver_sees_the_whole_proposed_decision(world, login, submitted):
    case = submitted.application
    html = login(world.staff.north_colleague).get(f"/saksbehandling/{case.reference}/")
    html = html.content.decode()
    proposal = html[html.index('id="proposal"') :]
    review = submitted.review_date.strftime("%d.%m.%Y").lstrip("0")
    for shown in (
        "Solsiden dagsenter",
        "mandag, torsdag",
        "09.00–15.00",
        "Dato for ny vurdering",
        "kr 120 per dag",
        "Transport</dt><dd>Ja",
        "Måltider</dt><dd>Nei",
        "Dagaktivitet gir ham fellesskap og avlaster datteren.",
        "Godkjenn og send brevet",
    ):
        assert shown in proposal, shown
    assert str(submitted.review_date.year) in proposal and review.split(".")[0] in proposal


def test_the_approver_sees_the_correction_reason(
    world, login, day_activity, django_capture_on_commit_callbacks
):
    case = take(world.case, world.staff.north)
    decision = decide(case, world.staff.north, offer=world.offer)
    day_activity.requires_second_approval = True
    day_activity.save(update_fields=["requires_second_approval"])
    _submit(
        login(world.staff.north),
        case,
        django_capture_on_commit_callbacks,
        url=f"/saksbehandling/{case.reference}/vedtak/{decision.pk}/rett/",
        offer=world.offer.pk,
        correction_reason="Feil startdato.",
    )
    html = login(world.staff.north_colleague).get(f"/saksbehandling/{case.reference}/")
    proposal = html.content.decode().split('id="proposal"', 1)[1]
    assert "Hva som er rettet og hvorfor" in proposal
    assert "Feil startdato." in proposal


def test_the_colleagues_who_may_approve_get_an_e_mail_with_reference_and_link_only(
    world, submitted
):
    case = submitted.application
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    # Kåre may approve; Nora drafted it; the south and the unit leader cannot open it.
    assert message.to == [world.staff.north_colleague.email]
    assert case.reference in message.subject
    assert f"/saksbehandling/{case.reference}/#proposal" in message.body
    for personal in (case.person_national_id, case.person_name, "Ola", "Solsiden"):
        assert personal not in message.body and personal not in message.subject


def test_the_letter_names_both_the_caseworker_and_the_approver(
    world, login, submitted, django_capture_on_commit_callbacks
):
    case = submitted.application
    with django_capture_on_commit_callbacks(execute=True):
        login(world.staff.north_colleague).post(
            f"/saksbehandling/{case.reference}/vedtak/godkjenning/{submitted.pk}/godkjenn/"
        )
    decision = Decision.objects.get(application=case)
    assert decision.content.approved_by_name == "Kåre Kollega"
    text = _pdf_text(decision.letter.read())
    assert (
        "Vedtaket er skrevet av saksbehandler Nora Nord og godkjent av saksbehandler "
        "Kåre Kollega." in text
    )


def test_a_letter_without_four_eyes_names_no_approver(world, login):
    case = take(world.case, world.staff.north)
    decision = decide(case, world.staff.north, offer=world.offer)
    assert decision.content.approved_by_name == ""
    text = _pdf_text(decision.letter.read())
    assert "Nora Nord" in text and "godkjent av saksbehandler" not in text


def test_the_proposal_costs_the_case_page_one_query(world, login, submitted):
    """The proposal is read with its drafter, offer and corrected decision in one query;
    the page's query count stays within its budget."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    case = submitted.application
    client = login(world.staff.north_colleague)
    client.get(f"/saksbehandling/{case.reference}/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/saksbehandling/{case.reference}/").status_code == 200
    sqls = [q["sql"] for q in queries]
    proposal_reads = [sql for sql in sqls if sql.startswith('SELECT "referrals_decisionproposal"')]
    assert len(proposal_reads) == 1
    # The drafter and the offer come with it, not from queries of their own.
    assert 'INNER JOIN "portal_user"' in proposal_reads[0]
    assert not any('WHERE "catalogue_offer"."id" =' in sql for sql in sqls)
    assert not any('WHERE "portal_user"."id" =' in sql for sql in sqls[3:])  # after the session's
    assert len(queries) <= 12
