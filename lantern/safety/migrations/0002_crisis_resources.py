"""The crisis lines Lantern starts with (US, in English and Spanish). Admins edit them after."""

from django.db import migrations

from lantern.safety import crisis_defaults


def add(apps, schema_editor):
    CrisisResource = apps.get_model("safety", "CrisisResource")
    SafetySettings = apps.get_model("safety", "SafetySettings")
    SafetySettings.objects.get_or_create(pk=1)
    for row in crisis_defaults.rows():
        CrisisResource.objects.get_or_create(**row)


class Migration(migrations.Migration):
    dependencies = [("safety", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
