"""Point the default Site at the address `make run` serves.

Wagtail builds every absolute address from the Site record: canonical links, sitemap.xml,
JSON-LD and the page links in review e-mails. The migration that creates the site cannot
know where it will be served, so `make run` calls this with its ADDRESS before serving.
"""

import ipaddress
import re

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction

from wagtail.models import Site

HOSTNAME = re.compile(r"[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?")
ADDRESS = re.compile(r"(?:\[(?P<ipv6>[0-9A-Fa-f:.]+)\]|(?P<host>[^:\s\[\]]+)):(?P<port>\d{1,5})")
# runserver's "listen everywhere" addresses name no host a reader can use; the dev settings
# allow only the loopback names anyway, so links point there.
WILDCARDS = {"0.0.0.0", "::", "0"}  # noqa: S104 - compared against, never bound
LOOPBACK = "127.0.0.1"


def parse_address(address):
    """(hostname, port) from runserver's forms: PORT, HOST:PORT or [IPV6]:PORT."""
    address = address.strip()
    if address.isdigit() and len(address) <= 5:
        host, port = LOOPBACK, int(address)
    else:
        match = ADDRESS.fullmatch(address)
        if not match:
            raise CommandError(f'"{address}" is not an address such as 127.0.0.1:8000 or 8000.')
        port = int(match["port"])
        if match["ipv6"]:
            try:
                ip = ipaddress.IPv6Address(match["ipv6"])
            except ValueError as error:
                raise CommandError(f'"{match["ipv6"]}" is not an IPv6 address.') from error
            host = LOOPBACK if ip.is_unspecified else f"[{ip.compressed}]"
        elif HOSTNAME.fullmatch(match["host"]) and ".." not in match["host"]:
            host = LOOPBACK if match["host"] in WILDCARDS else match["host"].lower()
        else:
            raise CommandError(f'"{match["host"]}" is not a host name or IP address.')
    if not 1 <= port <= 65535:
        raise CommandError(f"Port {port} is out of range (1 to 65535).")
    return host, port


class Command(BaseCommand):
    help = (
        "Set the default Site's host name and port from the address the site is served at "
        "(as given to runserver), so absolute links use it rather than localhost."
    )

    def add_arguments(self, parser):
        parser.add_argument("address", help="PORT, HOST:PORT or [IPV6]:PORT, e.g. 127.0.0.1:8000")
        parser.add_argument(
            "--print-url",
            action="store_true",
            help="Print only the site's root URL (for WAGTAILADMIN_BASE_URL in `make run`).",
        )

    @transaction.atomic
    def handle(self, *args, address, print_url=False, **options):
        hostname, port = parse_address(address)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default site yet: run `manage.py migrate` first.")
        before = site.root_url
        if (site.hostname, site.port) != (hostname, port):
            site.hostname, site.port = hostname, port
            try:
                site.full_clean()
                with transaction.atomic():
                    site.save()
            except (ValidationError, IntegrityError) as error:
                raise CommandError(f"Cannot move the site to {hostname}:{port}: {error}") from error
        if print_url:
            self.stdout.write(site.root_url)
        elif options["verbosity"] > 0:
            if site.root_url == before:
                self.stdout.write(f"Site address unchanged: {site.root_url}")
            else:
                self.stdout.write(
                    self.style.SUCCESS(f"Site address: {site.root_url} (was {before})")
                )
