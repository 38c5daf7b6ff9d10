"""Each task group becomes a group of kind ``tasks``, and its tasks follow it (a migration of
its own: PostgreSQL alters no table with the pending checks of rows just written)."""

from django.db import migrations


def task_groups_into_groups(apps, schema_editor):
    Group = apps.get_model("plans", "Group")
    TaskGroup = apps.get_model("plans", "TaskGroup")
    Task = apps.get_model("plans", "Task")
    for old in TaskGroup.objects.order_by("pk").iterator():
        new = Group.objects.create(
            plan_id=old.plan_id, kind="tasks", code=old.code, name=old.name, order=old.order
        )
        Task.objects.filter(group_id=old.pk).update(new_group=new)


def groups_back_into_task_groups(apps, schema_editor):
    Group = apps.get_model("plans", "Group")
    TaskGroup = apps.get_model("plans", "TaskGroup")
    Task = apps.get_model("plans", "Task")
    for new in Group.objects.filter(kind="tasks").order_by("pk").iterator():
        old = TaskGroup.objects.create(
            plan_id=new.plan_id, code=new.code, name=new.name, order=new.order
        )
        Task.objects.filter(new_group_id=new.pk).update(group=old)
    Group.objects.filter(kind="tasks").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0005_one_group_model"),
    ]

    operations = [
        migrations.RunPython(task_groups_into_groups, groups_back_into_task_groups),
    ]
