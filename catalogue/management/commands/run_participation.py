from django.core.management.base import BaseCommand

from catalogue.participation.tasks import run_participation


class Command(BaseCommand):
    help = (
        "Pass on offered places not taken in time and send tomorrow's reminders "
        "(docs/participation.md): enqueue the task (--now: run it here and print the "
        "counts). Schedule every 15 minutes (cron or systemd timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help="Run in this process instead of enqueueing."
        )

    def handle(self, *args, **options):
        if options["now"]:
            counts = run_participation.call()
            for key, value in counts.items():
                self.stdout.write(f"{key}: {value}")
            return
        result = run_participation.enqueue()
        self.stdout.write(f"Enqueued the participation task ({result.id}).")
