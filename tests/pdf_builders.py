"""PDFs built in code for the upload tests: valid ones written by hand (so that what
refuses them is their content, not their form), active content in every place it can
hide, saved with plain objects or packed in compressed object streams (pikepdf), and
incremental updates (pypdf's incremental writer, as editors and signing tools append)."""

import io
import itertools
import struct
import zlib

import pikepdf
import weasyprint
from pikepdf import Array, Dictionary, Name, String
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

# The start of a Windows program: what an embedded or launched file would be.
PROGRAM = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"
)


def raw_pdf(objects: dict[int, bytes]) -> bytes:
    """A PDF written by hand: object number → body, with a correct cross-reference
    table, so that whatever refuses it is the check of its content, not its form.
    Object 1 must be the catalog."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number, body in sorted(objects.items()):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += (
            b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 00000 f \n"
        )
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def xref_stream_pdf(plain: dict[int, bytes], packed: dict[int, bytes]) -> bytes:
    """A PDF written by hand: the objects in ``plain`` as they are, those in ``packed``
    in one compressed object stream, and a cross-reference stream for all of them."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    entries = {0: (0, 0, 65535)}
    for number, body in sorted(plain.items()):
        entries[number] = (1, len(out), 0)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    stream_number = max([*plain, *packed]) + 1
    numbers = sorted(packed)
    offsets = itertools.accumulate((len(packed[n]) + 1 for n in numbers), initial=0)
    header = b" ".join(b"%d %d" % pair for pair in zip(numbers, offsets, strict=False)) + b" "
    content = zlib.compress(header + b"".join(packed[n] + b"\n" for n in numbers), 1)
    entries.update((n, (2, stream_number, index)) for index, n in enumerate(numbers))
    entries[stream_number] = (1, len(out), 0)
    out += b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\n" % (
        stream_number,
        len(packed),
        len(header),
        len(content),
    )
    out += b"stream\n" + content + b"\nendstream\nendobj\n"
    xref_number = stream_number + 1
    entries[xref_number] = (1, len(out), 0)
    row = struct.Struct(">BII").pack
    rows = zlib.compress(
        b"".join(row(*entries.get(n, (0, 0, 0))) for n in range(xref_number + 1)), 1
    )
    out += b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 4] /Root 1 0 R /Filter /FlateDecode" % (
        xref_number,
        xref_number + 1,
    )
    out += b" /Length %d >>\nstream\n" % len(rows) + rows + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % entries[xref_number][1]
    return bytes(out)


def pdf_with(catalog_extra: bytes, objects: dict[int, bytes] | None = None) -> bytes:
    """A valid one-page PDF whose catalog holds ``catalog_extra``."""
    return raw_pdf(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
            2: b"<< /Type /Pages /Kids [10 0 R] /Count 1 >>",
            10: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
            **(objects or {}),
        }
    )


def one_page() -> pikepdf.Pdf:
    pdf = pikepdf.Pdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    return pdf


def saved(pdf: pikepdf.Pdf, *, object_streams: bool, linearize: bool = False) -> bytes:
    buffer = io.BytesIO()
    mode = pikepdf.ObjectStreamMode.generate if object_streams else pikepdf.ObjectStreamMode.disable
    pdf.save(buffer, object_stream_mode=mode, static_id=True, linearize=linearize)
    return buffer.getvalue()


def javascript(code: str = "app.alert(1)") -> Dictionary:
    return Dictionary(S=Name.JavaScript, JS=String(code))


def web_link(url: str = "https://www.example.no/") -> Dictionary:
    return Dictionary(S=Name.URI, URI=String(url))


def add_annotation(pdf: pikepdf.Pdf, **fields) -> None:
    annotation = pdf.make_indirect(
        Dictionary({"/Type": Name.Annot, "/Subtype": Name.Link, "/Rect": [50, 50, 250, 80]})
    )
    for key, value in fields.items():
        annotation[f"/{key}"] = value
    page = pdf.pages[0].obj
    page.Annots = pdf.make_indirect(Array([*page.get("/Annots", Array()), annotation]))


def add_outline(pdf: pikepdf.Pdf, title: str, action: Dictionary | None = None) -> None:
    with pdf.open_outline() as outline:
        item = pikepdf.OutlineItem(title, 0)
        outline.root.append(item)
    if action is not None:
        pdf.Root.Outlines.Last.A = pdf.make_indirect(action)


def embedded_file(pdf: pikepdf.Pdf) -> pikepdf.Stream:
    # No /Type /EmbeddedFile: it is optional, and the file is embedded all the same.
    return pdf.make_stream(PROGRAM)


ACTIVE_VARIANTS = {
    "outline-item-javascript": lambda pdf: add_outline(pdf, "Vedlegg", javascript()),
    "annotation-additional-action": lambda pdf: add_annotation(
        pdf, A=web_link(), AA=Dictionary(E=web_link("https://tracker.example/"))
    ),
    "link-next-javascript": lambda pdf: add_annotation(
        pdf, A=Dictionary(S=Name.URI, URI=String("https://www.example.no/"), Next=javascript())
    ),
    "open-action-javascript": lambda pdf: setattr(pdf.Root, "OpenAction", javascript()),
    "open-action-web-link": lambda pdf: setattr(
        pdf.Root, "OpenAction", web_link("https://tracker.example/")
    ),
    "open-action-goto-then-web-link": lambda pdf: setattr(
        pdf.Root,
        "OpenAction",
        Dictionary(S=Name.GoTo, D=[pdf.pages[0].obj, Name.Fit], Next=web_link()),
    ),
    "page-additional-action": lambda pdf: setattr(
        pdf.pages[0].obj, "AA", Dictionary(O=Dictionary(S=Name.GoTo, D=[0, Name.Fit]))
    ),
    "document-javascript-name-tree": lambda pdf: setattr(
        pdf.Root,
        "Names",
        Dictionary(JavaScript=Dictionary(Names=[String("init"), pdf.make_indirect(javascript())])),
    ),
    "launch-action": lambda pdf: add_annotation(
        pdf, A=Dictionary(S=Name.Launch, F=String("C:\\Windows\\System32\\calc.exe"))
    ),
    "submit-form-action": lambda pdf: add_annotation(
        pdf,
        A=Dictionary(
            S=Name.SubmitForm, F=Dictionary(FS=Name.URL, F=String("https://collector.example/"))
        ),
    ),
    "import-data-action": lambda pdf: add_annotation(
        pdf, A=Dictionary(S=Name.ImportData, F=String("data.fdf"))
    ),
    "goto-embedded-action": lambda pdf: add_annotation(
        pdf, A=Dictionary(S=Name.GoToE, NewWindow=True, T=Dictionary(R=Name.C, N=String("x")))
    ),
    "goto-remote-action": lambda pdf: add_annotation(
        pdf, A=Dictionary(S=Name.GoToR, F=String("\\\\server\\share\\x.pdf"), D=[0, Name.Fit])
    ),
    "rich-media-annotation": lambda pdf: add_annotation(pdf, Subtype=Name.RichMedia),
    "embedded-files-name-tree": lambda pdf: pdf.attachments.__setitem__(
        "faktura.exe", pikepdf.AttachedFileSpec(pdf, PROGRAM, filename="faktura.exe")
    ),
    "file-specification-with-embedded-file": lambda pdf: setattr(
        pdf.Root,
        "Extra",
        Dictionary(Type=Name.Filespec, F=String("x.exe"), EF=Dictionary(F=embedded_file(pdf))),
    ),
    "file-attachment-annotation": lambda pdf: add_annotation(
        pdf, Subtype=Name.FileAttachment, Contents=String("Vedlegg")
    ),
    "xfa-form": lambda pdf: setattr(
        pdf.Root,
        "AcroForm",
        Dictionary(Fields=Array(), XFA=Array([String("template"), pdf.make_stream(b"<xdp/>")])),
    ),
    "javascript-link": lambda pdf: add_annotation(pdf, A=web_link("javascript:app.alert(1)")),
    "javascript-link-with-tab": lambda pdf: add_annotation(
        pdf, A=web_link(" JAVA\tSCRIPT:app.alert(1)")
    ),
    "file-link": lambda pdf: add_annotation(pdf, A=web_link("file:///C:/Windows/calc.exe")),
}

# What a byte scan would look for in each variant; none of it is in the bytes of the
# object-stream variant.
TELLTALE = {
    "outline-item-javascript": b"/JavaScript",
    "annotation-additional-action": b"/AA",
    "link-next-javascript": b"/JavaScript",
    "open-action-javascript": b"/JavaScript",
    "open-action-web-link": b"/OpenAction",
    "open-action-goto-then-web-link": b"/Next",
    "page-additional-action": b"/AA",
    "document-javascript-name-tree": b"/JavaScript",
    "launch-action": b"/Launch",
    "submit-form-action": b"/SubmitForm",
    "import-data-action": b"/ImportData",
    "goto-embedded-action": b"/GoToE",
    "goto-remote-action": b"/GoToR",
    "rich-media-annotation": b"/RichMedia",
    "embedded-files-name-tree": b"/EmbeddedFiles",
    "file-specification-with-embedded-file": b"/EF",
    "file-attachment-annotation": b"/FileAttachment",
    "xfa-form": b"/XFA",
    "javascript-link": b"javascript:",
    "javascript-link-with-tab": b"SCRIPT:",
    "file-link": b"file:",
}


def active_pdf(variant: str, *, object_streams: bool) -> bytes:
    pdf = one_page()
    ACTIVE_VARIANTS[variant](pdf)
    return saved(pdf, object_streams=object_streams)


def updated(data: bytes, change) -> bytes:
    """``data`` with an incremental update appended by pypdf, after ``change(writer)``."""
    writer = PdfWriter(io.BytesIO(data), incremental=True)
    change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    updated_data = buffer.getvalue()
    assert updated_data.startswith(data) and updated_data.count(b"%%EOF") == 2
    return updated_data


def add_open_action_javascript(writer: PdfWriter) -> None:
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("x")}
    )


def remove_open_action(writer: PdfWriter) -> None:
    del writer._root_object["/OpenAction"]


def updated_by_hand(data: bytes, number: int) -> bytes:
    """An incremental update that changes the document's title (a new /Info object)."""
    with pikepdf.Pdf.open(io.BytesIO(data)) as pdf:
        size = int(pdf.trailer.Size)
        root = pdf.Root.objgen[0]
    previous = int(data.rsplit(b"startxref", 1)[1].split()[0])
    offset = len(data)
    body = b"%d 0 obj\n<< /Title (Versjon %d) >>\nendobj\n" % (size, number)
    xref = offset + len(body)
    return (
        data
        + body
        + b"xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \n" % (size, offset)
        + b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /Prev %d >>\n"
        % (size + 1, root, size, previous)
        + b"startxref\n%d\n%%%%EOF\n" % xref
    )


def weasyprint_pdf() -> bytes:
    html = (
        "<html lang='nb'><body>"
        "<h1>Legeerklæring</h1><p>Se <a href='https://www.helsenorge.no/'>helsenorge.no</a>"
        " eller skriv til <a href='mailto:post@kommune.no'>post@kommune.no</a>.</p>"
        "<h2 id='vurdering'>Vurdering</h2><p>Tilbake til <a href='#vurdering'>vurderingen</a>.</p>"
        "</body></html>"
    )
    return weasyprint.HTML(string=html).write_pdf()


def pdf_with_outlines_and_links(*, object_streams: bool, linearize: bool = False) -> bytes:
    pdf = one_page()
    pdf.add_blank_page(page_size=(595, 842))
    add_outline(pdf, "Side 1")
    add_outline(pdf, "Nettsiden", web_link())
    add_annotation(pdf, A=web_link("https://www.nav.no/aa"))  # /aa in a link is no /AA
    add_annotation(pdf, A=web_link("mailto:post@kommune.no"))
    add_annotation(pdf, A=web_link("vedlegg/side2.html"))  # relative
    add_annotation(pdf, Dest=[pdf.pages[1].obj, Name.Fit])
    pdf.Root.OpenAction = Array([pdf.pages[0].obj, Name.Fit])  # as LaTeX writes it
    return saved(pdf, object_streams=object_streams, linearize=linearize)


def encrypted_pdf(*, user_password: str) -> bytes:
    buffer = io.BytesIO()
    one_page().save(buffer, encryption=pikepdf.Encryption(user=user_password, owner="eier"))
    return buffer.getvalue()
