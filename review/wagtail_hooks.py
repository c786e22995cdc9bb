from wagtail import hooks

from .chooser import reviewer_account_chooser


@hooks.register("register_admin_viewset")
def register_reviewer_account_chooser():
    return reviewer_account_chooser
