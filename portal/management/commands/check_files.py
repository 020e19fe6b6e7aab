import hashlib

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import models


def file_fields():
    """(model, field, checksum field name or None) for every file field in the project."""
    for model in apps.get_models():
        names = {field.name for field in model._meta.get_fields()}
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                checksum = f"{field.name}_sha256"
                yield model, field, checksum if checksum in names else None


def sha256_of(field_file) -> str:
    digest = hashlib.sha256()
    with field_file.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


class Command(BaseCommand):
    help = (
        "Check that every file the database refers to (attachments, letters, offer "
        "images) exists in the file storage, and that frozen letters still match their "
        "SHA-256 checksum. For restore drills and after moving the media storage. Prints "
        "counts and the ids of broken rows (no names or contents); exits 1 if any is broken."
    )

    def handle(self, *args, **options):
        broken = 0
        for model, field, checksum_field in file_fields():
            label = f"{model._meta.label}.{field.name}"
            rows = model._default_manager.exclude(**{field.name: ""}).order_by("pk")
            checked = 0
            missing, differing = [], []
            for row in rows.iterator():
                field_file = getattr(row, field.name)
                checked += 1
                if not field_file.storage.exists(field_file.name):
                    missing.append(row.pk)
                    continue
                expected = getattr(row, checksum_field) if checksum_field else ""
                if expected and sha256_of(field_file) != expected:
                    differing.append(row.pk)
            self.stdout.write(
                f"{label}: {checked} checked, {len(missing)} missing, "
                f"{len(differing)} with a different checksum"
            )
            if missing:
                self.stdout.write(f"  missing (ids): {', '.join(map(str, missing))}")
            if differing:
                self.stdout.write(f"  different (ids): {', '.join(map(str, differing))}")
            broken += len(missing) + len(differing)
        if broken:
            raise CommandError(f"{broken} file(s) missing or changed.")
        self.stdout.write("All files are present.")
