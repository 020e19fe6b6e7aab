"""The application's step 2 became three pages ("for whom", the basis, what the basis
needs), so the steps after it moved by two. A draft's ``furthest_step`` is the number of
a step: renumber it, so a draft picks up where it was left."""

from django.db import migrations
from django.db.models import F

# Old numbers 3 to 8 (person … review) are now 5 to 10.
SHIFT = 2
FIRST_MOVED = 3


def forwards(apps, schema_editor):
    Application = apps.get_model("referrals", "Application")
    Application.objects.filter(status="draft", furthest_step__gte=FIRST_MOVED).update(
        furthest_step=F("furthest_step") + SHIFT
    )


def backwards(apps, schema_editor):
    Application = apps.get_model("referrals", "Application")
    drafts = Application.objects.filter(status="draft")
    drafts.filter(furthest_step__in=[3, 4]).update(furthest_step=3)
    drafts.filter(furthest_step__gte=FIRST_MOVED + SHIFT).update(
        furthest_step=F("furthest_step") - SHIFT
    )


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0017_capacity_decisions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
