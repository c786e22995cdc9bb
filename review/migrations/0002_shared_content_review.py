"""Shared content under medical review: people, glossary terms and drug classes join the
"Medical review" workflow (a snippet workflow, by content type).

Medical reviewers may now edit and publish (approve) them; editors keep add and change, so their
changes are drafts they submit for review. Existing records stay live (the new ``live`` fields
default to true), so public pages keep showing them.
"""

from django.db import migrations

WORKFLOW = "Medical review"
REVIEWERS = "Medical reviewers"
SNIPPETS = [("core", "person"), ("glossary", "glossaryterm"), ("drugs", "drugclass")]


def permission(apps, app_label, model, action):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    codename = f"{action}_{model}"
    found, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": f"Can {action} {model}"}
    )
    return found


def review_shared_content(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    reviewers = Group.objects.filter(name=REVIEWERS).first()
    for app_label, model in SNIPPETS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        if workflow is not None:
            WorkflowContentType.objects.update_or_create(
                content_type=content_type, defaults={"workflow": workflow}
            )
        if reviewers is not None:
            reviewers.permissions.add(
                permission(apps, app_label, model, "change"),
                permission(apps, app_label, model, "publish"),
            )


def undo(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    for app_label, model in SNIPPETS:
        WorkflowContentType.objects.filter(
            content_type__in=ContentType.objects.filter(app_label=app_label, model=model)
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0001_initial"),
        ("core", "0007_person_draft_state"),
        ("glossary", "0004_term_draft_state"),
        ("drugs", "0006_drugclass_draft_state"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(review_shared_content, undo)]
