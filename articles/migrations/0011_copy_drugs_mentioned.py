"""Copy "Drugs mentioned" from the many-to-many field to ArticleDrug rows, and back.

Each article's drugs become rows in the order readers saw them (by title). Its revisions are
rewritten too, so a draft waiting for review, or an older revision an editor restores, keeps
its own list of drugs rather than losing it (a revision's "drugs" key is read by nothing once
the field is gone).
"""

from collections import defaultdict

from django.db import migrations

BATCH = 500


def _rewrite_revisions(apps, change):
    """Save each article revision whose content `change(content)` altered, in batches (read
    by id, so no table is written while a cursor is open on it)."""
    content_type = (
        apps.get_model("contenttypes", "ContentType")
        .objects.filter(app_label="articles", model="articlepage")
        .first()
    )
    if content_type is None:
        return  # a database with no articles yet
    revision_model = apps.get_model("wagtailcore", "Revision")
    revisions = revision_model.objects.filter(content_type=content_type)
    ids = list(revisions.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        batch = revision_model.objects.filter(pk__in=ids[start : start + BATCH]).only("content")
        changed = [revision for revision in batch if change(revision.content)]
        revision_model.objects.bulk_update(changed, ["content"])


def mentions_to_links(apps, schema_editor):
    article_page = apps.get_model("articles", "ArticlePage")
    article_drug = apps.get_model("articles", "ArticleDrug")
    mention = article_page.drugs.through
    rows = mention.objects.order_by("articlepage_id", "drugpage__title", "drugpage_id")
    position = defaultdict(int)
    links = []
    for page_id, drug_id in rows.values_list("articlepage_id", "drugpage_id").iterator():
        links.append(article_drug(page_id=page_id, drug_id=drug_id, sort_order=position[page_id]))
        position[page_id] += 1
    article_drug.objects.bulk_create(links, batch_size=BATCH)

    link_ids = {
        (page_id, drug_id): pk
        for pk, page_id, drug_id in article_drug.objects.values_list("pk", "page_id", "drug_id")
    }
    titles = dict(apps.get_model("drugs", "DrugPage").objects.values_list("pk", "title"))

    def change(content):
        if "drugs" not in content:
            return False
        page_id = int(content["pk"])
        drug_ids = sorted(content.pop("drugs") or [], key=lambda pk: (titles.get(pk, ""), pk))
        content["drug_links"] = [
            {
                "pk": link_ids.get((page_id, drug_id)),
                "sort_order": order,
                "page": page_id,
                "drug": drug_id,
            }
            for order, drug_id in enumerate(drug_ids)
        ]
        return True

    _rewrite_revisions(apps, change)


def links_to_mentions(apps, schema_editor):
    article_page = apps.get_model("articles", "ArticlePage")
    article_drug = apps.get_model("articles", "ArticleDrug")
    mention = article_page.drugs.through
    pairs = set(article_drug.objects.values_list("page_id", "drug_id"))
    mention.objects.bulk_create(
        [mention(articlepage_id=page, drugpage_id=drug) for page, drug in sorted(pairs)],
        batch_size=BATCH,
    )
    article_drug.objects.all().delete()  # as before the copy: migrating forward copies again

    def change(content):
        if "drug_links" not in content:
            return False
        drug_ids = [link["drug"] for link in content.pop("drug_links") or []]
        content["drugs"] = list(dict.fromkeys(drug_ids))
        return True

    _rewrite_revisions(apps, change)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_articledrug"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(mentions_to_links, links_to_mentions),
    ]
