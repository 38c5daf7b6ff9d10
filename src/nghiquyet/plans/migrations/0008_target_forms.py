"""Target forms of issue 10 (strict bounds, bands, level and change, "trong đó" parts,
changes in points) and the schemes' options; the preset ``dat_vuot``."""

import django.db.models.deletion
from django.db import migrations, models


DAT_VUOT = {
    "name": "Ba mức (vượt / đạt / không đạt)",
    "bands": [
        {"key": "exceeded", "label": "vượt", "min_rate": None},
        {"key": "achieved", "label": "đạt", "min_rate": 100.0},
        {"key": "not_achieved", "label": "không đạt", "min_rate": None},
    ],
}


def add_dat_vuot(apps, schema_editor):
    apps.get_model("plans", "ClassificationScheme").objects.get_or_create(
        key="dat_vuot", defaults=DAT_VUOT
    )


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0007_drop_task_group"),
    ]

    operations = [
        migrations.AddField(
            model_name="classificationscheme",
            name="range_bound",
            field=models.CharField(
                choices=[
                    ("lenient", "cận dễ đạt (cận dưới với chỉ tiêu càng cao càng tốt)"),
                    ("ambitious", "cận cao (cận trên với chỉ tiêu càng cao càng tốt)"),
                ],
                default="lenient",
                max_length=12,
                verbose_name="chỉ tiêu dạng khoảng đánh giá theo",
            ),
        ),
        migrations.AddField(
            model_name="classificationscheme",
            name="strict_met",
            field=models.BooleanField(
                default=True,
                help_text='Chỉ tiêu "dưới 4%" với số liệu đúng 4% được tính là đạt (như các tỉnh đánh giá).',
                verbose_name="bằng cận ngặt vẫn tính là đạt",
            ),
        ),
        migrations.AddField(
            model_name="target",
            name="change_measure",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "theo đơn vị tính (tỷ lệ %: điểm phần trăm; còn lại: %)"),
                    ("percent", "phần trăm so với kỳ gốc"),
                    ("points", "điểm phần trăm"),
                ],
                default="",
                max_length=8,
                verbose_name="đo mức tăng, giảm bằng",
            ),
        ),
        migrations.AddField(
            model_name="target",
            name="decided_by",
            field=models.PositiveSmallIntegerField(
                choices=[
                    (0, "cả mức đạt và mức tăng, giảm"),
                    (1, "mức đạt"),
                    (2, "mức tăng, giảm"),
                ],
                default=0,
                verbose_name="đánh giá theo",
            ),
        ),
        migrations.AddField(
            model_name="target",
            name="part_of",
            field=models.ForeignKey(
                blank=True,
                help_text='Chỉ tiêu "trong đó" có số liệu và kế hoạch riêng; chỉ tiêu chính vẫn đánh giá theo số liệu của nó (khác chỉ tiêu tổng hợp).',
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="sub_targets",
                to="plans.target",
                verbose_name="thuộc chỉ tiêu (trong đó)",
            ),
        ),
        migrations.AddField(
            model_name="target",
            name="strict",
            field=models.BooleanField(
                default=False,
                help_text='"trên 90", "dưới 4%" (khác "từ 90 trở lên", "không quá 4%").',
                verbose_name="cận ngặt",
            ),
        ),
        migrations.AddField(
            model_name="target",
            name="with_change",
            field=models.PositiveSmallIntegerField(
                choices=[
                    (0, "so với giá trị tuyệt đối"),
                    (1, "tăng (%) so với cùng kỳ năm trước"),
                    (2, "giảm (%) so với cùng kỳ năm trước"),
                ],
                default=0,
                help_text="Chỉ tiêu ghi cả mức đạt và mức tăng: 80,4-80,8 triệu đồng, tăng 10,2-10,71%.",
                verbose_name="kèm mức tăng, giảm",
            ),
        ),
        migrations.AddField(
            model_name="target",
            name="with_change_high",
            field=models.DecimalField(
                blank=True,
                decimal_places=6,
                max_digits=20,
                null=True,
                verbose_name="mức tăng, giảm (cận trên)",
            ),
        ),
        migrations.AddField(
            model_name="target",
            name="with_change_low",
            field=models.DecimalField(
                blank=True,
                decimal_places=6,
                max_digits=20,
                null=True,
                verbose_name="mức tăng, giảm",
            ),
        ),
        migrations.AlterField(
            model_name="target",
            name="direction",
            field=models.CharField(
                choices=[
                    ("higher", "càng cao càng tốt"),
                    ("lower", "càng thấp càng tốt"),
                    ("yes_no", "đạt / không đạt"),
                    ("band", "trong khoảng (cơ cấu: trong khoảng là đạt)"),
                ],
                default="higher",
                max_length=8,
                verbose_name="chiều đánh giá",
            ),
        ),
        migrations.RunPython(add_dat_vuot, migrations.RunPython.noop),
    ]
