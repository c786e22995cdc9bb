from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views import PostOnlyLogoutView
from core import views as core_views
from core.page_passwords import rate_limited_authenticate_with_password
from editorial.workflow_actions import ReviewCollectActionDataView, ReviewWorkflowActionView
from search import views as search_views

urlpatterns = [
    # Before Wagtail's own: sign out only by POST, and rate-limited page passwords (issue #18).
    path(f"{settings.ADMIN_URL}logout/", PostOnlyLogoutView.as_view(), name="wagtailadmin_logout"),
    # The review pop-ups say what happened and have each import finding ticked (issue #18);
    # admin views, so they need a signed-in admin user as Wagtail's own do.
    path(
        f"{settings.ADMIN_URL}pages/workflow/action/<int:page_id>/<slug:action_name>/"
        "<int:task_state_id>/",
        require_admin_access(ReviewWorkflowActionView.as_view()),
        name="review_workflow_action",
    ),
    path(
        f"{settings.ADMIN_URL}pages/workflow/collect_action_data/<int:page_id>/"
        "<slug:action_name>/<int:task_state_id>/",
        require_admin_access(ReviewCollectActionDataView.as_view()),
        name="review_collect_workflow_action_data",
    ),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        rate_limited_authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path(settings.ADMIN_URL, include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("search/suggestions/", search_views.suggestions, name="search_suggestions"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

# Database outages get a 503 "back soon" page instead of the 500 page.
handler500 = "serving.health.server_error"
