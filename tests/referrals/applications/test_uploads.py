import pytest

from referrals.applications import services
from referrals.applications.uploads import MAX_UPLOAD_BYTES
from referrals.cases.models import Attachment
from tests.pdf_builders import (
    active_pdf,
    encrypted_pdf,
    pdf_with_outlines_and_links,
    weasyprint_pdf,
)
from tests.referrals.helpers import jpeg_bytes, make_draft, pdf_bytes, png_bytes, upload


@pytest.fixture
def draft(citizen, day_activity):
    return make_draft(applicant=citizen, service_type=day_activity)


def step_url(draft, step):
    return f"/soknad/{draft.public_id}/{step}/"


@pytest.mark.django_db
def test_pdf_jpeg_and_png_are_stored_under_a_server_generated_name(citizen_client, draft):
    response = citizen_client.post(
        step_url(draft, "vedlegg"),
        {
            "action": "next",
            "files": [
                upload("../../etc/legeerklæring.pdf", pdf_bytes()),
                upload("bilde.jpg", jpeg_bytes(), "image/jpeg"),
                upload("skjerm.png", png_bytes(), "image/png"),
            ],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response.url.endswith("/oppsummering/"), response.url
    attachments = list(draft.attachments.order_by("pk"))
    assert [a.content_type for a in attachments] == ["application/pdf", "image/jpeg", "image/png"]
    assert attachments[0].original_name == "legeerklæring.pdf"
    for attachment in attachments:
        assert attachment.file.name.startswith("applications/")
        assert "legeerkl" not in attachment.file.name and "bilde" not in attachment.file.name


@pytest.mark.django_db
def test_pdfs_with_outlines_and_links_are_stored(citizen_client, draft):
    response = citizen_client.post(
        step_url(draft, "vedlegg"),
        {
            "action": "next",
            "files": [
                upload("legeerklaering.pdf", weasyprint_pdf()),
                upload("brev.pdf", pdf_with_outlines_and_links(object_streams=True)),
            ],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(draft.attachments.values_list("content_type", flat=True)) == [
        "application/pdf",
        "application/pdf",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            active_pdf("outline-item-javascript", object_streams=True),
            "«brev.pdf» inneholder skript, automatiske handlinger, skjemafunksjoner eller "
            "vedlagte filer, og kan ikke tas imot. Skriv den ut til en ny PDF",
        ),
        (
            encrypted_pdf(user_password=""),
            "«brev.pdf» er passordbeskyttet eller kryptert. Lagre en kopi uten passord",
        ),
        (pdf_bytes()[:-200], "«brev.pdf» er en skadet eller ufullstendig PDF."),
    ],
    ids=["javascript-in-an-object-stream", "encrypted", "truncated"],
)
def test_a_refused_pdf_says_why_and_what_to_do(citizen_client, draft, content, message):
    response = citizen_client.post(
        step_url(draft, "vedlegg"), {"action": "next", "files": [upload("brev.pdf", content)]}
    )
    assert response.status_code == 422
    assert message in response.content.decode()
    assert draft.attachments.count() == 0


@pytest.mark.django_db
def test_a_text_file_renamed_to_pdf_is_refused(citizen_client, draft):
    response = citizen_client.post(
        step_url(draft, "vedlegg"),
        {
            "action": "next",
            "files": [upload("fullmakt.pdf", b"MZ\x90\x00 not a pdf at all", "application/pdf")],
        },
    )
    assert response.status_code == 422
    assert "er ikke en PDF, JPEG eller PNG" in response.content.decode()
    assert draft.attachments.count() == 0


@pytest.mark.django_db
def test_an_html_file_with_a_png_name_is_refused(citizen_client, draft):
    response = citizen_client.post(
        step_url(draft, "vedlegg"),
        {
            "action": "next",
            "files": [upload("bilde.png", b"<html><script>alert(1)</script></html>", "image/png")],
        },
    )
    assert response.status_code == 422
    assert draft.attachments.count() == 0


@pytest.mark.django_db
def test_a_file_over_10_mb_is_refused(citizen_client, draft):
    response = citizen_client.post(
        step_url(draft, "vedlegg"),
        {"action": "next", "files": [upload("stor.pdf", pdf_bytes(MAX_UPLOAD_BYTES + 1))]},
    )
    assert response.status_code == 422
    assert "større enn 10 MB" in response.content.decode()
    assert draft.attachments.count() == 0


@pytest.mark.django_db
def test_at_most_five_files_are_kept_and_the_sixth_is_refused(citizen_client, draft):
    files = [upload(f"dok{n}.pdf") for n in range(6)]
    response = citizen_client.post(step_url(draft, "vedlegg"), {"action": "next", "files": files})
    assert response.status_code == 422
    assert "høyst 5 filer" in response.content.decode()
    assert draft.attachments.count() == 5
    # And once five are there, the service refuses another one too.
    with pytest.raises(services.TooManyAttachments):
        services.add_attachment(
            application=draft, uploaded=upload("sjette.pdf"), user=draft.applicant
        )


@pytest.mark.django_db
def test_a_good_file_is_kept_when_a_bad_one_is_refused(citizen_client, draft):
    response = citizen_client.post(
        step_url(draft, "vedlegg"),
        {"action": "next", "files": [upload("god.pdf"), upload("dårlig.pdf", b"nope")]},
    )
    assert response.status_code == 422
    assert list(draft.attachments.values_list("original_name", flat=True)) == ["god.pdf"]
    assert "god.pdf" in response.content.decode()


@pytest.mark.django_db
def test_a_draft_attachment_can_be_removed_by_post_only(
    citizen_client, draft, django_capture_on_commit_callbacks
):
    attachment = services.add_attachment(application=draft, uploaded=upload(), user=draft.applicant)
    url = f"/soknad/{draft.public_id}/vedlegg/{attachment.public_id}/fjern/"
    assert citizen_client.get(url).status_code == 405
    stored = attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = citizen_client.post(url, {"step": "vedlegg"})
    assert response.status_code == 302
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    assert not attachment.file.storage.exists(stored)
