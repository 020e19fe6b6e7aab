"""Hostile attachments: every one is refused with a clear message and nothing is stored.

Checked twice: through the validator (referrals.applications.uploads.validate_upload) and through
the real upload step of the application (/soknad/<key>/vedlegg/, action=upload), where
afterwards the draft has no attachment and the media storage holds no file.

PDFs must parse without repair and carry no scripts, actions or embedded files in any
object (also inside compressed object streams) of any revision, within limits on the
work; images must end where the image data ends (no polyglots) and stay under the pixel
limit (no decompression bombs). The PDFs are built in `tests/pdf_builders.py`.
"""

import io
import resource
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pikepdf import Array, String

import portal.pdfs
from portal.pdfs import MAX_DECODED_STREAM_BYTES, MAX_ITEMS, MAX_REVISIONS
from referrals.applications.uploads import MAX_UPLOAD_BYTES, clean_file_name, validate_upload
from referrals.cases.models import Attachment
from tests.pdf_builders import (
    ACTIVE_VARIANTS,
    TELLTALE,
    active_pdf,
    add_open_action_javascript,
    encrypted_pdf,
    one_page,
    pdf_with,
    pdf_with_outlines_and_links,
    raw_pdf,
    remove_open_action,
    saved,
    updated,
    updated_by_hand,
    weasyprint_pdf,
    xref_stream_pdf,
)
from tests.referrals.helpers import (
    MODEL_BACKEND,
    jpeg_bytes,
    make_draft,
    make_user,
    pdf_bytes,
    png_bytes,
)

pytestmark = pytest.mark.django_db

MESSAGES = {
    "type": "er ikke en PDF, JPEG eller PNG",
    "too_large": "er større enn 10 MB",
    "empty": "er tom",
    "pdf_active": "inneholder skript, automatiske handlinger",
    "pdf_encrypted": "er passordbeskyttet eller kryptert",
    "pdf_damaged": "er en skadet eller ufullstendig PDF",
    "pdf_too_complex": "er for sammensatt til at vi kan kontrollere den",
}


# --- hostile content built in code ---------------------------------------------------


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width: int, height: int) -> bytes:
    """A valid 1-bit PNG of width × height whose pixels are all zero: a few kilobytes
    on disk, width × height pixels once decoded (a decompression bomb)."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


def png_header_only(width: int, height: int) -> bytes:
    """Only the signature and a header claiming huge dimensions."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IEND", b"")


def zip_bytes(name: str = "payload.html", content: str = "<script>alert(1)</script>") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


JS_ACTION = {3: b"<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>"}
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(2)</script></svg>"
)
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"


@dataclass(frozen=True)
class Hostile:
    id: str
    name: str
    content: bytes
    code: str = "type"


def _cases() -> list[Hostile]:
    jpeg, png = jpeg_bytes(), png_bytes()
    return [
        Hostile("exe-as-pdf", "vedtak.pdf", EXE),
        Hostile("zip-as-pdf", "vedlegg.pdf", zip_bytes()),
        Hostile("html-as-pdf", "legeerklaering.pdf", HTML),
        Hostile("svg-as-pdf", "skjema.pdf", SVG),
        Hostile("svg", "tegning.svg", SVG),
        Hostile("svg-as-png", "tegning.png", SVG),
        Hostile("html", "side.html", HTML),
        Hostile("html-as-jpg", "bilde.jpg", HTML),
        Hostile("gif-as-png", "bilde.png", GIF),
        Hostile("gzip-as-pdf", "arkiv.pdf", b"\x1f\x8b\x08\x00" + b"\x00" * 20),
        Hostile("pdf-magic-not-at-start", "brev.pdf", b"\n\n<html>%PDF-1.4 <script></script>"),
        Hostile("double-extension-exe", "brev.pdf.exe", EXE),
        Hostile("double-extension-pdf", "virus.exe.pdf", EXE),
        Hostile("traversal-name-html", "../../../../etc/cron.d/x.pdf", HTML),
        Hostile("backslash-traversal-html", "..\\..\\windows\\system32\\x.pdf", HTML),
        Hostile("control-chars-name-exe", "\x00evil\r\n\x1b[31m.pdf", EXE),
        Hostile("rtlo-name-exe", "faktura\u202efdp.exe", EXE),
        Hostile("very-long-name-html", "a" * 5000 + ".pdf", HTML),
        Hostile("zero-bytes", "tom.pdf", b"", code="empty"),
        Hostile("oversized-pdf", "stor.pdf", pdf_bytes(MAX_UPLOAD_BYTES + 1), code="too_large"),
        Hostile("bomb-header-only-png", "kart.png", png_header_only(100_000, 100_000)),
        Hostile("bomb-png-400mp", "kart.png", png_claiming(20_000, 20_000)),
        Hostile("bomb-png-100mp", "kart.png", png_claiming(10_000, 10_000)),
        Hostile("truncated-png", "skjerm.png", png[: len(png) // 2]),
        Hostile("truncated-jpeg", "bilde.jpg", jpeg[: len(jpeg) // 2]),
        Hostile("jpeg-zip-polyglot", "bilde.jpg", jpeg + zip_bytes()),
        Hostile("png-html-polyglot", "bilde.png", png + HTML),
        Hostile("pdf-html-polyglot", "brev.pdf", b"%PDF-1.4\n" + HTML, code="pdf_active"),
        Hostile(
            "pdf-openaction-javascript",
            "brev.pdf",
            pdf_with(b"/OpenAction 3 0 R", JS_ACTION),
            code="pdf_active",
        ),
        Hostile(
            "pdf-inline-js",
            "brev.pdf",
            pdf_with(b"/OpenAction << /S /JavaScript /JS (this.exportDataObject()) >>"),
            code="pdf_active",
        ),
        Hostile(
            "pdf-escaped-javascript-name",
            "brev.pdf",
            pdf_with(b"/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>"),
            code="pdf_active",
        ),
        Hostile(
            "pdf-additional-action-js",
            "brev.pdf",
            pdf_with(b"/AA << /O << /S /JavaScript /JS (app.alert(1)) >> >>"),
            code="pdf_active",
        ),
        Hostile(
            "pdf-launch-action",
            "brev.pdf",
            pdf_with(b"/OpenAction << /S /Launch /F (cmd.exe) >>"),
            code="pdf_active",
        ),
        *[
            Hostile(
                f"pdf-{variant}-in-object-stream",
                "brev.pdf",
                active_pdf(variant, object_streams=True),
                code="pdf_active",
            )
            for variant in (
                "outline-item-javascript",
                "annotation-additional-action",
                "link-next-javascript",
            )
        ],
        Hostile(
            "pdf-javascript-replaced-by-a-later-revision",
            "brev.pdf",
            updated(active_pdf("open-action-javascript", object_streams=True), remove_open_action),
            code="pdf_active",
        ),
        Hostile(
            "pdf-encrypted",
            "brev.pdf",
            encrypted_pdf(user_password="hemmelig"),
            code="pdf_encrypted",
        ),
        Hostile(
            "pdf-zip-appended",
            "brev.pdf",
            pdf_with(b"") + zip_bytes("x.exe", "MZ"),
            code="pdf_damaged",
        ),
    ]


HOSTILE = _cases()


def hostile_params():
    return [
        pytest.param(
            case,
            id=case.id,
        )
        for case in HOSTILE
    ]


def as_upload(name: str, content: bytes, content_type: str = "application/pdf"):
    # The browser's claimed type is always a harmless one: the check must use content.
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_there_are_at_least_25_hostile_files():
    assert len(HOSTILE) >= 25
    assert len({case.id for case in HOSTILE}) == len(HOSTILE)


# --- through the validator -----------------------------------------------------------


@pytest.mark.parametrize("case", hostile_params())
def test_the_validator_refuses_a_hostile_file(case):
    with pytest.raises(ValidationError) as caught:
        validate_upload(as_upload(case.name, case.content))
    assert caught.value.code == case.code
    message = caught.value.messages[0]
    assert MESSAGES[case.code] in message
    assert "\x00" not in message or case.id == "control-chars-name-exe"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("SKANNET.PDF", pdf_bytes(), "application/pdf"),
        ("Bilde.JPG", jpeg_bytes(), "image/jpeg"),
        ("skjerm.Png", png_bytes(), "image/png"),
        ("uten-endelse", pdf_bytes(), "application/pdf"),  # type by content, not by name
        ("bilde.pdf", png_bytes(), "image/png"),
        ("akkurat-10-mb.pdf", pdf_bytes(MAX_UPLOAD_BYTES), "application/pdf"),
    ],
)
def test_the_validator_accepts_good_files_whatever_their_names(name, content, expected):
    assert validate_upload(as_upload(name, content, "application/octet-stream")) == expected


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd.pdf",
        "..\\..\\boot.ini.pdf",
        "/absolute/path/brev.pdf",
        "\x00\x07brev\r\n.pdf",
        "\u202ebrev.pdf",
        "x" * 5000 + ".pdf",
        "",
        "   ",
    ],
)
def test_a_hostile_name_is_neutralised_for_display(name):
    cleaned = clean_file_name(name)
    assert cleaned and len(cleaned) <= 150
    assert "/" not in cleaned and "\\" not in cleaned and ".." not in cleaned.split("/")
    assert all(ch.isprintable() for ch in cleaned)


# --- through the application's upload step --------------------------------------------


@pytest.fixture
def draft_client(client, db):
    from portal.roles import Role
    from referrals.demo import seed_service_types

    citizen = make_user(Role.CITIZEN, email="kari@example.no", full_name="Kari Nordmann")
    service_type = {s.slug: s for s in seed_service_types()}["dagaktivitet"]
    draft = make_draft(applicant=citizen, service_type=service_type)
    client.force_login(citizen, backend=MODEL_BACKEND)
    return client, draft


def upload_step(client, draft, *files):
    return client.post(
        f"/soknad/{draft.public_id}/vedlegg/", {"action": "upload", "files": list(files)}
    )


@pytest.mark.parametrize("case", hostile_params())
def test_the_upload_step_refuses_a_hostile_file_and_stores_nothing(draft_client, case):
    client, draft = draft_client
    # A NUL cannot travel in a multipart file name; send the content under a plain name
    # (the name itself is covered by the validator test above).
    name = "fil.pdf" if "\x00" in case.name else case.name
    response = upload_step(client, draft, as_upload(name, case.content))
    assert response.status_code == 422
    assert MESSAGES[case.code] in response.content.decode()
    assert Attachment.objects.count() == 0
    assert stored_files() == []


def test_a_file_part_with_an_empty_name_is_not_stored(draft_client):
    """Django cannot even build an UploadedFile named "" (SuspiciousFileOperation); a
    multipart part with filename="" must be dropped, not stored and not a 500."""
    client, draft = draft_client
    boundary = "BoUnDaRy"
    body = (
        (
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="action"\r\n\r\nupload\r\n'
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="files"; filename=""\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + HTML
        + f"\r\n--{boundary}--\r\n".encode()
    )
    response = client.post(
        f"/soknad/{draft.public_id}/vedlegg/",
        body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert response.status_code < 500
    assert Attachment.objects.count() == 0
    assert stored_files() == []


def test_a_good_file_next_to_a_hostile_one_is_stored_under_a_server_name(draft_client):
    client, draft = draft_client
    response = upload_step(
        client,
        draft,
        as_upload("../../etc/passwd.PDF", pdf_bytes()),
        as_upload("side.pdf", HTML),
    )
    assert response.status_code == 422
    (attachment,) = Attachment.objects.all()
    assert attachment.original_name == "passwd.PDF"
    files = stored_files()
    assert len(files) == 1
    assert files[0].resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert "passwd" not in files[0].name


def test_a_sixth_file_is_refused_and_not_stored(draft_client):
    client, draft = draft_client
    response = upload_step(client, draft, *[as_upload(f"f{i}.pdf", pdf_bytes()) for i in range(6)])
    assert "høyst 5 filer" in response.content.decode()
    assert Attachment.objects.count() == 5
    assert len(stored_files()) == 5


# --- PDFs: active content wherever it hides -------------------------------------------
#
# Each hostile PDF is built here with pikepdf, saved twice: with plain objects, and with
# every object it can packed into a compressed object stream (/ObjStm), where the names
# cannot be found in the file's bytes. Earlier revisions are built with pypdf's
# incremental writer, which appends an update to the file as editors and signing tools do.


def refusal_code(data: bytes, name: str = "brev.pdf") -> str | None:
    try:
        validate_upload(as_upload(name, data))
    except ValidationError as error:
        assert MESSAGES[error.code] in error.messages[0]
        return error.code
    return None


def test_every_variant_names_its_telltale():
    assert set(TELLTALE) == set(ACTIVE_VARIANTS)


@pytest.mark.parametrize("object_streams", [False, True], ids=["plain", "object-stream"])
@pytest.mark.parametrize("variant", sorted(ACTIVE_VARIANTS))
def test_a_pdf_with_active_content_is_refused_with_its_own_message(variant, object_streams):
    data = active_pdf(variant, object_streams=object_streams)
    if object_streams:
        assert b"/ObjStm" in data and TELLTALE[variant] not in data  # hidden from a byte scan
    else:
        assert TELLTALE[variant] in data
    assert refusal_code(data) == "pdf_active"


def test_an_escaped_name_in_an_object_stream_is_found():
    """qpdf decodes #xx escapes, also in the objects it unpacks from object streams."""
    data = xref_stream_pdf(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        },
        packed={4: b"<< /S /J#61vaScript /J#53 (app.alert(1)) >>"},
    )
    assert b"J#61vaScript" not in data and b"JavaScript" not in data
    assert refusal_code(data) == "pdf_active"


# --- PDFs: earlier revisions (incremental updates) ------------------------------------


@pytest.mark.parametrize("object_streams", [False, True], ids=["plain", "object-stream"])
def test_an_update_that_adds_javascript_is_refused(object_streams):
    clean = saved(one_page(), object_streams=object_streams)
    assert refusal_code(clean) is None
    assert refusal_code(updated(clean, add_open_action_javascript)) == "pdf_active"


@pytest.mark.parametrize("object_streams", [False, True], ids=["plain", "object-stream"])
def test_javascript_that_a_later_revision_replaced_is_still_refused(object_streams):
    """The script stays in the file; a reader showing the signed or original version
    (the revision before the update) runs it."""
    data = updated(
        active_pdf("open-action-javascript", object_streams=object_streams), remove_open_action
    )
    with pikepdf.Pdf.open(io.BytesIO(data)) as latest:
        assert "/OpenAction" not in latest.Root
    assert refusal_code(data) == "pdf_active"


def test_more_revisions_than_any_document_has_are_refused():
    data = saved(one_page(), object_streams=False)
    for number in range(MAX_REVISIONS):
        data = updated_by_hand(data, number)
    assert data.count(b"%%EOF") == MAX_REVISIONS + 1
    assert refusal_code(data) == "pdf_too_complex"


# --- PDFs: encrypted, damaged, and too big to check -----------------------------------


@pytest.mark.parametrize(
    "user_password",
    ["hemmelig", ""],  # "": opens without a password, the owner password restricts it
    ids=["user-password", "owner-password-only"],
)
def test_an_encrypted_pdf_is_refused(user_password):
    assert refusal_code(encrypted_pdf(user_password=user_password)) == "pdf_encrypted"


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data + zip_bytes("x.exe", "MZ"), id="zip-after-the-end"),
        pytest.param(lambda data: data + EXE, id="program-after-the-end"),
        pytest.param(
            lambda data: data.replace(b"startxref\n", b"startxref\n1", 1), id="wrong-startxref"
        ),
        pytest.param(
            lambda data: data.replace(
                b"/Type /Page ",
                b"/Type /Page /Deep " + b"[" * 1000 + b"/JavaScript" + b"]" * 1000 + b" ",
            ),
            id="nested-deeper-than-qpdf-reads",
        ),
    ],
)
def test_a_damaged_pdf_is_refused(damage):
    assert refusal_code(pdf_with(b"")) is None
    assert refusal_code(damage(pdf_with(b""))) == "pdf_damaged"


def test_a_pdf_without_pages_is_refused():
    data = raw_pdf(
        {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [] /Count 0 >>"}
    )
    assert refusal_code(data) == "pdf_damaged"


def test_deep_nesting_is_walked_without_recursion():
    deep = b"[" * 400 + b"<< /S /JavaScript >>" + b"]" * 400
    assert refusal_code(pdf_with(b"/Deep " + deep)) == "pdf_active"
    assert refusal_code(pdf_with(b"/Deep " + deep.replace(b"JavaScript", b"GoTo"))) is None


def test_a_million_objects_in_an_object_stream_are_refused_unread():
    data = xref_stream_pdf(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        },
        packed=dict.fromkeys(range(4, 1_000_004), b"0"),
    )
    assert len(data) < MAX_UPLOAD_BYTES
    assert refusal_code(data) == "pdf_too_complex"


def test_an_array_with_millions_of_elements_is_refused():
    data = xref_stream_pdf(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R /Big 4 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        },
        packed={4: b"[" + b"0 " * (MAX_ITEMS + 1) + b"]"},
    )
    assert len(data) < MAX_UPLOAD_BYTES
    assert refusal_code(data) == "pdf_too_complex"


def page_tree_and(extra: bytes) -> dict[int, bytes]:
    return {
        1: b"<< /Type /Catalog /Pages 2 0 R " + extra + b" >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    }


def test_a_small_file_that_would_take_gigabytes_to_read_is_refused_in_a_child_process():
    """Five million numbers in one compressed array: 40 kB of file, about 700 MB once
    qpdf has parsed them. The check's child process runs out of its memory; this
    process never holds them."""
    data = xref_stream_pdf(
        page_tree_and(b"/Big 4 0 R"), packed={4: b"[" + b"0 " * 5_000_000 + b"]"}
    )
    assert len(data) < 100_000
    before_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert refusal_code(data) == "pdf_too_complex"
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before_kb < 200_000


def test_an_object_stream_that_inflates_past_the_limit_is_refused():
    padding = b" " * (MAX_DECODED_STREAM_BYTES + 1)
    data = xref_stream_pdf(page_tree_and(b"/X 4 0 R"), packed={4: b"<< /A 1" + padding + b">>"})
    assert len(data) < 100_000
    assert refusal_code(data) == "pdf_too_complex"


def test_a_check_that_runs_out_of_time_refuses_the_file(monkeypatch):
    pdf = one_page()
    pdf.Root.Numbers = Array(range(10_000))
    data = saved(pdf, object_streams=True)
    assert refusal_code(data) is None
    monkeypatch.setattr(portal.pdfs, "MAX_SECONDS", 0)
    assert refusal_code(data) == "pdf_too_complex"


# --- PDFs that must pass ----------------------------------------------------------------


def test_a_pdf_made_by_weasyprint_with_outlines_and_links_passes():
    data = weasyprint_pdf()
    with pikepdf.Pdf.open(io.BytesIO(data)) as pdf:
        assert "/Outlines" in pdf.Root
        links = [a.get("/A", {}).get("/URI") for a in pdf.pages[0].obj.Annots]
        assert String("https://www.helsenorge.no/") in links
    assert refusal_code(data) is None


@pytest.mark.parametrize("linearize", [False, True], ids=["saved", "fast-web-view"])
@pytest.mark.parametrize("object_streams", [False, True], ids=["plain", "object-stream"])
def test_a_pdf_with_outlines_ordinary_links_and_an_initial_view_passes(object_streams, linearize):
    """Linearized ("fast web view") files have a second cross-reference section and
    %%EOF near the start when saved without object streams: read as a revision too."""
    data = pdf_with_outlines_and_links(object_streams=object_streams, linearize=linearize)
    assert (b"/Linearized" in data) == linearize
    assert refusal_code(data) is None


def test_an_open_action_that_only_shows_a_page_passes():
    goto = b"/OpenAction << /S /GoTo /D [10 0 R /FitH 800] >>"
    assert refusal_code(pdf_with(goto)) is None
    assert refusal_code(pdf_with(b"/OpenAction [10 0 R /Fit]")) is None


def test_harmless_updates_pass():
    data = saved(one_page(), object_streams=True)
    data = updated(data, lambda writer: writer.add_metadata({"/Title": "Legeerklæring"}))
    for number in range(3):
        data = updated_by_hand(data, number)
    assert refusal_code(data) is None
