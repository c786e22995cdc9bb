"""Benchmarks (`make bench`, bench/): production settings plus the bench app, which holds
the synthetic-content generator and its table. Never used to serve the real site."""

from .production import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
