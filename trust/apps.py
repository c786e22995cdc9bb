from django.apps import AppConfig


class TrustConfig(AppConfig):
    name = "trust"
    verbose_name = "About the site"
