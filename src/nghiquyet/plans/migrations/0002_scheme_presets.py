"""Seed the two classification presets of DESIGN.md §4 from the engine."""

from django.db import migrations


def add_presets(apps, schema_editor):
    from nghiquyet.engine import PRESETS

    Scheme = apps.get_model("plans", "ClassificationScheme")
    for preset in PRESETS.values():
        data = preset.to_dict()
        Scheme.objects.update_or_create(
            key=data["key"], defaults={"name": data["name"], "bands": data["bands"]}
        )


def remove_presets(apps, schema_editor):
    from nghiquyet.engine import PRESETS

    apps.get_model("plans", "ClassificationScheme").objects.filter(key__in=list(PRESETS)).delete()


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(add_presets, remove_presets)]
