from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_copy_drugs_mentioned"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="articlepage",
            name="drugs",
        ),
    ]
