"""Seed the individuals' titles and award forms (with their conditions and sources)."""

from django.db import migrations

from nghiquyet.emulation.choices import INDIVIDUAL_AWARD_PRESETS


def seed(apps, schema_editor):
    AwardKind = apps.get_model("emulation", "AwardKind")
    start = AwardKind.objects.count()
    for order, preset in enumerate(INDIVIDUAL_AWARD_PRESETS, start=start):
        AwardKind.objects.get_or_create(code=preset["code"], defaults={**preset, "order": order})


class Migration(migrations.Migration):
    dependencies = [("emulation", "0004_people")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
