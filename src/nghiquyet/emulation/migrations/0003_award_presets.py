"""Seed the titles and award forms (with their conditions and sources) as data."""

from django.db import migrations

from nghiquyet.emulation.choices import AWARD_PRESETS


def seed(apps, schema_editor):
    AwardKind = apps.get_model("emulation", "AwardKind")
    for order, preset in enumerate(AWARD_PRESETS):
        AwardKind.objects.get_or_create(code=preset["code"], defaults={**preset, "order": order})


class Migration(migrations.Migration):
    dependencies = [("emulation", "0002_awards")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
