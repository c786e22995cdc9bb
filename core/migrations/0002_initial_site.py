"""Create the site's page tree so a fresh install is navigable before any import.

Historical models have no treebeard methods, so paths are written out as Wagtail's own
project template does.
"""

from django.db import migrations
from django.utils import timezone

HOME_PATH = "00010001"

SECTIONS = [
    # (app_label, model, title, slug, intro)
    (
        "articles",
        "articleindexpage",
        "Articles",
        "articles",
        "<p>Plain-language articles about nerve pain: causes, symptoms and treatment.</p>",
    ),
    (
        "drugs",
        "drugindexpage",
        "Drugs A–Z",
        "drugs",
        "<p>Medicines used for nerve pain, by generic name, with their brand names.</p>",
    ),
    (
        "physicians",
        "physiciansearchpage",
        "Find a physician",
        "find-a-physician",
        "<p>Search for a doctor who treats nerve pain by ZIP code or city and state.</p>",
    ),
    (
        "quizzes",
        "quizindexpage",
        "Quizzes",
        "quizzes",
        "<p>Short quizzes to check what you have learned.</p>",
    ),
    (
        "glossary",
        "glossaryindexpage",
        "Glossary",
        "glossary",
        "<p>Medical words used on this site, explained in plain language.</p>",
    ),
]

HOME_INTRO = (
    "<p>NeuroPain helps people living with neuropathic (nerve) pain understand it and find help: "
    "articles reviewed by medical experts, a guide to the medicines used, and a way to find a "
    "physician.</p>"
)


def create_site(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("core.HomePage")

    # Replace Wagtail's default "Welcome" page (and the Site pointing at it).
    Page.objects.filter(depth=2, path=HOME_PATH).delete()
    locale = Locale.objects.order_by("pk").first()
    now = timezone.now()
    common = {"locale": locale, "live": True, "first_published_at": now, "last_published_at": now}

    home = HomePage.objects.create(
        title="NeuroPain",
        draft_title="NeuroPain",
        seo_title="NeuroPain: understanding nerve pain",
        slug="home",
        content_type=ContentType.objects.get_for_model(HomePage),
        path=HOME_PATH,
        depth=2,
        numchild=len(SECTIONS),
        url_path="/home/",
        intro=HOME_INTRO,
        **common,
    )
    for position, (app_label, model_name, title, slug, intro) in enumerate(SECTIONS, start=1):
        model = apps.get_model(app_label, model_name)
        model.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=ContentType.objects.get_for_model(model),
            path=f"{HOME_PATH}{position:04d}",
            depth=3,
            numchild=0,
            url_path=f"/home/{slug}/",
            intro=intro,
            show_in_menus=True,
            **common,
        )
    Page.objects.filter(depth=1).update(numchild=Page.objects.filter(depth=2).count())
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "NeuroPain"},
    )


def remove_site(apps, schema_editor):
    HomePage = apps.get_model("core.HomePage")
    HomePage.objects.filter(path=HOME_PATH).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("articles", "0004_initial"),
        ("drugs", "0002_routes"),
        ("physicians", "0001_initial"),
        ("quizzes", "0001_initial"),
        ("glossary", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_site, remove_site)]
