"""Fifty caseworkers press "fatt vedtak" on the same case at the same moment, through
the real decision page (one browser each), while a colleague reassigns the case and
another writes a note: one decision, 49 clear conflicts that keep what each typed, no
500s and no change lost. PostgreSQL only: it needs real row locks and parallel
transactions."""

import re

import pytest
from django.core import mail

from referrals.capacity.models import Allocation
from referrals.cases.models import Application, ApplicationEvent, Decision, DecisionContent
from referrals.casework.models import InternalNote
from tests.referrals.casework.factories import (
    decision_form_data,
    make_case,
    make_caseworker,
    make_day_centre,
    take,
)
from tests.reliability.helpers import logged_in, run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

DECIDERS = 50
CONFLICT = "En annen saksbehandler har fattet vedtak i saken mens du skrev."


def decision_form(index: int, *, case, decisions_seen: int, offer) -> dict:
    """What caseworker ``index`` typed: half grant, half refuse; every text is theirs."""
    data = {
        "decisions_seen": decisions_seen,
        "legal_basis": offer.service_type.legal_basis.splitlines()[0].strip(),
        "facts": f"Fakta skrevet av saksbehandler nummer {index}.",
        "reasons": f"Begrunnelse skrevet av saksbehandler nummer {index}.",
    }
    if index % 2:
        return {**data, "outcome": "refused"}
    return decision_form_data(case, **data, offer=offer.pk, egenandel=f"kr {index} per dag")


def test_fifty_caseworkers_deciding_at_once_record_one_decision_and_lose_nothing(
    connection_budget, day_activity, citizen
):
    connection_budget(DECIDERS + 2)
    north, offer = make_day_centre(day_activity, capacity_per_day=10)
    caseworkers = [
        make_caseworker(
            service_type=day_activity,
            district=north,
            email=f"saksbehandler{index}@example.no",
            full_name=f"Saksbehandler {index:02d}",
        )
        for index in range(DECIDERS)
    ]
    new_owner = make_caseworker(
        service_type=day_activity, district=north, email="ny@example.no", full_name="Nina Ny"
    )
    case = make_case(applicant=citizen, service_type=day_activity, district=north, offers=[offer])
    case = take(case, caseworkers[0])
    decide_url = f"/saksbehandling/{case.reference}/vedtak/"
    clients = [logged_in(user) for user in caseworkers]
    # Everyone opened the form before anyone decided: it says no decision yet. (One
    # caseworker's page is read; rendering fifty would only slow the test down.)
    page = clients[0].get(decide_url)
    assert page.status_code == 200
    seen = int(re.search(r'name="decisions_seen" value="(\d+)"', page.text).group(1))
    assert seen == 0
    mail.outbox.clear()

    def decider(index):
        def run(start):
            data = decision_form(index, case=case, decisions_seen=seen, offer=offer)
            start()
            return data, clients[index].post(decide_url, data)

        return run

    def reassign(start):
        client = logged_in(caseworkers[0])
        start()
        return None, client.post(
            f"/saksbehandling/{case.reference}/tildel/", {"assign-assignee": new_owner.pk}
        )

    def write_note(start):
        client = logged_in(caseworkers[1])
        start()
        return None, client.post(
            f"/saksbehandling/{case.reference}/notat/", {"note-body": "Ringte datteren."}
        )

    results, errors = run_together([decider(i) for i in range(DECIDERS)] + [reassign, write_note])

    # No request crashed (the test client re-raises what would have been a 500).
    assert not any(errors), [e for e in errors if e]
    responses = [response for _, response in results]
    assert all(response.status_code < 500 for response in responses)
    *decided, reassigned, noted = responses
    assert reassigned.status_code == 302 and noted.status_code == 302

    winners = [i for i, response in enumerate(decided) if response.status_code == 302]
    assert len(winners) == 1, sorted({r.status_code for r in decided})
    winner = winners[0]
    for index, response in enumerate(decided):
        if index == winner:
            continue
        assert response.status_code == 409
        html = response.text
        assert CONFLICT in html
        # What this caseworker typed is still in the form, to copy.
        assert f"Fakta skrevet av saksbehandler nummer {index}." in html
        assert f"Begrunnelse skrevet av saksbehandler nummer {index}." in html

    # Exactly one decision, entirely the winner's (no mix of two caseworkers' texts).
    decision = Decision.objects.get(application=case)
    typed = results[winner][0]
    assert decision.decided_by == caseworkers[winner]
    assert decision.outcome == typed["outcome"]
    content = DecisionContent.objects.get(decision=decision)
    assert (content.facts, content.reasons) == (typed["facts"], typed["reasons"])
    granted_places = Allocation.objects.filter(application=case)
    assert granted_places.count() == (2 if typed["outcome"] == "granted" else 0)
    assert case.events.filter(kind=ApplicationEvent.Kind.DECIDED).count() == 1

    # No lost update: the decision's status change kept the concurrent reassignment,
    # and the note is there.
    case.refresh_from_db()
    assert case.status == Application.Status.DECIDED
    assert case.caseworker == new_owner
    assert InternalNote.objects.filter(application=case, body="Ringte datteren.").count() == 1

    # The citizen is told once, not once per click.
    sent = [(tuple(message.to), message.subject) for message in mail.outbox]
    assert sent and len(sent) == len(set(sent)), sent
