"""`make run` points the Site at the served address, so absolute links never say localhost."""

import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.models import Site

from tests.factories import ArticlePageFactory

BASE_DIR = Path(__file__).resolve().parents[2]


def run(*args):
    out = StringIO()
    call_command("set_site_address", *args, stdout=out)
    return out.getvalue().strip()


def test_canonical_links_and_the_sitemap_use_the_served_address(client, article_index):
    article = ArticlePageFactory(parent=article_index, title="Nerve pain basics")
    assert run("127.0.0.1:8123") == "Site address: http://127.0.0.1:8123 (was http://localhost)"

    html = client.get(article.url).text
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)[1]
    assert canonical == f"http://127.0.0.1:8123{article.url}"
    sitemap = client.get("/sitemap.xml").text
    assert f"<loc>http://127.0.0.1:8123{article.url}</loc>" in sitemap
    assert "localhost" not in sitemap


def test_a_second_run_changes_nothing_and_print_url_feeds_the_email_base_url(site):
    run("localhost:9000")
    assert run("localhost:9000") == "Site address unchanged: http://localhost:9000"
    assert run("localhost:9000", "--print-url") == "http://localhost:9000"
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("localhost", 9000)


@pytest.mark.parametrize(
    ("address", "root_url"),
    [
        ("8000", "http://127.0.0.1:8000"),  # runserver's bare port
        ("0.0.0.0:8000", "http://127.0.0.1:8000"),  # noqa: S104 - listens everywhere, reached locally
        ("[::1]:8080", "http://[::1]:8080"),
        ("Example.ORG:80", "http://example.org"),
    ],
)
def test_runservers_address_forms(site, address, root_url):
    assert run(address, "--print-url") == root_url
    assert Site.objects.get(pk=site.pk).root_url == root_url


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("", "is not an address"),
        ("127.0.0.1", "is not an address"),
        ("host:port", "is not an address"),
        ("127.0.0.1:0", "out of range"),
        ("127.0.0.1:70000", "out of range"),
        ("bad_host!:8000", "is not a host name"),
        ("[1:2:3:4:5:6:7:8:9]:8000", "is not an IPv6 address"),
        ("http://127.0.0.1:8000", "is not an address"),
    ],
)
def test_bad_addresses_are_refused_and_change_nothing(site, address, message):
    with pytest.raises(CommandError, match=message):
        run(address)
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("localhost", 80)


def test_make_run_sets_the_site_and_email_base_url_from_address():
    """The run target passes ADDRESS to the command and its URL to WAGTAILADMIN_BASE_URL."""
    recipe = subprocess.run(  # noqa: S603
        ["make", "--no-print-directory", "-n", "run", "ADDRESS=127.0.0.1:8765"],  # noqa: S607
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "manage.py set_site_address 127.0.0.1:8765 --print-url" in recipe
    assert 'WAGTAILADMIN_BASE_URL="${WAGTAILADMIN_BASE_URL:-$url}"' in recipe
    assert "DJANGO_DEBUG=false" in recipe
    assert recipe.rstrip().endswith("manage.py runserver 127.0.0.1:8765")


def dev_settings(debug):
    """DEBUG and a static URL under the dev settings, as `make run` starts them."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "neuropain.settings.dev"}
    env.pop("DJANGO_DEBUG", None)
    if debug is not None:
        env["DJANGO_DEBUG"] = debug
    script = (
        "from django.conf import settings; from django.templatetags.static import static; "
        "from django.urls import resolve; "
        "print(settings.DEBUG, static('css/site.css'), resolve('/media/x.jpg').func.__name__, "
        "settings.INSTALLED_APPS[0])"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1].split()


def test_make_run_serves_without_debug_so_readers_see_the_designed_error_pages():
    # DEBUG off needs no collected manifest for static files, and uploads are still served;
    # static files go through WhiteNoise (so through the request log), not runserver's handler.
    assert dev_settings("false") == [
        "False",
        "/static/css/site.css",
        "serve",
        "whitenoise.runserver_nostatic",
    ]
    # `manage.py runserver` on its own keeps Django's debugging pages.
    assert dev_settings(None)[0] == "True"
