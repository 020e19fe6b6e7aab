"""Every citizen page of the application: one h1, no inline style or script (strict
CSP), no identity number in the page title, and the stylesheet linked."""

import re

import pytest

from referrals.cases import services as case_services
from tests.referrals.helpers import make_draft, make_submitted, record_decision

pytestmark = pytest.mark.django_db


def pages(citizen, service_type, caseworker):
    draft = make_draft(
        applicant=citizen,
        service_type=service_type,
        on_behalf=True,
        relation="relative",
        basis="consent",
    )
    sent = make_submitted(applicant=citizen, service_type=service_type)
    case_services.change_status(application=sent, status="assessment", actor=caseworker)
    decided = make_submitted(applicant=citizen, service_type=service_type)
    case_services.change_status(application=decided, status="assessment", actor=caseworker)
    record_decision(
        application=decided, outcome="refused", actor=caseworker, letter_pdf=b"%PDF-1.4"
    )
    urls = ["/soknad/", "/mine-soknader/"]
    urls += [
        f"/soknad/{draft.public_id}/{step}/"
        for step in (
            "tjeneste",
            "hvem",
            "grunnlag",
            "personen",
            "kontakt",
            "behov",
            "tilbud",
            "vedlegg",
            "oppsummering",
        )
    ]
    urls += [
        f"/soknad/kvittering/{sent.reference}/",
        f"/mine-soknader/{sent.reference}/",
        f"/mine-soknader/{sent.reference}/trekk-tilbake/",
    ]
    urls += [f"/mine-soknader/{decided.reference}/", f"/mine-soknader/{decided.reference}/klage/"]
    return urls, [draft, sent, decided]


def test_the_visitor_start_page_has_one_h1_and_nothing_inline(client, service_types):
    body = client.get("/soknad/?service=stottekontakt").content.decode()
    assert body.count("<h1") == 1
    assert " style=" not in body


def test_every_page_has_one_h1_and_nothing_inline(
    citizen_client, citizen, day_activity, caseworker
):
    urls, applications = pages(citizen, day_activity, caseworker)
    for url in urls:
        response = citizen_client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert body.count("<h1") == 1, url
        assert " style=" not in body, url
        assert not re.search(r"<script(?![^>]*\bsrc=)", body), url
        assert "css/referrals.css" in body, url
        title = re.search(r"<title>(.*?)</title>", body, re.S).group(1)
        for application in applications:
            assert application.person_national_id not in body, url
            assert application.person_national_id[:6] not in title, url
