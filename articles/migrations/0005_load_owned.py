# The load-owned mixin (core.loading): one name for what a loader last wrote.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RenameField(
            model_name="articlepage",
            old_name="import_hash",
            new_name="load_hash",
        ),
        migrations.RenameField(
            model_name="articlepage",
            old_name="imported_revision",
            new_name="loaded_revision",
        ),
        migrations.AlterField(
            model_name="articlepage",
            name="loaded_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
            ),
        ),
    ]
