"""The print queue of paper letters (/saksbehandling/utskrift/): scoped to the cases the
user may see, one PDF per batch with the address placed for a window envelope, and
marking a batch printed."""

import io

import pytest
from pypdf import PdfReader

from portal.roles import Role
from referrals.cases.models import AccessLogEntry, Application
from referrals.letters.models import LetterDispatch, PrintBatch
from tests.referrals.casework.factories import decide, make_case, take
from tests.referrals.helpers import make_user

Status = LetterDispatch.Status
MM = 72 / 25.4  # PDF points per millimetre


@pytest.fixture
def paper_case(world):
    """A guardian applied for Ola: a refusal goes by post to Ola and, as a copy, to the
    guardian; neither logged in with ID-porten."""
    case = make_case(
        applicant=world.citizen,
        service_type=world.case.service_type,
        district=world.case.district,
        on_behalf=True,
        relation=Application.Relation.RELATIVE,
        basis=Application.Basis.CONSENT,
        person_name="Ola Nordmann",
        person_address="Storgata 1",
        person_postcode="0155",
        person_place="Oslo",
        applicant_name="Kari Verge",
        applicant_address="Kirkeveien 2",
        applicant_postcode="5003",
        applicant_place="Bergen",
    )
    # Submitted as a relative's (a guardian's needs the guardianship document), stored
    # as the guardian's, who gets copies.
    Application.objects.filter(pk=case.pk).update(
        relation=Application.Relation.GUARDIAN, basis=Application.Basis.GUARDIANSHIP
    )
    take(case, world.staff.north)
    decide(case, world.staff.north, outcome="refused")
    return case


def _pdf_pages(content: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


def test_the_queue_lists_the_paper_letters_in_scope(world, login, paper_case):
    page = login(world.staff.north).get("/saksbehandling/utskrift/").content.decode()
    assert paper_case.reference in page
    assert "Storgata 1, 0155 Oslo" in page
    assert "Kirkeveien 2, 5003 Bergen" in page
    assert "Lag utskriftsbunke" in page
    assert AccessLogEntry.objects.filter(object_type="print_queue", allowed=True).exists()


def test_another_district_sees_none_of_them(world, login, paper_case):
    page = login(world.staff.south).get("/saksbehandling/utskrift/").content.decode()
    assert paper_case.reference not in page
    assert "Det er ingen brev i utskriftskøen." in page


def test_a_citizen_and_a_unit_leader_may_not_open_it(world, login, paper_case):
    assert login(world.citizen).get("/saksbehandling/utskrift/").status_code == 403
    assert login(world.staff.leader).get("/saksbehandling/utskrift/").status_code == 403


def test_the_batch_pdf_has_each_letter_behind_its_window_address(world, login, paper_case):
    client = login(world.staff.north)
    response = client.post("/saksbehandling/utskrift/lag-bunke/")
    batch = PrintBatch.objects.get()
    assert response.headers["Location"] == f"/saksbehandling/utskrift/{batch.pk}/"
    assert batch.dispatches.count() == 2
    # A batch's letters leave the queue.
    assert paper_case.reference not in client.get("/saksbehandling/utskrift/").content.decode()

    pdf = client.get(f"/saksbehandling/utskrift/{batch.pk}/bunke.pdf")
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.headers["Cache-Control"] == "private, no-store"
    pages = _pdf_pages(pdf.content)
    sheets = [i for i, text in enumerate(pages) if "Vår referanse" in text and "Vedlagt" in text]
    assert len(sheets) == 2
    first, second = (pages[i] for i in sheets)
    assert "Ola Nordmann Storgata 1 0155 OSLO" in first
    assert "Kari Verge Kirkeveien 2 5003 BERGEN" in second
    assert "kopi til deg som representerer" in second
    # Each sheet is followed by the decision letter itself.
    assert "Avslått" in pages[sheets[0] + 1]
    assert "Avslått" in pages[sheets[1] + 1]
    assert paper_case.person_national_id not in " ".join(pages)

    # The name sits in the envelope's window: 20 mm from the left, 45–85 mm from the top.
    reader = PdfReader(io.BytesIO(pdf.content))
    placed = []

    def visitor(text, cm, tm, font_dict, font_size):
        if text.strip() == "Ola Nordmann":
            # The text matrix within the current transformation matrix: points on the page.
            placed.append(
                (tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5])
            )

    reader.pages[sheets[0]].extract_text(visitor_text=visitor)
    (x, y), *_ = placed
    height = float(reader.pages[sheets[0]].mediabox.height)
    assert 19 <= x / MM <= 22
    assert 50 <= (height - y) / MM <= 60
    assert AccessLogEntry.objects.filter(
        object_type="print_batch", action="download", application_id_logged=paper_case.pk
    ).exists()


def test_marking_the_batch_printed_records_when_and_who(world, login, paper_case):
    client = login(world.staff.north)
    client.post("/saksbehandling/utskrift/lag-bunke/")
    batch = PrintBatch.objects.get()
    response = client.post(f"/saksbehandling/utskrift/{batch.pk}/skrevet-ut/")
    assert response.status_code == 302
    for dispatch in batch.dispatches.all():
        assert dispatch.status == Status.PRINTED
        assert dispatch.sent_at is not None
        assert dispatch.marked_by == world.staff.north
    batch.refresh_from_db()
    assert batch.printed_by == world.staff.north
    # The case page says how and when.
    page = client.get(f"/saksbehandling/{paper_case.reference}/").content.decode()
    assert "Skrevet ut og lagt i posten" in page
    assert "Nora Nord" in page


def test_another_units_batch_is_a_404(world, login, paper_case):
    login(world.staff.north).post("/saksbehandling/utskrift/lag-bunke/")
    batch = PrintBatch.objects.get()
    client = login(world.staff.south)
    for url in (
        f"/saksbehandling/utskrift/{batch.pk}/",
        f"/saksbehandling/utskrift/{batch.pk}/bunke.pdf",
    ):
        assert client.get(url).status_code == 404
    assert client.post(f"/saksbehandling/utskrift/{batch.pk}/skrevet-ut/").status_code == 404
    assert batch.dispatches.filter(status=Status.QUEUED).count() == 2
    assert AccessLogEntry.objects.filter(object_type="print_batch", allowed=False).count() == 3


def test_an_empty_queue_makes_no_batch(world, login):
    response = login(world.staff.north).post("/saksbehandling/utskrift/lag-bunke/", follow=True)
    assert "Det er ingen brev i utskriftskøen." in response.content.decode()
    assert not PrintBatch.objects.exists()


def test_the_caseworker_is_told_the_letter_goes_by_post(world, login, paper_case):
    client = login(world.staff.north)
    case = make_case(
        applicant=make_user(Role.CITIZEN, email="ny@example.no"),
        service_type=world.case.service_type,
        district=world.case.district,
        person_address="Storgata 1",
        person_postcode="0155",
        person_place="Oslo",
    )
    take(case, world.staff.north)
    from tests.referrals.casework.factories import decision_form_data

    response = client.post(
        f"/saksbehandling/{case.reference}/vedtak/",
        decision_form_data(case, outcome="refused"),
        follow=True,
    )
    page = response.content.decode()
    assert "Vedtaket er fattet." in page
    assert "lagt i utskriftskøen og må skrives ut og sendes i posten" in page
    assert "sendt til innbyggeren" not in page


def test_a_letter_that_cannot_be_read_stops_the_batch_with_a_message(world, login, paper_case):
    client = login(world.staff.north)
    client.post("/saksbehandling/utskrift/lag-bunke/")
    batch = PrintBatch.objects.get()
    decision = batch.dispatches.first().decision
    with decision.letter.open("wb") as file:  # damaged in the storage
        file.write(b"not a pdf")
    response = client.get(f"/saksbehandling/utskrift/{batch.pk}/bunke.pdf", follow=True)
    assert response.status_code == 200
    assert f"Brevet i sak {paper_case.reference} kunne ikke leses" in response.content.decode()
    assert batch.dispatches.filter(status=Status.QUEUED).count() == 2


def test_the_case_page_shows_a_failed_dispatch_in_the_staffs_words(world, login):
    case = take(world.case, world.staff.north)  # applied before addresses were asked for
    decide(case, world.staff.north, outcome="refused")
    page = login(world.staff.north).get(f"/saksbehandling/{case.reference}/").content.decode()
    assert "Feilet, prøves igjen" in page
    assert "Mangler fullstendig postadresse." in page
    assert "no complete postal address" not in page
