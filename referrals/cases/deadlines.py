"""The last day to appeal a decision (klagefrist).

The deadline is counted as the law counts time limits:

- forvaltningsloven § 29 first paragraph: 3 weeks from the day the decision reached the
  party; pasient- og brukerrettighetsloven § 7-5 second paragraph: 4 weeks for health and
  care services (``catalogue.models.APPEAL_WEEKS``).
- forvaltningsloven § 30: apart from what it says about when an appeal has been lodged
  in time, domstolloven's chapter on time limits applies correspondingly.
- domstolloven § 148 second paragraph: a limit in weeks ends on the day of the last week
  that has the same weekday name as the day it started to run.
- domstolloven § 149 first paragraph: a limit that ends on a Saturday, a holiday
  (helgedag, which includes Sundays) or a day the law treats as a holiday (1 and 17 May,
  lov om 1. og 17. mai som høgtidsdager) is extended to the next working day.

The Norwegian holidays (helligdagsloven — Sundays, New Year's Day, Maundy Thursday,
Good Friday, Easter Sunday and Monday, Ascension Day, Whit Sunday and Monday, Christmas
Day and Boxing Day — and the høgtidsdager 1 and 17 May) come from the ``holidays``
package (the catalogue uses it for opening hours), which computes the Easter-based days.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.Norway(years=year, include_sundays=False))


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a Norwegian public holiday or høgtidsdag."""
    return day.weekday() < 5 and day not in _holidays(day.year)


def next_working_day(day: date) -> date:
    """``day`` itself when it is a working day, else the first working day after it
    (domstolloven § 149 first paragraph)."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def appeal_deadline(issued: date, weeks: int) -> date:
    """The last day to appeal a decision dated ``issued`` with a limit of ``weeks``
    weeks: the same weekday ``weeks`` weeks later (domstolloven § 148 second paragraph),
    moved to the next working day when that is a Saturday, Sunday, holiday or høgtidsdag
    (forvaltningsloven § 30, domstolloven § 149 first paragraph)."""
    return next_working_day(issued + timedelta(weeks=weeks))
