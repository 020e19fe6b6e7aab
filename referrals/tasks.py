"""Background work for applications."""

from django.tasks import task

from referrals.applications import services


@task()
def delete_stale_drafts() -> int:
    """Delete drafts not touched for 30 days (also: manage.py delete_stale_drafts)."""
    return services.delete_stale_drafts()
