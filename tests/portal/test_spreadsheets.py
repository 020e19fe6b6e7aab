"""CSV for spreadsheets (portal.documents.spreadsheets): no cell runs as a formula."""

import pytest

from portal.documents.spreadsheets import csv_bytes, spreadsheet_safe


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+47 900", "'+47 900"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("Åse", "Åse"),
        (None, ""),
        (7.5, "7.5"),
    ],
)
def test_spreadsheet_safe(value, expected):
    assert spreadsheet_safe(value) == expected


def test_csv_bytes_has_a_byte_order_mark_semicolons_and_safe_cells():
    body = csv_bytes(["navn", "timer"], [["=HYPERLINK(1)", 3], ["Øyvind", "+1"]])
    assert body.startswith("\ufeff".encode())
    assert body.decode("utf-8-sig").splitlines() == [
        "navn;timer",
        "'=HYPERLINK(1);3",
        "Øyvind;'+1",
    ]
