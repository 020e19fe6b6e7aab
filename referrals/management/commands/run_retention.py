from django.core.management.base import BaseCommand

from referrals.records.tasks import run_retention


class Command(BaseCommand):
    help = (
        "Apply the retention rule of docs/retention.md: enqueue the retention task "
        "(--now: run it here and print the counts). Schedule daily (cron or systemd timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help="Run in this process instead of enqueueing."
        )

    def handle(self, *args, **options):
        if options["now"]:
            counts = run_retention.call()
            for key, value in counts.items():
                self.stdout.write(f"{key}: {value}")
            return
        result = run_retention.enqueue()
        self.stdout.write(f"Enqueued the retention task ({result.id}).")
