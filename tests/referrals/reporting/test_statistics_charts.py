"""The server-drawn SVG charts on /saksbehandling/statistikk/: accessible images with
the numbers in a table next to them, nothing a strict CSP would block."""

import re

from referrals.reporting.charts import Series, bar_chart, describe, nice_maximum
from tests.referrals.casework.factories import decide, take

URL = "/saksbehandling/statistikk/"


def chart(**kwargs):
    defaults = {
        "chart_id": "c1",
        "title": "Mottatt og vedtak",
        "description": "jan: 3",
        "categories": ["jan", "feb"],
        "series": [Series("Mottatt", [3, 6]), Series("Vedtak", [0, 2])],
    }
    defaults.update(kwargs)
    return str(bar_chart(**defaults))


def test_it_is_an_image_named_by_its_title_and_described_by_its_desc():
    svg = chart()
    assert svg.startswith("<svg ")
    assert 'role="img"' in svg
    assert 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">Mottatt og vedtak</title>' in svg
    assert '<desc id="c1-desc">jan: 3</desc>' in svg


def test_it_uses_no_style_attributes_or_scripts():
    svg = chart()
    assert "style" not in svg
    assert "<script" not in svg
    assert " on" not in svg.lower().replace(" one", "")


def test_it_escapes_every_text():
    svg = chart(
        title="<script>x</script>",
        description='"&',
        categories=["<b>"],
        series=[Series("<i>", [1])],
    )
    assert "<script>" not in svg and "<b>" not in svg and "<i>" not in svg
    assert "&lt;script&gt;" in svg and "&lt;b&gt;" in svg and "&quot;&amp;" in svg


def test_bar_heights_are_proportional_to_the_values():
    svg = chart(series=[Series("Mottatt", [5, 10])], maximum=10)
    heights = [
        float(h)
        for h in re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)"', svg)
    ]
    bars = heights[1:]  # the first rect is the legend's swatch
    assert bars[1] == 2 * bars[0]


def test_a_value_above_the_maximum_is_capped_and_zero_draws_no_bar():
    svg = chart(series=[Series("Utnyttelse", [150, 0])], maximum=100)
    heights = re.findall(r'height="([\d.]+)" fill', svg)
    assert [float(h) for h in heights[1:]] == [192, 0]


def test_the_axis_top_is_a_round_number():
    assert [nice_maximum(v) for v in (0, 1, 3, 7, 12, 48, 101)] == [2, 2, 4, 8, 20, 60, 200]


def test_a_category_label_can_have_a_second_line():
    svg = chart(categories=["jan\n2026", "feb"])
    assert '<tspan x="192.0" dy="0">jan</tspan><tspan x="192.0" dy="14">2026</tspan>' in svg
    assert describe(["jan\n2026"], [Series("Mottatt", [1])]) == "jan 2026: Mottatt 1"


def test_the_description_reads_every_value():
    text = describe(["man", "tir"], [Series("Utnyttelse", [50, 100])], unit=" %")
    assert text == "man: Utnyttelse 50 %; tir: Utnyttelse 100 %"


def test_the_page_shows_both_charts_each_with_its_table(world, login):
    decide(take(world.case, world.staff.north), world.staff.north, offer=world.offer)
    body = login(world.staff.north).get(URL).content.decode()
    for chart_id, caption_id in (
        ("chart-flow", "flow-table-caption"),
        ("chart-use", "use-table-caption"),
    ):
        assert f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in body
        assert body.index(chart_id) < body.index(caption_id)  # the table follows the chart
    assert "style=" not in body
    assert "Mottatt 1, Vedtak 1" in body  # this month, in the description
    assert "tirsdag: Utnyttelse (prosent) 10 %" in body


def test_the_page_works_without_charts_when_there_are_no_centres(db, world, login):
    world.offer.capacity_per_day = None
    world.offer.save()
    body = login(world.staff.north).get(URL).content.decode()
    assert "chart-use" not in body
    assert "chart-flow" in body
