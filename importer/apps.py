from django.apps import AppConfig


class ImporterConfig(AppConfig):
    """Loading content: the seed-article importer, drug reference data and site content."""

    name = "importer"
