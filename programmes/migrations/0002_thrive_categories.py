from django.db import migrations

THRIVE = [
    (
        "thriving",
        "Thriving",
        "Prevention and promotion of wellbeing for all children and young people.",
    ),
    ("getting_advice", "Getting advice", "Signposting, self-management and one-off contact."),
    (
        "getting_help",
        "Getting help",
        "Goals-focused, evidence-informed and outcomes-focused intervention.",
    ),
    ("getting_more_help", "Getting more help", "Extensive treatment."),
    ("getting_risk_support", "Getting risk support", "Risk management and crisis response."),
]


def add_categories(apps, schema_editor):
    ThriveCategory = apps.get_model("programmes", "ThriveCategory")
    for position, (slug, name, description) in enumerate(THRIVE, start=1):
        ThriveCategory.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_initial")]

    operations = [migrations.RunPython(add_categories, migrations.RunPython.noop)]
