"""Settings of the site gunicorn serves in the fault tests (tests/serving/test_faults.py): the
test settings with the app's caches on, as production runs them with REDIS_URL."""

from neuropain.settings.test import *  # noqa: F403

PAGE_CACHE_ENABLED = FRAGMENT_CACHE_ENABLED = True
