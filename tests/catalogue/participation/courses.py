"""Dates for the whole-course tests (test_courses.py and test_concurrency.py)."""

import datetime

from django.utils import timezone


def next_tuesday_evening() -> datetime.datetime:
    """18.00 on the first Tuesday at least a week ahead (local time)."""
    day = timezone.localdate() + datetime.timedelta(days=7)
    day += datetime.timedelta(days=(1 - day.weekday()) % 7)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(18, 0)))
