"""No figure below 5 is shown (portal.small_numbers)."""

import pytest

from portal import small_numbers


@pytest.mark.parametrize(("count", "shown"), [(0, None), (1, None), (4, None), (5, 5), (23, 23)])
def test_no_count_below_five_is_shown(count, shown):
    assert small_numbers.MIN_FIGURE == 5
    assert small_numbers.shown(count) == shown
