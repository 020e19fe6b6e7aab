"""Charts drawn on the server as SVG: no JavaScript, and nothing a strict Content
Security Policy would block (no ``style`` attributes or elements; colours and sizes are
SVG presentation attributes).

Each chart is an image for assistive technology: ``role="img"`` named by its
``<title>`` and described by its ``<desc>`` (``aria-labelledby``). The page puts the
same numbers in a table right next to it. Every text is escaped here.
"""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

# Colours with at least 3:1 contrast against white (WCAG 2.1, 1.4.11), told apart by
# the legend and the table as well as by colour.
COLOURS = ["#1e5aa0", "#a14f00", "#2e7d32", "#6a1b9a"]
TEXT = "#1f2328"
GRID = "#8c959f"

WIDTH = 640
HEIGHT = 280
LEFT = 48
RIGHT = 16
TOP = 40
BOTTOM = 48


@dataclass(frozen=True)
class Series:
    label: str
    values: list[float]


def nice_maximum(value: float) -> float:
    """A round number at or above ``value`` for the top of the axis (2, 4, 6, 8 or
    10 × 10ⁿ, at least 2), so that the middle grid line is a whole number too."""
    if value <= 2:
        return 2
    magnitude = 1
    while magnitude * 10 <= value:
        magnitude *= 10
    for step in (2, 4, 6, 8, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    categories: list[str],
    series: list[Series],
    maximum: float | None = None,
    unit: str = "",
) -> SafeString:
    """A vertical bar chart, one group of bars per category and one bar per series.

    ``chart_id`` makes the ids of the title and description unique on the page.
    ``maximum`` fixes the top of the axis (100 for percentages); else it is rounded up
    from the largest value.
    """
    top_value = maximum or nice_maximum(max((v for s in series for v in s.values), default=0))
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    group_width = plot_width / max(len(categories), 1)
    bar_width = group_width * 0.8 / max(len(series), 1)

    parts: list[SafeString] = []
    # Legend along the top.
    for index, item in enumerate(series):
        x = LEFT + index * 160
        parts.append(
            format_html(
                '<rect x="{}" y="12" width="12" height="12" fill="{}"/>'
                '<text x="{}" y="22" font-size="12" fill="{}">{}</text>',
                x,
                COLOURS[index % len(COLOURS)],
                x + 18,
                TEXT,
                item.label,
            )
        )
    # Axis and grid lines at 0, ½ and the top.
    for fraction in (0, 0.5, 1):
        y = round(TOP + plot_height * (1 - fraction), 1)
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>'
                '<text x="{}" y="{}" font-size="11" text-anchor="end" fill="{}">{}{}</text>',
                LEFT,
                y,
                WIDTH - RIGHT,
                y,
                GRID,
                LEFT - 6,
                y + 4,
                TEXT,
                _number(top_value * fraction),
                unit,
            )
        )
    for group, category in enumerate(categories):
        group_x = LEFT + group * group_width + group_width * 0.1
        for index, item in enumerate(series):
            value = item.values[group] if group < len(item.values) else 0
            height = round(plot_height * min(value, top_value) / top_value, 1) if value else 0
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                    round(group_x + index * bar_width, 1),
                    round(TOP + plot_height - height, 1),
                    round(bar_width * 0.9, 1),
                    height,
                    COLOURS[index % len(COLOURS)],
                )
            )
        # A category label may have a second line ("jan\n2026").
        centre = round(LEFT + group * group_width + group_width / 2, 1)
        lines = format_html_join(
            "",
            '<tspan x="{}" dy="{}">{}</tspan>',
            (
                (centre, 0 if index == 0 else 14, line)
                for index, line in enumerate(category.split("\n"))
            ),
        )
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="{}">{}</text>',
                centre,
                HEIGHT - BOTTOM + 18,
                TEXT,
                lines,
            )
        )
    body = mark_safe("".join(parts))  # noqa: S308 - every part built with format_html
    return format_html(
        '<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
        'width="100%" role="img" aria-labelledby="{}-title {}-desc" focusable="false">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        HEIGHT,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        body,
    )


def describe(categories: list[str], series: list[Series], unit: str = "") -> str:
    """A plain-language description of every value, for ``<desc>``."""
    return "; ".join(
        f"{category.replace(chr(10), ' ')}: "
        + ", ".join(
            f"{item.label} {_number(item.values[index])}{unit}"
            for item in series
            if index < len(item.values)
        )
        for index, category in enumerate(categories)
    )


__all__ = ["Series", "bar_chart", "describe", "nice_maximum"]
