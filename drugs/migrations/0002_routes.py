from django.db import migrations

ROUTES = [
    ("oral", "Oral (by mouth)"),
    ("topical", "Topical (on the skin)"),
    ("transdermal", "Transdermal (skin patch)"),
    ("injection", "Injection"),
    ("intravenous", "Intravenous"),
    ("intrathecal", "Intrathecal (into the spinal fluid)"),
    ("nasal", "Nasal"),
    ("buccal", "Buccal (inside the cheek)"),
    ("rectal", "Rectal"),
    ("dental", "Dental"),
]


def create_routes(apps, schema_editor):
    Route = apps.get_model("drugs", "Route")
    for slug, name in ROUTES:
        Route.objects.update_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("drugs", "0001_initial")]

    operations = [migrations.RunPython(create_routes, migrations.RunPython.noop)]
