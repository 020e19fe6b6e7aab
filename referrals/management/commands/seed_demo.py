from django.core.management.base import BaseCommand
from django.db import transaction

from catalogue.demo import seed_catalogue, seed_demo_units
from portal.demo import DEMO_PASSWORD, seed_users
from referrals.demo import (
    seed_applications,
    seed_caseworker_assignments,
    seed_decision_templates,
    seed_service_types,
    seed_volunteers,
)


# Here, in the app that comes last, because the demo spans every app.
class Command(BaseCommand):
    help = "Load the demo catalogue, service types and one user per role. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--offers",
            type=int,
            default=0,
            help="Also generate this many varied offers (for benchmarks).",
        )

    def handle(self, *args, offers: int, **options):
        with transaction.atomic():
            seed_service_types()
            seed_decision_templates()
            seed_catalogue(offers=offers)
            users = seed_users()
            seed_demo_units()
            seed_caseworker_assignments()
            seed_volunteers()
        with transaction.atomic():
            seed_applications()

        self.stdout.write(self.style.SUCCESS("Demo data loaded. Log in at /konto/logg-inn/ with:"))
        for user in users:
            self.stdout.write(f"  {user.role.label:<16} {user.email:<28} {DEMO_PASSWORD}")
