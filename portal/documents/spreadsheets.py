"""CSV files meant to be opened in a spreadsheet: no cell runs as a formula."""

import csv
import io
from collections.abc import Iterable, Sequence


def spreadsheet_safe(value: object) -> str:
    """Text for a CSV cell; a leading =, +, - or @ (or a tab or carriage return) is
    neutralised so that a spreadsheet never runs it as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def csv_bytes(header: Sequence[object], rows: Iterable[Sequence[object]]) -> bytes:
    """Every cell ``spreadsheet_safe``; UTF-8 with a byte order mark and semicolons, as
    Excel in Norway opens it directly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([spreadsheet_safe(label) for label in header])
    for row in rows:
        writer.writerow([spreadsheet_safe(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
