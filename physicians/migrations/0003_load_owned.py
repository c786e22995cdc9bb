# The load-owned mixin (core.loading): one name for what a loader last wrote.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("physicians", "0002_physician_loaded_hash"),
    ]

    operations = [
        migrations.RenameField(
            model_name="physician",
            old_name="loaded_hash",
            new_name="load_hash",
        ),
    ]
