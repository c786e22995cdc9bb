"""Admin views of the archive: an administrator restores an archived article or drug."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from review.permissions import is_administrator

from .archive import restore_page
from .models import ArchiveRecord


class RestoreView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "editorial/confirm_restore.html"
    header_icon = "undo"

    def dispatch(self, request, page_id):
        if not is_administrator(request.user):
            raise PermissionDenied
        self.page = get_object_or_404(Page, pk=page_id).specific
        self.record = get_object_or_404(ArchiveRecord, page=self.page)
        return super().dispatch(request, page_id)

    def get_page_title(self):
        return f"Restore {self.page.get_admin_display_title()}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=self.page,
            record=self.record,
            revision_count=self.page.revisions.count(),
            **kwargs,
        )

    def post(self, request, page_id):
        try:
            page = restore_page(self.page, request.user)
        except ValueError as error:
            messages.error(request, str(error))
            return redirect(request.path)
        messages.success(
            request,
            f"'{page.get_admin_display_title()}' restored to "
            f"{page.get_parent().get_admin_display_title()} as an unpublished draft, "
            "with its revisions.",
            buttons=[messages.button(reverse("wagtailadmin_pages:edit", args=[page.pk]), "Edit")],
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
