"""Target groups and task groups were the same model twice: they become one, ``Group``, with a
``kind`` (0005–0007). Here the target groups' table becomes the groups' (its rows stay, as
groups of targets) and tasks get a link to the new groups."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0004_task_updates_evidence"),
    ]

    operations = [
        migrations.RenameModel("TargetGroup", "Group"),
        migrations.AddField(
            model_name="group",
            name="kind",
            field=models.CharField(
                choices=[("targets", "chỉ tiêu"), ("tasks", "nhiệm vụ, giải pháp")],
                default="targets",
                max_length=8,
                verbose_name="nhóm của",
            ),
        ),
        migrations.AlterField(
            model_name="group",
            name="name",
            field=models.CharField(max_length=500, verbose_name="tên nhóm"),
        ),
        migrations.AlterField(
            model_name="group",
            name="plan",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="groups",
                to="plans.plan",
                verbose_name="nghị quyết, kế hoạch",
            ),
        ),
        migrations.AlterModelOptions(
            name="group",
            options={
                "ordering": ["plan", "kind", "order", "pk"],
                "verbose_name": "nhóm chỉ tiêu, nhiệm vụ",
                "verbose_name_plural": "nhóm chỉ tiêu, nhiệm vụ",
            },
        ),
        migrations.AlterField(
            model_name="target",
            name="group",
            field=models.ForeignKey(
                blank=True,
                limit_choices_to={"kind": "targets"},
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="targets",
                to="plans.group",
                verbose_name="nhóm chỉ tiêu",
            ),
        ),
        migrations.AddField(
            model_name="task",
            name="new_group",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="plans.group",
            ),
        ),
    ]
