from django.db import migrations

SOURCES = [
    ("consultation", "Consultation with children and young people"),
    ("ltp", "Local transformation plan (LTP)"),
    ("stp", "Sustainability and transformation partnership (STP) plan"),
    ("jsna", "Joint strategic needs assessment (JSNA)"),
    ("cqc", "CQC report"),
    ("ofsted", "Ofsted report"),
    ("other", "Other"),
]


def add_sources(apps, schema_editor):
    EvidenceSource = apps.get_model("applications", "EvidenceSource")
    for position, (slug, name) in enumerate(SOURCES, start=1):
        EvidenceSource.objects.update_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("applications", "0001_initial")]

    operations = [migrations.RunPython(add_sources, migrations.RunPython.noop)]
