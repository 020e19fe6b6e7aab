"""PDFs people upload (attachments): accepted only when qpdf reads them without repair
and no revision of them holds anything a PDF reader would run, open, fetch, submit or
unpack. Nothing is rendered or rewritten here; the file is stored as it came.

Every object is walked, whatever holds it: the objects qpdf lists in the cross-reference
tables (including those packed in compressed object streams, ``/ObjStm``) and, for files
saved with incremental updates, every earlier revision too (each ``%%EOF``-terminated
prefix of the file), because an object a later revision replaced is still in the file
and a reader showing the signed or original version reads it.

qpdf runs in a forked child process, limited in memory and CPU time: a file of a few
hundred kilobytes can make a PDF parser build tens of millions of objects (a compressed
array of zeros), and a bug in a C++ parser given a hostile file must not take a web
worker down. Within the child the walk is bounded too (objects, entries, revisions,
seconds), so that each refusal says which limit was hit.
"""

import contextlib
import enum
import io
import math
import os
import re
import resource
import select
import signal
import time
import traceback
import warnings

import pikepdf
import pikepdf.settings
from pikepdf import ObjectType


class Refusal(enum.StrEnum):
    """Why a PDF is refused; the values are the codes of the upload's ValidationError."""

    DAMAGED = "pdf_damaged"
    ENCRYPTED = "pdf_encrypted"
    ACTIVE = "pdf_active"
    TOO_COMPLEX = "pdf_too_complex"


# Names that run code (/JavaScript, /JS), fire actions by themselves (the additional
# actions /AA of the document, pages, fields and annotations), open or fetch other files
# (/Launch, /GoToR, /GoToE, /ImportData), send data away (/SubmitForm), or carry files
# and players (/EmbeddedFile(s); /EF and /FileAttachment, which embed a file without
# naming /EmbeddedFile; /RichMedia; XFA forms). Refused anywhere, as a dictionary key or
# as a value: /S /Launch, /Names << /JavaScript … >>, /AcroForm << /XFA … >> alike. qpdf
# decodes #xx escapes, so /J#61vaScript is /JavaScript.
ACTIVE_NAMES = frozenset(
    {
        "/JavaScript",
        "/JS",
        "/AA",
        "/Launch",
        "/GoToR",
        "/GoToE",
        "/ImportData",
        "/SubmitForm",
        "/EmbeddedFile",
        "/EmbeddedFiles",
        "/EF",
        "/FileAttachment",
        "/RichMedia",
        "/XFA",
    }
)
# The document's /OpenAction may only show a page: LaTeX (hyperref), Acrobat's "initial
# view" and many scanner apps write /OpenAction [page /Fit] or << /S /GoTo /D … >>. Any
# other action there runs when the file is opened (a /URI calls a web server home).
OPEN_ACTION_KEY = "/OpenAction"
# A link (/URI action) may lead to a web page, an e-mail address or a phone number; a
# javascript:, file: or data: link runs code or opens something on the reader's machine.
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URI_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
CONTROL_AND_SPACE = re.compile(r"[\x00-\x20\x7f]+")

# Bounds on the work for one file, so that a small hostile file (a million objects in a
# compressed object stream, huge arrays, hundreds of revisions) cannot hold a request.
# A 1,000-page letter has about 10,000 objects and 150,000 dictionary entries and array
# elements; walking one million takes about one second here.
MAX_OBJECTS = 100_000  # per revision
MAX_ITEMS = 2_000_000  # dictionary entries and array elements, all revisions together
MAX_REVISIONS = 32
MAX_SECONDS = 5.0
_CHECK_CLOCK_EVERY = 4096
# The child's limits: address space on top of what it has mapped at the start (qpdf
# needs about 150 bytes for each number in an array), and CPU seconds; past them the
# child dies and the file is refused as too complex.
MAX_CHILD_MEMORY_BYTES = 512 * 1024 * 1024
# qpdf decodes cross-reference and object streams itself, whole, in memory: a few
# kilobytes of Flate can inflate to gigabytes. Real ones hold a few megabytes at most.
# (Process-wide qpdf settings, set on import, so also in the child.)
MAX_DECODED_STREAM_BYTES = 16 * 1024 * 1024
pikepdf.settings.set_qpdf_limits(
    flate_max_memory=MAX_DECODED_STREAM_BYTES,
    png_max_memory=MAX_DECODED_STREAM_BYTES,
    tiff_max_memory=MAX_DECODED_STREAM_BYTES,
    run_length_max_memory=MAX_DECODED_STREAM_BYTES,
)
# qpdf's warnings when a decoder stops at its limit or the child runs out of memory
# (qpdf then reads the object as null).
STOPPED_BY_A_LIMIT = ("memory limit exceeded", "std::bad_alloc")

# A browser that sniffs a file it was told is something else looks at its first bytes:
# markup there makes a PDF a web page as well.
HTML_MARKUP = re.compile(rb"<\s*(html|script|body|iframe|svg)", re.IGNORECASE)
HTML_SNIFF_BYTES = 65536
END_OF_FILE = re.compile(rb"%%EOF")
# qpdf warnings about slips that every reader handles the same way (pypdf's incremental
# updates, for one, leave their own cross-reference stream out of its table).
BENIGN_WARNINGS = ("xref entry for the xref stream itself is missing",)
PDF_WHITESPACE = b"\x00\t\n\x0c\r "


class _TooComplex(Exception):
    """The walk ran over its object, item or time budget."""


class _Budget:
    def __init__(self, seconds: float) -> None:
        self.items_left = MAX_ITEMS
        self.deadline = time.monotonic() + seconds

    def spend(self, items: int) -> None:
        before = self.items_left
        self.items_left -= items
        if self.items_left < 0:
            raise _TooComplex
        if before // _CHECK_CLOCK_EVERY != self.items_left // _CHECK_CLOCK_EVERY:
            self.check_clock()

    def check_clock(self) -> None:
        if time.monotonic() > self.deadline:
            raise _TooComplex


def pdf_refusal(data: bytes) -> Refusal | None:
    """None for a PDF we accept; otherwise why it is refused.

    Encrypted PDFs are refused, even those that open without a password (an owner
    password only restricts printing or copying): without the key the objects in their
    compressed object streams cannot be read, so they cannot be checked, and caseworkers
    must be able to print, copy and archive what a citizen sends.
    """
    if HTML_MARKUP.search(data, 0, HTML_SNIFF_BYTES):
        return Refusal.ACTIVE
    ends = [match.end() for match in END_OF_FILE.finditer(data)]
    # Nothing but whitespace after the last %%EOF: a ZIP or web page appended to a PDF
    # makes a file that other programs open as that.
    if not ends or data[ends[-1] :].strip(PDF_WHITESPACE):
        return Refusal.DAMAGED
    if len(ends) > MAX_REVISIONS:
        return Refusal.TOO_COMPLEX
    return _in_child(data, ends, seconds=MAX_SECONDS)


def _in_child(data: bytes, ends: list[int], *, seconds: float) -> Refusal | None:
    """Inspect in a forked child (cheap: the pages of this process are shared until
    written) that sends back its answer through a pipe ("-" for none).

    The web workers are single-threaded (gunicorn's sync workers). Where another thread
    runs (a test runner's, a threaded server), Python warns that a lock another thread
    held at the fork stays locked in the child; the child takes none of the locks this
    project's threads use (it only parses, in pikepdf, and writes to its pipe), and a
    child that hung all the same is killed at the deadline and the file refused."""
    # No pipe or process to be had (the machine is out of them): refused, not a 500.
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return Refusal.TOO_COMPLEX
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings(
                "ignore", "This process .* is multi-threaded", DeprecationWarning
            )
            pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return Refusal.TOO_COMPLEX
    if pid == 0:  # the child: never returns
        code = 1
        try:
            os.close(read_end)
            refusal = _limited_inspect(data, ends, seconds=seconds)
            os.write(write_end, refusal.value.encode() if refusal else b"-")
            code = 0
        except BaseException:
            traceback.print_exc()  # a bug here must show in the log, not only as refusals
        finally:
            os._exit(code)
    os.close(write_end)
    try:
        # The child's CPU limit ends it; the wall clock also covers a machine so busy
        # that the child gets little CPU.
        ready, _, _ = select.select([read_end], [], [], 2 * seconds + 5)
        answer = os.read(read_end, 64).decode() if ready else ""
    finally:
        os.close(read_end)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    if not answer:  # the child died (out of memory or CPU time, or a crash in qpdf)
        return Refusal.TOO_COMPLEX
    return None if answer == "-" else Refusal(answer)


def _limited_inspect(data: bytes, ends: list[int], *, seconds: float) -> Refusal | None:
    with open("/proc/self/statm") as statm:
        mapped = int(statm.read().split()[0]) * resource.getpagesize()
    memory = mapped + MAX_CHILD_MEMORY_BYTES
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = math.ceil(seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core file when the CPU limit ends it
    try:
        return _inspect(data, ends, seconds=seconds)
    except MemoryError:
        return Refusal.TOO_COMPLEX


def _inspect(data: bytes, ends: list[int], *, seconds: float) -> Refusal | None:
    budget = _Budget(seconds)
    seen: set[tuple[int, int, int]] = set()
    try:
        refusal = _check_document(data, budget=budget, seen=seen)
        if refusal is not None:
            return refusal
        for end in ends[:-1]:
            budget.check_clock()
            if _earlier_revision_is_active(data[:end], budget=budget, seen=seen):
                return Refusal.ACTIVE
    except _TooComplex:
        return Refusal.TOO_COMPLEX
    return None


def _check_document(data: bytes, *, budget: _Budget, seen: set) -> Refusal | None:
    """The document as a reader opens it: it must read without repair or warnings."""
    try:
        pdf = pikepdf.Pdf.open(
            io.BytesIO(data), attempt_recovery=False, inherit_page_attributes=False
        )
    except pikepdf.PasswordError:
        return Refusal.ENCRYPTED
    except MemoryError:
        raise
    except Exception:  # qpdf reports a broken file in several exception types
        return Refusal.DAMAGED
    with pdf:
        if pdf.is_encrypted:
            return Refusal.ENCRYPTED
        try:
            if _has_active_content(pdf, budget=budget, seen=seen, tolerant=False):
                return Refusal.ACTIVE
        except (_TooComplex, MemoryError):
            raise
        except Exception:
            return _refusal_for_warnings(pdf) or Refusal.DAMAGED
        # Taken before the pages are counted: qpdf's own repairs of the page tree (a page
        # without /Resources) do not count.
        refusal = _refusal_for_warnings(pdf)
        if refusal is not None:
            return refusal
        try:
            if len(pdf.pages) == 0:
                return Refusal.DAMAGED
        except MemoryError:
            raise
        except Exception:
            return Refusal.DAMAGED
    return None


def _refusal_for_warnings(pdf: pikepdf.Pdf) -> Refusal | None:
    """A warning means qpdf skipped or guessed something (a dropped, too deeply nested
    object, a bad offset) that another reader may read differently; or that a decoder
    stopped at its memory limit."""
    warnings = [
        warning
        for warning in pdf.get_warnings()
        if not any(benign in warning for benign in BENIGN_WARNINGS)
    ]
    if _stopped_by_a_limit(warnings):
        return Refusal.TOO_COMPLEX
    return Refusal.DAMAGED if warnings else None


def _stopped_by_a_limit(warnings: list[str]) -> bool:
    return any(stop in warning for warning in warnings for stop in STOPPED_BY_A_LIMIT)


def _earlier_revision_is_active(prefix: bytes, *, budget: _Budget, seen: set) -> bool:
    """An earlier revision, read as a reader would read it (repaired if need be; a
    ``%%EOF`` inside stream data gives a prefix that is no revision and may not open)."""
    try:
        pdf = pikepdf.Pdf.open(io.BytesIO(prefix), inherit_page_attributes=False)
    except MemoryError:
        raise
    except Exception:
        return False
    with pdf:
        active = _has_active_content(pdf, budget=budget, seen=seen, tolerant=True)
        if not active and _stopped_by_a_limit(pdf.get_warnings()):
            raise _TooComplex  # part of it could not be read
        return active


def _has_active_content(pdf: pikepdf.Pdf, *, budget: _Budget, seen: set, tolerant: bool) -> bool:
    """Walk the trailer and every object in the cross-reference table, each on its own:
    references are not followed (the object they lead to is in the table too), so the
    walk is iterative, linear in the file and never loops. ``seen`` holds the objects
    at a file offset walked before (in another revision): the same bytes, skipped.
    Compressed objects are always walked: their object stream may differ by revision."""
    size = pdf.trailer.get("/Size", 0)
    if isinstance(size, int) and size > MAX_OBJECTS + 1:
        raise _TooComplex
    xref = pdf.get_xref_table()
    if len(xref) > MAX_OBJECTS:
        raise _TooComplex
    if _is_active(pdf.trailer, budget):
        return True
    for (number, generation), entry in xref.items():
        if entry.type == 0:  # a free entry
            continue
        if entry.type == 1:
            key = (number, generation, entry.offset)
            if key in seen:
                continue
            seen.add(key)
        try:
            if _is_active(pdf.get_object(number, generation), budget):
                return True
        except (_TooComplex, MemoryError):
            raise
        except Exception:
            if not tolerant:
                raise
    return False


def _is_active(root: pikepdf.Object, budget: _Budget) -> bool:
    stack = [root]
    while stack:
        obj = stack.pop()
        type_code = obj._type_code
        if type_code in (ObjectType.dictionary, ObjectType.stream):
            entries = list(obj.items())
            budget.spend(len(entries) + 1)
            for key, value in entries:
                if key in ACTIVE_NAMES:
                    return True
                if key == OPEN_ACTION_KEY and not _only_shows_a_page(value):
                    return True
                if key == "/URI" and _is_unsafe_link(value):
                    return True
                if isinstance(value, pikepdf.Object) and not value.is_indirect:
                    stack.append(value)
        elif type_code == ObjectType.array:
            budget.spend(len(obj) + 1)
            stack.extend(
                value
                for value in obj
                if isinstance(value, pikepdf.Object) and not value.is_indirect
            )
        elif type_code == ObjectType.name_ and _name(obj) in ACTIVE_NAMES:
            return True
    return False


def _only_shows_a_page(open_action: object) -> bool:
    """A destination (an array such as [page /Fit], or a named destination) or a /GoTo
    action with no /Next action after it."""
    if isinstance(open_action, pikepdf.Array | pikepdf.String | pikepdf.Name):
        return True
    return (
        isinstance(open_action, pikepdf.Dictionary)
        and open_action.get("/S") == pikepdf.Name.GoTo
        and "/Next" not in open_action
    )


def _name(name: pikepdf.Object) -> str:
    try:
        return str(name)
    except UnicodeDecodeError:  # not UTF-8, so none of the (ASCII) names we look for
        return ""


def _is_unsafe_link(value: object) -> bool:
    if not isinstance(value, pikepdf.String):
        return False
    # Browsers ignore control characters and spaces in a scheme ("java\tscript:").
    uri = CONTROL_AND_SPACE.sub("", bytes(value).decode("latin-1"))
    scheme = URI_SCHEME.match(uri)
    return scheme is not None and scheme.group(1).lower() not in LINK_SCHEMES
