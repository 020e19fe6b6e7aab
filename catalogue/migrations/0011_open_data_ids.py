"""Stable ids for the open data (issue 18): a UUID on every unit, location, offer and
taxonomy term, given to the existing rows here and kept through renames; the ISO 639
code of a language (Norwegian sign language, slug ``tegn``, is ``nsl``); and the former
slugs of offers, so that old calendar and page addresses keep working."""

import uuid

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

import catalogue.validators

MODELS = ["unit", "location", "offer", "district", "accessibilityfeature", "category", "language"]


def give_ids(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("catalogue", name)
        for pk in model.objects.values_list("pk", flat=True).iterator():
            model.objects.filter(pk=pk).update(uuid=uuid.uuid4())


def sign_language_code(apps, schema_editor):
    Language = apps.get_model("catalogue", "Language")
    Language.objects.filter(slug__in=["tegn", "tegnsprak", "tegnspraak"], code="").update(
        code="nsl"
    )


def id_field(null: bool):
    if null:
        return models.UUIDField(editable=False, null=True, verbose_name="fast id i åpne data")
    return models.UUIDField(
        default=uuid.uuid4, editable=False, unique=True, verbose_name="fast id i åpne data"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0010_service_type_moved_here"),
    ]

    operations = [
        *[migrations.AddField(model_name=name, name="uuid", field=id_field(True)) for name in MODELS],
        migrations.RunPython(give_ids, migrations.RunPython.noop, elidable=False),
        *[migrations.AlterField(model_name=name, name="uuid", field=id_field(False)) for name in MODELS],
        migrations.AddField(
            model_name="language",
            name="code",
            field=models.CharField(
                blank=True,
                help_text="Språkkoden i åpne data, for eksempel «nb», «se» eller «nsl» for norsk tegnspråk. La stå tom når koden over er en ISO 639-kode.",
                max_length=3,
                validators=[catalogue.validators.validate_iso_639],
                verbose_name="ISO 639-kode",
            ),
        ),
        migrations.RunPython(sign_language_code, migrations.RunPython.noop, elidable=False),
        migrations.CreateModel(
            name="OfferFormerSlug",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("slug", models.SlugField(max_length=200, unique=True, verbose_name="tidligere adresse (slug)")),
                ("replaced_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="endret")),
                (
                    "offer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="former_slugs",
                        to="catalogue.offer",
                    ),
                ),
            ],
            options={
                "verbose_name": "tidligere adresse for tilbud",
                "verbose_name_plural": "tidligere adresser for tilbud",
            },
        ),
    ]
