"""ReviewSettings and ReviewReminder move here from the core app.

Only Django's record of the models moves: the tables keep their names (db_table), and the
content types are relabelled so permissions, logs and settings keep pointing at them.
core.0006 drops the old record.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ["reviewsettings", "reviewreminder"]


def relabel(apps, schema_editor, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def forwards(apps, schema_editor):
    relabel(apps, schema_editor, "core", "review")


def backwards(apps, schema_editor):
    relabel(apps, schema_editor, "review", "core")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("core", "0005_page_title_index"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ReviewSettings",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "review_interval_months",
                            models.PositiveSmallIntegerField(
                                default=12, help_text="Months between medical reviews of a page."
                            ),
                        ),
                        (
                            "site",
                            models.OneToOneField(
                                editable=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                to="wagtailcore.site",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "medical review settings",
                        "db_table": "core_reviewsettings",
                    },
                ),
                migrations.CreateModel(
                    name="ReviewReminder",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("sent_on", models.DateField()),
                        ("page_count", models.PositiveIntegerField()),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="review_reminders",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "core_reviewreminder",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("user", "sent_on"), name="one_review_reminder_a_day"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
