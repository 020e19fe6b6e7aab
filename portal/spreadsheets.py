"""Cells for CSV files that staff open in a spreadsheet."""


def spreadsheet_safe(value: object) -> str:
    """Text for a CSV cell; a leading =, +, - or @ (or a tab or carriage return) is
    neutralised so that a spreadsheet never runs it as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text
