"""The daily retention job (docs/retention.md), run through django.tasks so a worker
does the work: ``manage.py run_retention`` enqueues it (cron or a systemd timer)."""

from django.tasks import task

from referrals.records import retention


@task()
def run_retention() -> dict[str, int]:
    """Delete old drafts and undecided closed cases, and remove the attachments of old
    decided cases once they are in the archive. Returns the counts (no personal data)."""
    return retention.run_retention()


@task()
def delete_stale_drafts() -> int:
    """Delete drafts not touched for 30 days (also: manage.py delete_stale_drafts)."""
    return retention.delete_stale_drafts()
