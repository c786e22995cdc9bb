"""HomePage moves here from the core app.

Only Django's record of the models moves: the tables keep their names (db_table), and the
content types are relabelled so the existing home page, its revisions and permissions keep
pointing at them. core.0006 drops the old record.
"""

import django.db.models.deletion
import modelcluster.fields
import wagtail.fields
from django.conf import settings
from django.db import migrations, models

MODELS = ["homepage", "homepagefeaturedarticle"]


def relabel(apps, schema_editor, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def forwards(apps, schema_editor):
    relabel(apps, schema_editor, "core", "home")


def backwards(apps, schema_editor):
    relabel(apps, schema_editor, "home", "core")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("core", "0005_page_title_index"),
        ("articles", "0004_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="HomePage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        ("intro", wagtail.fields.RichTextField(blank=True)),
                    ],
                    options={"db_table": "core_homepage"},
                    bases=("wagtailcore.page",),
                ),
                migrations.CreateModel(
                    name="HomePageFeaturedArticle",
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
                        ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                        (
                            "home",
                            modelcluster.fields.ParentalKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="featured_articles",
                                to="home.homepage",
                            ),
                        ),
                        (
                            "page",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="articles.articlepage",
                            ),
                        ),
                    ],
                    options={
                        "ordering": ["sort_order"],
                        "abstract": False,
                        "db_table": "core_homepagefeaturedarticle",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
