"""Builders for the casework tests: staff with their scopes, and cases at any stage,
made through the services as the people involved would (``correct`` corrects an issued
decision); ``run_at_once`` runs them in real concurrent transactions."""

import threading
from datetime import timedelta

from django.db import connection
from django.utils import timezone

from portal.roles import Role
from referrals.cases import services as case_services
from referrals.cases.models import Application, CaseworkerAssignment
from referrals.casework import services as casework
from tests.catalogue.factories import DistrictFactory, OfferFactory, UnitFactory
from tests.referrals.helpers import make_submitted, make_user, national_id


def make_caseworker(*, service_type, district=None, approver=False, **kwargs):
    """A caseworker for ``service_type`` (in ``district``, else every district);
    ``approver``: also the approver role (four eyes)."""
    user = make_user(Role.CASEWORKER, *([Role.APPROVER] if approver else []), **kwargs)
    CaseworkerAssignment.objects.create(user=user, service_type=service_type, district=district)
    return user


def make_unit_leader(*, unit, **kwargs):
    user = make_user(Role.UNIT_LEADER, **kwargs)
    user.units.add(unit)
    return user


def make_day_centre(service_type, **offer_fields):
    """District "Nord" and the day centre "Solsiden dagsenter" (an offer one applies
    for, of ``service_type``); ``offer_fields`` add to the offer. Returns
    ``(district, offer)``."""
    district = DistrictFactory(name="Nord", slug="nord")
    offer = OfferFactory(
        title="Solsiden dagsenter",
        unit=UnitFactory(name="Solsiden", slug="solsiden"),
        participation="application",
        service_type=service_type,
        **offer_fields,
    )
    return district, offer


_counter = iter(range(100, 100000))


def make_case(
    *, applicant, service_type, district=None, offers=(), due_in_days=None, **answers
) -> Application:
    """A submitted application; ``due_in_days`` moves the due date relative to today."""
    answers.setdefault("person_national_id", national_id(start=next(_counter) % 900 + 100))
    application = make_submitted(
        applicant=applicant, service_type=service_type, district=district, **answers
    )
    if offers:
        application.preferred_offers.set(offers)
    if due_in_days is not None:
        Application.objects.filter(pk=application.pk).update(
            due_date=timezone.localdate() + timedelta(days=due_in_days)
        )
        application.refresh_from_db()
    return application


def take(application, caseworker) -> Application:
    return casework.assign_case(application=application, assignee=caseworker, actor=caseworker)


def decide(application, caseworker, *, outcome="granted", offer=None, **kwargs):
    defaults = {
        "legal_basis": application.service_type.legal_basis,
        "facts": "Søkeren bor alene og har lite nettverk.",
        "reasons": "Kommunen mener dagaktivitet vil gi mestring og fellesskap.",
        "decisions_seen": application.decisions.count(),
        "offer": offer,
        "weekdays": [1, 3],
        "hours": "09.00–15.00",
        "start_date": timezone.localdate() + timedelta(days=7),
        "review_date": timezone.localdate() + timedelta(days=180),
        "transport": True,
        "meals": True,
        "egenandel": "kr 95 per dag for mat",
    }
    defaults.update(kwargs)
    return casework.issue_decision(
        application=application, actor=caseworker, outcome=outcome, **defaults
    )


def decision_form_data(application, **fields) -> dict:
    """What a caseworker posts on the decision page: a grant on Tuesdays and Thursdays
    with transport and meals. ``fields`` replace or add form fields (the offer is
    ``offer=offer.pk``); a field given as None is left out, like an unticked box."""
    data = {
        "outcome": "granted",
        "facts": "Ola bor alene og er mye for seg selv.",
        "reasons": "Dagaktivitet gir ham fellesskap og avlaster datteren.",
        "weekdays": ["1", "3"],
        "hours": "09.00–15.00",
        "start_date": (timezone.localdate() + timedelta(days=7)).isoformat(),
        "review_date": (timezone.localdate() + timedelta(days=180)).isoformat(),
        "transport": "on",
        "meals": "on",
        "egenandel": "kr 95 per dag for mat",
        **fields,
    }
    # Read from the database only when not given (the threaded tests give both).
    if "decisions_seen" not in data:
        data["decisions_seen"] = application.decisions.count()
    if "legal_basis" not in data:
        data["legal_basis"] = application.service_type.legal_basis
    return {name: value for name, value in data.items() if value is not None}


def to_assessment(application, actor) -> Application:
    return case_services.change_status(
        application=application, status=Application.Status.UNDER_ASSESSMENT, actor=actor
    )


def correct(decision, caseworker, **kwargs):
    content = decision.content
    values = {
        "correction_reason": "Feil startdato i vedtaket.",
        "outcome": decision.outcome,
        "legal_basis": decision.legal_basis,
        "facts": content.facts,
        "reasons": content.reasons,
        "decisions_seen": decision.application.decisions.count(),
        "offer": content.offer,
        "weekdays": content.weekdays,
        "hours": content.hours,
        "start_date": timezone.localdate() + timedelta(days=14),
        "review_date": timezone.localdate() + timedelta(days=200),
        "transport": True,
        "meals": True,
        "egenandel": content.egenandel,
    }
    values.update(kwargs)
    return casework.correct_decision(decision=decision, actor=caseworker, **values)


def run_at_once(functions):
    """Run each function in its own thread, all released at once (real concurrent
    transactions, PostgreSQL only). Returns ``(results, errors)`` in finishing order."""
    barrier = threading.Barrier(len(functions))
    results, errors = [], []

    def run(function):
        try:
            barrier.wait()
            results.append(function())
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(function,)) for function in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors
