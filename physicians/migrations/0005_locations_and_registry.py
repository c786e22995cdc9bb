"""Listings get a location (their ZIP centroid), opening hours, and what the national provider
registry import needs (NPI, source, listed, deactivation, its own fingerprint). The search
page gets its medically reviewed "Which doctor?" explainer and joins the "Medical review"
workflow (created by core.0004), so a change to the explainer is approved by a reviewer; the
reviewers may change and publish the page, as they may articles and drugs.
"""

import django.db.models.deletion
import physicians.explainer
import wagtail.fields
from django.db import migrations, models

from physicians.geo import listing_location

WORKFLOW = "Medical review"
REVIEWERS = "Medical reviewers"
REVIEWER_PERMISSIONS = ["change_page", "publish_page"]


def locate_listings(apps, schema_editor):
    Physician = apps.get_model("physicians", "Physician")
    listings = list(Physician.objects.only("pk", "zip_code"))
    for listing in listings:
        listing.latitude, listing.longitude = listing_location(listing.zip_code) or (None, None)
    Physician.objects.bulk_update(listings, ["latitude", "longitude"], batch_size=500)


def review_search_page(apps, schema_editor):
    """Changes to the explainer need a reviewer's approval, and approving publishes, so the
    reviewers may change and publish this page (as they may articles and drugs)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    PhysicianSearchPage = apps.get_model("physicians", "PhysicianSearchPage")
    workflow = Workflow.objects.filter(name=WORKFLOW, active=True).first()
    page = PhysicianSearchPage.objects.order_by("pk").first()
    if workflow is None or page is None:
        return
    WorkflowPage.objects.update_or_create(page_id=page.pk, defaults={"workflow": workflow})
    reviewers = Group.objects.filter(name=REVIEWERS).first()
    for codename in REVIEWER_PERMISSIONS if reviewers else ():
        GroupPagePermission.objects.get_or_create(
            group=reviewers,
            page_id=page.pk,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )


def unreview_search_page(apps, schema_editor):
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    PhysicianSearchPage = apps.get_model("physicians", "PhysicianSearchPage")
    pages = PhysicianSearchPage.objects.values("pk")
    WorkflowPage.objects.filter(page_id__in=pages, workflow__name=WORKFLOW).delete()
    GroupPagePermission.objects.filter(
        page_id__in=pages, group__name=REVIEWERS, permission__codename__in=REVIEWER_PERMISSIONS
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_move_home_and_review_models"),
        ("physicians", "0004_remove_is_synthetic"),
        ("core", "0004_editor_roles_and_medical_review"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="physician",
            name="deactivated_on",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="physician",
            name="latitude",
            field=models.FloatField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="physician",
            name="listed",
            field=models.BooleanField(
                default=True,
                help_text="Shown in the public directory. The registry import unlists deactivated NPIs.",
            ),
        ),
        migrations.AddField(
            model_name="physician",
            name="longitude",
            field=models.FloatField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="physician",
            name="npi",
            field=models.CharField(
                blank=True,
                editable=False,
                max_length=10,
                null=True,
                unique=True,
                verbose_name="NPI",
            ),
        ),
        migrations.AddField(
            model_name="physician",
            name="opening_hours",
            field=models.CharField(
                blank=True, help_text="For example: Monday to Friday, 8am to 5pm.", max_length=255
            ),
        ),
        migrations.AddField(
            model_name="physician",
            name="source",
            field=models.CharField(
                choices=[
                    ("editor", "Added by an editor"),
                    ("nppes", "National provider registry (NPPES)"),
                ],
                default="editor",
                editable=False,
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="physiciansearchpage",
            name="last_modified",
            field=models.DateField(
                blank=True,
                help_text="Last correction or minor change.",
                null=True,
                verbose_name="modified",
            ),
        ),
        migrations.AddField(
            model_name="physiciansearchpage",
            name="last_reviewed",
            field=models.DateField(
                blank=True,
                help_text="Last medical review.",
                null=True,
                verbose_name="reviewed/revised",
            ),
        ),
        migrations.AddField(
            model_name="physiciansearchpage",
            name="next_review_due",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="physiciansearchpage",
            name="reviewer",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="core.person",
                verbose_name="medical reviewer",
            ),
        ),
        migrations.AddField(
            model_name="physiciansearchpage",
            name="which_doctor",
            field=wagtail.fields.RichTextField(
                blank=True,
                default=physicians.explainer.which_doctor,
                help_text="Plain facts from established public guidance only; medically reviewed.",
                verbose_name="Which doctor? explainer",
            ),
        ),
        migrations.AddField(
            model_name="physiciansearchpage",
            name="which_doctor_sources",
            field=wagtail.fields.RichTextField(
                blank=True,
                default=physicians.explainer.which_doctor_sources,
                help_text="The public guidance the explainer is drawn from, named and linked.",
                verbose_name="Which doctor? sources",
            ),
        ),
        migrations.AddIndex(
            model_name="physician",
            index=models.Index(fields=["latitude", "longitude"], name="physician_lat_lon"),
        ),
        migrations.RunPython(locate_listings, migrations.RunPython.noop),
        migrations.RunPython(review_search_page, unreview_search_page),
    ]
