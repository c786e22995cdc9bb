# The load-owned mixin (core.loading): one name for what a loader last wrote.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_page_title_lower_index"),
    ]

    operations = [
        migrations.RenameField(
            model_name="synonym",
            old_name="loaded_hash",
            new_name="load_hash",
        ),
    ]
