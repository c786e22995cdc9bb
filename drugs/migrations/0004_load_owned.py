# The load-owned mixin (core.loading): one name for what a loader last wrote.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("drugs", "0003_import_tracking"),
    ]

    operations = [
        migrations.RenameField(
            model_name="drugpage",
            old_name="imported_revision",
            new_name="loaded_revision",
        ),
        migrations.AddField(
            model_name="drugpage",
            name="load_hash",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
    ]
