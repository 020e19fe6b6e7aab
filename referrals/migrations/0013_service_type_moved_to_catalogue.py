"""ServiceType now lives in catalogue: the foreign keys point there and referrals
forgets the model. The table, its rows and the constraints stay as they are; the
content type moves with the model so that permissions and admin history follow it."""

import django.db.models.deletion
from django.db import migrations, models


def _rename(apps, old_label, new_label):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if ContentType.objects.filter(app_label=new_label, model="servicetype").exists():
        return
    ContentType.objects.filter(app_label=old_label, model="servicetype").update(app_label=new_label)


def move_content_type(apps, schema_editor):
    _rename(apps, "referrals", "catalogue")


def move_content_type_back(apps, schema_editor):
    _rename(apps, "catalogue", "referrals")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("catalogue", "0010_service_type_moved_here"),
        ("referrals", "0012_application_person_identity"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='application',
                    name='service_type',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='applications', to='catalogue.servicetype', verbose_name='tjenestetype'),
                ),
                migrations.AlterField(
                    model_name='reasonparagraph',
                    name='service_type',
                    field=models.ForeignKey(blank=True, help_text='Tomt betyr alle tjenestetyper.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='reason_paragraphs', to='catalogue.servicetype', verbose_name='tjenestetype'),
                ),
                migrations.AlterField(
                    model_name='caseworkerassignment',
                    name='service_type',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='caseworker_assignments', to='catalogue.servicetype', verbose_name='tjenestetype'),
                ),
                migrations.DeleteModel(
                    name='ServiceType',
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
