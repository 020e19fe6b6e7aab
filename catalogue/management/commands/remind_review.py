from django.core.management.base import BaseCommand

from catalogue.services import send_review_reminders


class Command(BaseCommand):
    help = "E-mail unit leaders about offers not reviewed for six months (run weekly)."

    def handle(self, *args, **options):
        self.stdout.write(f"{send_review_reminders()} reminder(s) queued")
