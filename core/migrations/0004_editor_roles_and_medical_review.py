"""The editors' roles and the medical review workflow.

- Editors: create and edit articles, drugs and quizzes (publishing quizzes, not articles or
  drugs), people, glossary terms, drug classes and physicians; submit for review.
- Medical reviewers: edit articles and drugs and approve or reject them in "Medical review"
  (approving publishes, so they hold publish permission on those two sections).
- Administrators: every permission, on every page, collection, user and setting
  (core.apps keeps the group complete when later migrations add models).

Wagtail's default "Moderators" group and its "Moderators approval" workflow on the root page
are retired: Administrators and "Medical review" replace them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
REVIEWERS = "Medical reviewers"
ADMINISTRATORS = "Administrators"
WORKFLOW = "Medical review"
OLD_MODERATORS = "Moderators"
OLD_WORKFLOW = "Moderators approval"

ARTICLES = ("articles", "articleindexpage")
DRUGS = ("drugs", "drugindexpage")
QUIZZES = ("quizzes", "quizindexpage")

EDITOR_PAGE_PERMISSIONS = {
    ARTICLES: ["add_page", "change_page"],
    DRUGS: ["add_page", "change_page"],
    QUIZZES: ["add_page", "change_page", "publish_page"],
}
REVIEWER_PAGE_PERMISSIONS = {
    ARTICLES: ["change_page", "publish_page"],
    DRUGS: ["change_page", "publish_page"],
}
ALL_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]
EDITOR_SNIPPETS = [
    ("core", "person"),
    ("glossary", "glossaryterm"),
    ("drugs", "drugclass"),
    ("physicians", "physician"),
]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", f"{action}_image") for action in ("add", "change", "choose", "delete")
] + [("wagtaildocs", f"{action}_document") for action in ("add", "change", "choose", "delete")]


def ensure_permissions(apps):
    # Django creates permissions after all migrations; this migration needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def section_page(apps, section):
    return apps.get_model(*section).objects.order_by("pk").first()


def reset_group(apps, name):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.clear()
    GroupPagePermission.objects.filter(group=group).delete()
    GroupCollectionPermission.objects.filter(group=group).delete()
    return group


def grant_pages(apps, group, page_permissions):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for section, codenames in page_permissions.items():
        page = section_page(apps, section)
        if page is None:
            continue
        for codename in codenames:
            GroupPagePermission.objects.create(
                group=group,
                page_id=page.pk,
                permission=permission(apps, "wagtailcore", codename),
            )


def create_roles(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    access_admin = permission(apps, "wagtailadmin", "access_admin")

    editors = reset_group(apps, EDITORS)
    editors.permissions.add(access_admin)
    for app_label, model in EDITOR_SNIPPETS:
        editors.permissions.add(
            permission(apps, app_label, f"add_{model}"),
            permission(apps, app_label, f"change_{model}"),
        )
    grant_pages(apps, editors, EDITOR_PAGE_PERMISSIONS)

    reviewers = reset_group(apps, REVIEWERS)
    reviewers.permissions.add(access_admin)
    grant_pages(apps, reviewers, REVIEWER_PAGE_PERMISSIONS)

    administrators = reset_group(apps, ADMINISTRATORS)
    administrators.permissions.set(Permission.objects.all())
    root_page = Page.objects.filter(depth=1).order_by("path").first()
    for codename in ALL_PAGE_PERMISSIONS:
        GroupPagePermission.objects.create(
            group=administrators,
            page=root_page,
            permission=permission(apps, "wagtailcore", codename),
        )
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    for app_label, codename in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.create(
            group=administrators,
            collection=root_collection,
            permission=permission(apps, app_label, codename),
        )

    Group.objects.filter(name=OLD_MODERATORS).delete()


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    # Retire Wagtail's default root workflow: its Moderators group no longer exists.
    for old in Workflow.objects.filter(name=OLD_WORKFLOW):
        WorkflowPage.objects.filter(workflow=old).delete()
        old.active = False
        old.save(update_fields=["active"])
    GroupApprovalTask.objects.filter(name=OLD_WORKFLOW).update(active=False)

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=WORKFLOW).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW, content_type=task_type, active=True)
    task.groups.set([Group.objects.get(name=REVIEWERS)])

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for section in (ARTICLES, DRUGS):
        page = section_page(apps, section)
        if page is not None:
            WorkflowPage.objects.update_or_create(page_id=page.pk, defaults={"workflow": workflow})


def remove_workflow_and_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow.objects.filter(name=WORKFLOW).delete()
    Task.objects.filter(name=WORKFLOW).delete()
    Group.objects.filter(name__in=[REVIEWERS, ADMINISTRATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_review_reminder"),
        ("core", "0002_initial_site"),
        ("articles", "0004_initial"),
        ("drugs", "0002_routes"),
        ("glossary", "0001_initial"),
        ("physicians", "0001_initial"),
        ("quizzes", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailusers", "0015_userprofile_keyboard_shortcuts"),
    ]

    operations = [
        migrations.RunPython(create_roles, remove_workflow_and_roles),
        migrations.RunPython(create_workflow, migrations.RunPython.noop),
    ]
