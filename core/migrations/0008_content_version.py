from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_person_draft_state"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                ("key", models.CharField(max_length=64, primary_key=True, serialize=False)),
                ("token", models.CharField(max_length=64)),
            ],
        ),
    ]
