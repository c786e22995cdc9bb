"""The chooser for a Person's "User" field: the admin account of a medical reviewer.

Editors edit people, so this chooser must never let them list or look up other accounts: its
list, its search, its "chosen" answers and the widget's display of a posted value all read only
active members of the Medical reviewers group. Accounts have no search index, so the search is
a plain name match over that small set.
"""

from django import forms
from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Q
from django.http import Http404
from django.urls import reverse

from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets import BaseChooser

from .roles import REVIEWERS_GROUP

MAX_SEARCH_WORDS = 5


def reviewer_accounts():
    """Active accounts in the Medical reviewers group, in name order."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=REVIEWERS_GROUP)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def account_name(user):
    return user.get_full_name().strip() or user.get_username()


def find_account(accounts, pk):
    """The account with primary key ``pk`` among ``accounts``, or None (also for a malformed pk)."""
    try:
        return accounts.get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError):
        return None


class AccountSearchForm(BaseFilterForm):
    q = forms.CharField(
        label="Search by name",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "Search by name"}),
    )

    def filter(self, objects):
        query = self.cleaned_data.get("q", "").strip()
        if not query:
            return objects
        for word in query.split()[:MAX_SEARCH_WORDS]:
            objects = objects.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(username__icontains=word)
            )
        self.is_searching = True
        self.search_query = query
        return objects


class AccountListMixin:
    filter_form_class = AccountSearchForm

    @property
    def title_column(self):
        if self.is_multiple_choice:
            return super().title_column
        return TitleColumn(
            "title",
            label="Name",
            accessor=account_name,
            get_url=lambda user: self.append_preserved_url_parameters(
                reverse(self.chosen_url_name, args=(quote(user.pk),))
            ),
            link_attrs={"data-chooser-modal-choice": True},
        )


class ChooseAccountView(AccountListMixin, chooser_views.ChooseView):
    pass


class ChooseAccountResultsView(AccountListMixin, chooser_views.ChooseResultsView):
    pass


class ChosenAccountMixin:
    def get_display_title(self, instance):
        return account_name(instance)

    def get_edit_item_url(self, instance):
        return None


class ChosenAccountView(ChosenAccountMixin, chooser_views.ChosenView):
    def get_object(self, pk):
        account = find_account(reviewer_accounts(), pk)
        if account is None:
            raise Http404("No such medical reviewer.")
        return account


class ChosenAccountsView(ChosenAccountMixin, chooser_views.ChosenMultipleView):
    def get_objects(self, pks):
        ids = [pk for pk in pks if pk.isdigit()]
        return reviewer_accounts().filter(pk__in=ids)


class NoCreateView(chooser_views.CreateView):
    """Accounts are made by administrators in Settings → Users, never from this chooser."""

    def dispatch(self, request, *args, **kwargs):
        raise Http404("Accounts cannot be created here.")


class ReviewerAccountWidget(BaseChooser):
    """Shows the chosen account by name; a posted id outside ``accounts`` shows as nothing."""

    show_edit_link = False
    accounts = None

    def get_instance(self, value):
        if value is None or isinstance(value, get_user_model()):
            return value
        accounts = self.accounts if self.accounts is not None else reviewer_accounts()
        return find_account(accounts, value)

    def get_display_title(self, instance):
        return account_name(instance)

    def get_value_data_from_instance(self, instance):
        return {"id": instance.pk, "edit_url": "", self.display_title_key: account_name(instance)}


class ReviewerAccountChooserViewSet(ChooserViewSet):
    model = "auth.User"
    icon = "user"
    choose_one_text = "Choose a medical reviewer's account"
    choose_another_text = "Choose another account"
    page_title = "Medical reviewers' accounts"
    base_widget_class = ReviewerAccountWidget
    # Only the Person form uses it: not every user field in the admin.
    register_widget = False
    choose_view_class = ChooseAccountView
    choose_results_view_class = ChooseAccountResultsView
    chosen_view_class = ChosenAccountView
    chosen_multiple_view_class = ChosenAccountsView
    create_view_class = NoCreateView

    def get_object_list(self):
        return reviewer_accounts()


reviewer_account_chooser = ReviewerAccountChooserViewSet("reviewer_account_chooser")
