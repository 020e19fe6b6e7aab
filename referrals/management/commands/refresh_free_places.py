from django.core.management.base import BaseCommand

from referrals.capacity import services


class Command(BaseCommand):
    help = (
        "Count the public free places of every offer whose places are given by decisions "
        "(a planned end frees a place on its date). Run daily (cron), after midnight."
    )

    def handle(self, *args, **options):
        count = services.refresh_all_free_places()
        self.stdout.write(f"Counted the free places of {count} offer(s).")
