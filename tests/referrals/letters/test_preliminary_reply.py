"""A case not decided within a month gets a preliminary reply (forvaltningsloven § 11a):
why it takes time and when to expect an answer, as a frozen PDF letter the citizen sees."""

import hashlib
import io
from datetime import timedelta

from django.utils import formats, timezone, translation
from pypdf import PdfReader

from referrals.cases.models import Application
from referrals.letters.models import PreliminaryReply
from tests.referrals.casework.factories import take


def _age(case, days):
    Application.objects.filter(pk=case.pk).update(
        submitted_at=timezone.now() - timedelta(days=days)
    )


def test_old_cases_are_found_by_the_queue_filter(world, login):
    client = login(world.staff.north)
    assert (
        not client.get("/saksbehandling/", {"needs_preliminary": "on"}).context["page"].object_list
    )
    _age(world.case, 35)
    cases = client.get("/saksbehandling/", {"needs_preliminary": "on"}).context["page"]
    assert [c.reference for c in cases.object_list] == [world.case.reference]


def test_the_preliminary_reply_letter_says_why_and_when(world, login):
    take(world.case, world.staff.north)
    _age(world.case, 35)
    expected = timezone.localdate() + timedelta(days=21)
    client = login(world.staff.north)
    assert (
        "Saken er eldre enn en måned"
        in client.get(f"/saksbehandling/{world.case.reference}/").content.decode()
    )
    response = client.post(
        f"/saksbehandling/{world.case.reference}/forelopig-svar/",
        {
            "preliminary-reason": "Vi venter på uttalelse fra hjemmetjenesten.",
            "preliminary-expected_date": expected.isoformat(),
        },
    )
    assert response.status_code == 302
    reply = PreliminaryReply.objects.get(application=world.case)
    with reply.letter.open("rb") as file:
        data = file.read()
    assert hashlib.sha256(data).hexdigest() == reply.letter_sha256
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
    with translation.override("nb"):
        expected_text = formats.date_format(expected, "j. F Y")
    assert "forvaltningsloven § 11a" in text
    assert "Vi venter på uttalelse fra hjemmetjenesten." in text
    assert expected_text in text
    assert world.case.reference in text
    assert "Nora Nord" in text
    world.case.refresh_from_db()
    assert world.case.due_date == expected

    citizen_page = login(world.citizen).get(f"/mine-soknader/{world.case.reference}/")
    assert "Vi venter på uttalelse fra hjemmetjenesten." in citizen_page.content.decode()
    assert (
        not login(world.staff.north)
        .get("/saksbehandling/", {"needs_preliminary": "on"})
        .context["page"]
        .object_list
    )


def test_a_preliminary_reply_needs_a_reason_and_a_future_date(world, login):
    response = login(world.staff.north).post(
        f"/saksbehandling/{world.case.reference}/forelopig-svar/",
        {"preliminary-reason": "", "preliminary-expected_date": "2020-01-01"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Skriv hvorfor saken tar tid." in html
    assert "Datoen for forventet svar må være etter i dag." in html
    assert not PreliminaryReply.objects.exists()


def test_only_caseworkers_in_scope_can_download_it(world, login):
    take(world.case, world.staff.north)
    login(world.staff.north).post(
        f"/saksbehandling/{world.case.reference}/forelopig-svar/",
        {
            "preliminary-reason": "Mange saker.",
            "preliminary-expected_date": (timezone.localdate() + timedelta(days=9)).isoformat(),
        },
    )
    reply = PreliminaryReply.objects.get()
    url = f"/saksbehandling/{world.case.reference}/forelopig-svar/{reply.pk}/brev.pdf"
    assert login(world.staff.north).get(url).status_code == 200
    for outsider in (world.staff.south, world.staff.leader, world.staff.admin, world.citizen):
        assert login(outsider).get(url).status_code == 404
