from django.core.management.base import BaseCommand

from referrals.records import retention


class Command(BaseCommand):
    help = "Delete application drafts nobody has changed for 30 days. Run daily (cron)."

    def handle(self, *args, **options):
        count = retention.delete_stale_drafts()
        self.stdout.write(f"Deleted {count} stale draft(s).")
