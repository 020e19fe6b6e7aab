from django.core.management.base import BaseCommand

from referrals.letters.dispatch import retry_failed


class Command(BaseCommand):
    help = (
        "Try again every letter dispatch that failed (a notice e-mail the mail server "
        "did not take, a paper letter without a complete postal address, a channel that "
        "was down). The letters themselves are frozen on their cases and never lost; each "
        "recipient gets the channel that fits them now. Run it daily (cron) and after "
        "fixing the cause (the case page shows each failure)."
    )

    def handle(self, *args, **options):
        tried = retry_failed()
        self.stdout.write(f"Tried {tried} failed dispatch(es) again.")
