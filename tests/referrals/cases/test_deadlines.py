"""The appeal deadline never ends on a Saturday, Sunday or public holiday
(forvaltningsloven § 30, which applies domstolloven's rules on time limits: § 148 second
paragraph counts weeks to the same weekday, § 149 first paragraph moves a limit ending
on a Saturday, Sunday, holiday or høgtidsdag to the next working day)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from referrals.cases.deadlines import appeal_deadline, is_working_day

OSLO = ZoneInfo("Europe/Oslo")


@pytest.mark.parametrize(
    ("issued", "weeks", "deadline"),
    [
        # An ordinary weekday: the same weekday, the given number of weeks later.
        (date(2026, 11, 3), 3, date(2026, 11, 24)),
        (date(2026, 11, 24), 4, date(2026, 12, 22)),
        # Ends on a Saturday or a Sunday: the following Monday.
        (date(2026, 11, 7), 3, date(2026, 11, 30)),
        (date(2026, 11, 8), 4, date(2026, 12, 7)),
        # Christmas and New Year: Friday 25 Dec, Saturday 26 Dec, Sunday 27 Dec -> Monday 28.
        (date(2026, 11, 27), 4, date(2026, 12, 28)),
        (date(2026, 12, 4), 3, date(2026, 12, 28)),
        # Friday 1 January 2027 -> Monday 4 January.
        (date(2026, 12, 11), 3, date(2027, 1, 4)),
        # Easter 2027: Maundy Thursday 25 March -> Tuesday 30 March (Good Friday, the
        # weekend and Easter Monday are not working days).
        (date(2027, 2, 25), 4, date(2027, 3, 30)),
        (date(2027, 3, 8), 3, date(2027, 3, 30)),
        # 17 May 2027 is a Monday (and Whit Monday): Tuesday 18 May.
        (date(2027, 4, 19), 4, date(2027, 5, 18)),
        # 17 May 2028 is a Wednesday: Thursday 18 May.
        (date(2028, 4, 26), 3, date(2028, 5, 18)),
        # Ascension Day 2026 (Thursday 14 May) -> Friday 15 May; 1 May 2026 (Friday) ->
        # Monday 4 May.
        (date(2026, 4, 16), 4, date(2026, 5, 15)),
        (date(2026, 4, 10), 3, date(2026, 5, 4)),
    ],
)
def test_the_appeal_deadline_moves_to_the_next_working_day(issued, weeks, deadline):
    assert appeal_deadline(issued, weeks) == deadline
    assert is_working_day(deadline)


def test_working_days():
    assert is_working_day(date(2026, 12, 23))  # a Wednesday
    assert is_working_day(date(2026, 12, 24))  # Christmas Eve is a working day in law
    assert not is_working_day(date(2026, 12, 25))
    assert not is_working_day(date(2027, 5, 17))
    assert not is_working_day(date(2026, 12, 5))  # Saturday
    assert not is_working_day(date(2026, 12, 6))  # Sunday


@pytest.mark.parametrize(
    ("issued", "basis", "deadline"),
    [
        # Christmas: 4 weeks (pbrl. § 7-5) after Friday 27 November 2026.
        (datetime(2026, 11, 27, 12, tzinfo=OSLO), "pbrl-7-5", date(2026, 12, 28)),
        # Easter: 3 weeks (fvl. § 29) after Monday 8 March 2027.
        (datetime(2027, 3, 8, 12, tzinfo=OSLO), "fvl-29", date(2027, 3, 30)),
        # 17 May: 4 weeks after Monday 19 April 2027.
        (datetime(2027, 4, 19, 12, tzinfo=OSLO), "pbrl-7-5", date(2027, 5, 18)),
    ],
)
def test_the_letter_and_the_citizens_page_share_the_deadline(issued, basis, deadline):
    """``Decision.appeal_deadline`` (the citizen's pages, the queue, retention) and the
    letter's ``appeal_deadline`` are the same function."""
    from referrals.cases.models import Decision
    from referrals.letters.rendering import appeal_deadline as letter_deadline

    assert Decision(issued_at=issued, appeal_basis=basis).appeal_deadline == deadline
    assert letter_deadline(issued=issued.date(), appeal_basis=basis) == deadline
