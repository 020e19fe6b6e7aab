"""The participation job as a task (``manage.py run_participation`` enqueues it)."""

from django.tasks import task

from catalogue.participation import jobs


@task()
def run_participation() -> dict[str, int]:
    """Pass on lapsed offered places and send tomorrow's reminders; returns counts."""
    return jobs.run_periodic()
