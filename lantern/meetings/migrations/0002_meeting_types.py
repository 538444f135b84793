"""The standard Meeting Guide types and Lantern's own, in English and Spanish."""

from django.db import migrations

from lantern.meetings.types import LANTERN_TYPES, STANDARD_TYPES


def add(apps, schema_editor):
    MeetingType = apps.get_model("meetings", "MeetingType")
    for codes, standard in ((STANDARD_TYPES, True), (LANTERN_TYPES, False)):
        for code, (name_en, name_es) in codes.items():
            MeetingType.objects.update_or_create(
                code=code, defaults={"name_en": name_en, "name_es": name_es, "standard": standard}
            )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
