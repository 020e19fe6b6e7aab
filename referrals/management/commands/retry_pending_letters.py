from django.core.management.base import BaseCommand

from referrals.cases.models import Decision
from referrals.letters.tasks import MAX_ATTEMPTS, render_pending_letter


class Command(BaseCommand):
    help = (
        "Queue again every decision letter that is still pending because the PDF "
        "renderer failed when the decision was issued. The decision itself is stored; "
        "the letter is rendered with its original issue date and frozen, and the "
        "citizen is notified once it exists. Letters that used up their automatic "
        f"attempts ({MAX_ATTEMPTS}) get a new round. Run it after fixing the renderer "
        "(the error log names the decisions), or daily (cron) as a safety net."
    )

    def handle(self, *args, **options):
        pending = list(
            Decision.objects.filter(letter_status=Decision.LetterStatus.PENDING)
            .order_by("issued_at", "pk")
            .values_list("pk", flat=True)
        )
        Decision.objects.filter(pk__in=pending).update(letter_attempts=0)
        for decision_id in pending:
            render_pending_letter.enqueue(decision_id=decision_id)
        self.stdout.write(f"Queued {len(pending)} pending letter(s).")
