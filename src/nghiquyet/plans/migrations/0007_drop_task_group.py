"""Tasks point at their new groups, and the task groups' own table goes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0006_task_groups_into_groups"),
    ]

    operations = [
        migrations.RemoveField(model_name="task", name="group"),
        migrations.RenameField(model_name="task", old_name="new_group", new_name="group"),
        migrations.AlterField(
            model_name="task",
            name="group",
            field=models.ForeignKey(
                blank=True,
                limit_choices_to={"kind": "tasks"},
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="tasks",
                to="plans.group",
                verbose_name="nhóm nhiệm vụ",
            ),
        ),
        migrations.DeleteModel(name="TaskGroup"),
    ]
