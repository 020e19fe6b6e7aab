"""ServiceType moves from referrals to catalogue (the catalogue's offers point at it,
and referrals builds on the catalogue). Only Django's picture of the models changes:
the table keeps its name (referrals_servicetype) and its rows."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0009_field_labels'),
        ('referrals', '0012_application_person_identity'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ServiceType',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('slug', models.SlugField(max_length=60, unique=True, verbose_name='kode')),
                        ('name', models.CharField(max_length=200, verbose_name='navn (bokmål)')),
                        ('name_nn', models.CharField(blank=True, max_length=200, verbose_name='navn (nynorsk)')),
                        ('name_en', models.CharField(blank=True, max_length=200, verbose_name='navn (engelsk)')),
                        ('description', models.TextField(blank=True, verbose_name='beskrivelse (bokmål)')),
                        ('description_nn', models.TextField(blank=True, verbose_name='beskrivelse (nynorsk)')),
                        ('description_en', models.TextField(blank=True, verbose_name='beskrivelse (engelsk)')),
                        ('legal_basis', models.TextField(blank=True, help_text='For eksempel helse- og omsorgstjenesteloven § 3-2 første ledd nr. 6 bokstav b.', verbose_name='hjemmel')),
                        ('legal_basis_nn', models.TextField(blank=True, verbose_name='hjemmel (nynorsk)')),
                        ('legal_basis_en', models.TextField(blank=True, verbose_name='hjemmel (engelsk)')),
                        ('processing_days', models.PositiveSmallIntegerField(default=28, verbose_name='forventet saksbehandlingstid (dager)')),
                        ('appeal_basis', models.CharField(choices=[('pbrl-7-5', 'Helse- og omsorgstjeneste: 4 uker (pasient- og brukerrettighetsloven § 7-5)'), ('fvl-29', 'Annen tjeneste: 3 uker (forvaltningsloven § 29)')], default='pbrl-7-5', max_length=20, verbose_name='grunnlag for klagefrist')),
                        ('questions', models.JSONField(blank=True, default=list, help_text='Koder for tilleggsspørsmål på siden om behov: interests, hours, work, dementia.', verbose_name='tilleggsspørsmål')),
                        ('position', models.PositiveSmallIntegerField(default=0, verbose_name='rekkefølge')),
                        ('active', models.BooleanField(default=True, verbose_name='åpen for søknader')),
                        ('kpr_code', models.CharField(blank=True, help_text='Koden fagsystemet bruker for tjenesten i rapporteringen til KPR. Står feltet tomt, brukes «Kode» over.', max_length=40, validators=[django.core.validators.RegexValidator('^[A-Za-z0-9][A-Za-z0-9._-]*$', 'Bruk bare bokstavene a–z, tall, punktum, bindestrek og understrek.')], verbose_name='tjenestekode i KPR')),
                        ('requires_second_approval', models.BooleanField(default=False, help_text='Når dette er valgt, sendes vedtaket først til godkjenning (fire øyne). Brevet sendes når en annen saksbehandler har godkjent det.', verbose_name='krever godkjenning av en annen saksbehandler')),
                    ],
                    options={
                        'verbose_name': 'tjenestetype',
                        'verbose_name_plural': 'tjenestetyper',
                        'db_table': 'referrals_servicetype',
                        'ordering': ['position', 'name'],
                    },
                ),
                migrations.AlterField(
                    model_name='offer',
                    name='service_type',
                    field=models.ForeignKey(blank=True, help_text='For tilbud som krever søknad: tjenesten man søker om.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='offers', to='catalogue.servicetype', verbose_name='tjenestetype'),
                ),
            ],
            database_operations=[],
        ),
    ]
