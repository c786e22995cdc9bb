"""The home page moved to the home app, review settings and reminders to the review app
(home.0001, review.0001): core forgets its record of them. No table changes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_page_title_index"),
        ("home", "0001_initial"),
        ("review", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="HomePageFeaturedArticle"),
                migrations.DeleteModel(name="HomePage"),
                migrations.DeleteModel(name="ReviewSettings"),
                migrations.DeleteModel(name="ReviewReminder"),
            ],
            database_operations=[],
        )
    ]
