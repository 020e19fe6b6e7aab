"""portal.html_marks: marks in kept HTML, filled in one pass."""

from django.utils.html import escape

from portal.html_marks import Marks


def test_marks_are_filled_once_and_a_value_is_never_scanned():
    marks = Marks("t")
    kept = f'<p>{marks("a")}</p><input value="{marks("b_1")}">{marks("a")}x'
    filled = marks.fill(kept, {"a": marks("b_1"), "b_1": "&lt;1&gt;"})
    assert filled == f'<p>{marks("b_1")}</p><input value="&lt;1&gt;">{marks("b_1")}x'


def test_marks_differ_between_instances_and_survive_escaping():
    first, second = Marks("t"), Marks("t")
    assert first("a") != second("a")
    assert escape(first("a")) == first("a")
    assert second.fill(first("a"), {"a": "x"}) == first("a")
