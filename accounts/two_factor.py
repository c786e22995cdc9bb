"""Two-factor sign-in to the admin with an authenticator app (TOTP, through django-otp).

ADMIN_2FA chooses who is asked (see settings): "optional" lets anyone add an app from their
account menu and then asks them for a code at every sign-in; "required" also sends everyone
who has none to set one up before they can use the admin; "off" asks nobody. Only the admin
is gated: the public site needs no sign-in.

Codes are checked by django-otp, which slows down repeated wrong codes for a device (each
failure doubles the wait), on top of the password lockout by django-axes.
"""

import base64
from io import BytesIO
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView

from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from serving.requests import is_admin

DEVICE_NAME = "Authenticator app"
# Admin URLs a signed-in user who still owes a code may open: the code and setup pages,
# signing out, and what those pages load.
OPEN_URL_NAMES = {
    "accounts_two_factor_verify",
    "accounts_two_factor_manage",
    "wagtailadmin_logout",
    "wagtailadmin_login",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}


def mode():
    return settings.ADMIN_2FA


def _admin_user(user):
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def confirmed_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


class TwoFactorMiddleware:
    """Send a signed-in admin user to enter a code (or, when required, to set up an app)
    before any other admin page. Sits after django-otp's OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.redirect_for(request) or self.get_response(request)

    def redirect_for(self, request):
        if mode() == "off" or not is_admin(request.path_info):
            return None
        user = request.user
        if not _admin_user(user) or user.is_verified():
            return None
        if _url_name(request.path_info) in OPEN_URL_NAMES:
            return None
        next_url = request.get_full_path()
        if user_has_device(user, confirmed=True):
            return redirect(f"{reverse('accounts_two_factor_verify')}?{_next(next_url)}")
        if mode() == "required":
            return redirect(f"{reverse('accounts_two_factor_manage')}?{_next(next_url)}")
        return None


def _url_name(path):
    try:
        return resolve(path).url_name
    except Resolver404:
        return None


def _next(url):
    return urlencode({"next": url})


def _safe_next(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("wagtailadmin_home")


class TokenField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            label="6-digit code from your authenticator app",
            min_length=6,
            max_length=8,
            strip=True,
            widget=forms.TextInput(
                attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
            ),
            **kwargs,
        )


class VerifyForm(forms.Form):
    otp_token = TokenField()

    def __init__(self, device, *args, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_otp_token(self):
        token = self.cleaned_data["otp_token"]
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                "Too many wrong codes. Wait a little, then enter the newest code."
            )
        if not self.device.verify_token(token):
            raise forms.ValidationError("That code is not right. Enter the newest code.")
        return token


class SetupForm(VerifyForm):
    password = forms.CharField(
        label="Your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To be sure it is you.",
    )

    field_order = ["password", "otp_token"]

    def __init__(self, device, user, *args, **kwargs):
        self.user = user
        super().__init__(device, *args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password.")
        return password

    def clean_otp_token(self):
        if "password" not in self.cleaned_data:
            # Checking it would use the code up (each code works once): keep it for the retry.
            return self.cleaned_data["otp_token"]
        return super().clean_otp_token()


@method_decorator([never_cache, sensitive_post_parameters()], name="dispatch")
class VerifyView(FormView):
    """The code asked for after the password, in the admin's sign-in layout."""

    form_class = VerifyForm
    template_name = "accounts/two_factor/verify.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect("wagtailadmin_login")
        self.device = confirmed_device(request.user)
        if self.device is None or request.user.is_verified():
            return redirect(_safe_next(request))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "device": self.device}

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=_safe_next(self.request), **kwargs)

    def form_valid(self, form):
        otp_login(self.request, self.device)
        return redirect(_safe_next(self.request))


@method_decorator([never_cache, sensitive_post_parameters()], name="dispatch")
class ManageView(WagtailAdminTemplateMixin, FormView):
    """Set up an authenticator app (scan the code, type one code back), or remove it."""

    page_title = "Two-factor sign-in"
    header_icon = "key"
    template_name = "accounts/two_factor/manage.html"
    form_class = SetupForm

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect("wagtailadmin_login")
        self.confirmed = confirmed_device(request.user)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if "remove" in request.POST:
            return self.remove()
        if self.confirmed is not None:
            return redirect("accounts_two_factor_manage")
        return super().post(request, *args, **kwargs)

    def pending_device(self):
        """The app being set up: one unconfirmed device per user, kept until confirmed so
        the code scanned on the first visit still works on the next."""
        device = TOTPDevice.objects.devices_for_user(self.request.user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(
                user=self.request.user, name=DEVICE_NAME, confirmed=False
            )
        return device

    def get_form(self, form_class=None):
        if self.confirmed is not None:
            return None
        self.device = self.pending_device()
        return SetupForm(self.device, self.request.user, **self.get_form_kwargs())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            confirmed=self.confirmed,
            can_remove=mode() != "required",
            next=_safe_next(self.request),
        )
        if self.confirmed is None:
            context.update(
                qr_code=qr_svg(self.device.config_url),
                secret=base64.b32encode(self.device.bin_key).decode(),
            )
        return context

    def form_valid(self, form):
        self.device.confirmed = True
        self.device.save(update_fields=["confirmed"])
        otp_login(self.request, self.device)
        messages.success(self.request, "Two-factor sign-in is on for your account.")
        return redirect(_safe_next(self.request))

    def remove(self):
        if self.confirmed is None or mode() == "required":
            return redirect("accounts_two_factor_manage")
        password = self.request.POST.get("password", "")
        if not self.request.user.check_password(password):
            messages.error(self.request, "That is not your password: the app was not removed.")
            return redirect("accounts_two_factor_manage")
        TOTPDevice.objects.filter(user=self.request.user).delete()
        messages.success(self.request, "Two-factor sign-in is off for your account.")
        return redirect("accounts_two_factor_manage")


def can_reset(request_user, user):
    """Who may remove someone else's app: those who may edit users (superusers for superusers)."""
    if not request_user.has_perm(f"{user._meta.app_label}.change_{user._meta.model_name}"):
        return False
    return request_user.is_superuser or not user.is_superuser


def users_with_app():
    """The ids of everyone with a confirmed authenticator app."""
    return set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True))


def reset(user, by=None):
    """Remove the user's authenticator app (a lost or replaced phone), in the site history."""
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    if removed:
        log(instance=user, action="core.two_factor_reset", user=by)
    return removed


@method_decorator(never_cache, name="dispatch")
class ResetView(WagtailAdminTemplateMixin, TemplateView):
    """An administrator removes someone's app, after asking to be sure."""

    page_title = "Remove authenticator app"
    header_icon = "key"
    template_name = "accounts/two_factor/reset.html"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailusers_users:index"), "label": "Users"},
            {"url": "", "label": self.page_title},
        ]

    def dispatch(self, request, user_id):
        self.account = get_object_or_404(get_user_model(), pk=user_id)
        if not can_reset(request.user, self.account):
            raise PermissionDenied
        return super().dispatch(request, user_id)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            account=get_user_display_name(self.account),
            has_app=user_has_device(self.account, confirmed=None),
            required=mode() == "required",
            **kwargs,
        )

    def post(self, request, user_id):
        name = get_user_display_name(self.account)
        if reset(self.account, by=request.user):
            messages.success(request, f"Removed the authenticator app of {name}.")
        else:
            messages.info(request, f"{name} had no authenticator app.")
        return redirect("wagtailusers_users:index")


def qr_svg(data):
    """The otpauth:// address as an inline SVG QR code (no image request, no JavaScript)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    svg = svg[svg.index("<svg") + len("<svg") :]  # no XML declaration: this goes inside HTML
    label = "QR code to scan with your authenticator app"
    return mark_safe(f'<svg role="img" aria-label="{label}"{svg}')  # noqa: S308 - generated by qrcode from our own data
