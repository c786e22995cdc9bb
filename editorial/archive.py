"""Deleting an article or drug archives it; an administrator restores or purges it.

A medical page's revisions are its review history (who approved what, when), so an ordinary
delete would lose the record of what readers were told. The page is unpublished and moved
under the archive page instead; deleting it there (purge) really deletes it.
"""

from django.db import transaction
from django.utils import timezone

from wagtail.actions.move_page import MovePageAction
from wagtail.log_actions import log
from wagtail.models import Page

from review.models import MedicalReviewMixin

from .models import ArchivePage, ArchiveRecord

ARCHIVE_TITLE = "Archive"
ARCHIVE_ACTION = "editorial.archive"
RESTORE_ACTION = "editorial.restore"


def archive_root():
    archive = ArchivePage.objects.first()
    if archive is None:
        root = Page.get_first_root_node()
        archive = root.add_child(
            instance=ArchivePage(title=ARCHIVE_TITLE, slug="archive", live=False)
        )
    return archive


def _move(page, target, user):
    # The page's own rules (parent_page_types) would refuse the archive; the callers have
    # checked the user is an administrator.
    MovePageAction(page, target, pos="last-child", user=user).execute(skip_permission_checks=True)


def is_archived(page):
    archive = ArchivePage.objects.first()
    return archive is not None and (page.pk == archive.pk or page.is_descendant_of(archive))


def archives_on_delete(page):
    """Articles and drugs outside the archive are archived rather than deleted."""
    return isinstance(page.specific, MedicalReviewMixin) and not is_archived(page)


@transaction.atomic
def archive_page(page, user):
    page = page.specific
    if page.workflow_in_progress:
        page.current_workflow_state.cancel(user=user)
    if page.live:
        page.unpublish(user=user)
    ArchiveRecord.objects.update_or_create(
        page=page,
        defaults={
            "original_parent": page.get_parent(),
            "original_slug": page.slug,
            "archived_by": user,
        },
    )
    # Archived pages from different sections may share a slug; the record keeps the original.
    stamp = timezone.now().strftime("%Y%m%d%H%M%S")
    page.slug = f"{page.slug}-{page.pk}-{stamp}"[:255]
    page.save(update_fields=["slug", "url_path"], clean=False)
    _move(page, archive_root(), user)
    log(instance=page, action=ARCHIVE_ACTION, user=user)
    return page


@transaction.atomic
def restore_page(page, user):
    """Back under its old section as an unpublished draft, with every revision."""
    page = page.specific
    record = ArchiveRecord.objects.get(page=page)
    parent = record.original_parent
    if parent is None:
        raise ValueError("The section this page came from no longer exists.")
    slug = record.original_slug
    if parent.get_children().filter(slug=slug).exists():
        slug = f"{slug}-restored-{page.pk}"
    page.slug = slug
    page.save(update_fields=["slug", "url_path"], clean=False)
    _move(page, parent, user)
    log(instance=page, action=RESTORE_ACTION, user=user)
    record.delete()
    return Page.objects.get(pk=page.pk).specific
