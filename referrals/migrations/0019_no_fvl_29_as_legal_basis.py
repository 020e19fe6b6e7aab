"""Data: the demo service type "Arbeids- og aktivitetstiltak" once cited forvaltningsloven
§ 29 (the appeal deadline) as the legal basis of its decisions. A database seeded then is
brought in line with today's demo data (referrals/demo.py); a service type whose legal
basis an administrator has written is left alone."""

from django.db import migrations

OLD = "Forvaltningsloven § 29 (kommunalt arbeids- og aktivitetstiltak)"
NEW = {
    "legal_basis": (
        "Kommunens retningslinjer for arbeids- og aktivitetstiltak, jf. kommuneloven § 2-1"
    ),
    "legal_basis_nn": (
        "Retningslinjene til kommunen for arbeids- og aktivitetstiltak, jf. kommunelova § 2-1"
    ),
    "legal_basis_en": (
        "The municipality's guidelines for work and activity measures, cf. Local Government "
        "Act section 2-1"
    ),
}
TEXT = {
    "legal_basis_text": (
        "Kommunen tilbyr arbeids- og aktivitetstiltak til personer som står utenfor ordinært "
        "arbeid og trenger tilrettelagt arbeid eller aktivitet. Plass tildeles etter en "
        "individuell vurdering av behovet og av om tiltaket har ledig plass."
    ),
    "legal_basis_text_nn": (
        "Kommunen tilbyr arbeids- og aktivitetstiltak til personar som står utanfor ordinært "
        "arbeid og treng tilrettelagt arbeid eller aktivitet. Plass blir tildelt etter ei "
        "individuell vurdering av behovet og av om tiltaket har ledig plass."
    ),
    "legal_basis_text_en": (
        "The municipality offers work and activity measures to people outside ordinary work "
        "who need adapted work or activity. A place is given after an individual assessment "
        "of the need and of whether the measure has a free place."
    ),
}


def forwards(apps, schema_editor):
    ServiceType = apps.get_model("catalogue", "ServiceType")
    for service_type in ServiceType.objects.filter(legal_basis=OLD):
        for field, value in NEW.items():
            setattr(service_type, field, value)
        for field, value in TEXT.items():
            if not getattr(service_type, field):
                setattr(service_type, field, value)
        service_type.save(update_fields=[*NEW, *TEXT])


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0018_approver_and_decision_templates"),
        ("catalogue", "0012_service_type_legal_basis_text"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
