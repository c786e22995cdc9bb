"""The request's Wagtail Site in one plain query: the serving app's only private Wagtail name.

Wagtail finds the Site for a request (``Site.find_for_request``) with an ORM query that ranks
the candidates with a CASE expression and joins the root page, and keeps the answer on the
request as ``request._wagtail_site``. Building that query cost more Python than anything else
in a page view served from the fragment cache (about a quarter of its CPU at 10,000
articles), and it runs on every page view because every page links pages (``get_url``),
shows the navigation and reads site settings.

`attach_site` reads the same rows with one fixed SQL statement (prepared once per connection),
builds the Site and its root page with ``Model.from_db`` (Django's documented way of making
instances from a row) and picks the Site by Wagtail's own rules (``get_site_for_hostname``):
hostname and port; else hostname and the default site; else the default site, unless exactly
one other site has the hostname. It then sets ``request._wagtail_site``, so Wagtail and our
code asking ``Site.find_for_request`` get it without a query. Nothing is kept between
requests: a Site changed in the admin is seen by the next request.

``request._wagtail_site`` is private; `tests/serving/test_sites.py` checks that Wagtail still
reads it and that `attach_site` answers what Wagtail answers for every kind of match.
"""

from functools import cache

from django.db import connection
from django.http.request import split_domain_port

from wagtail.models import Page, Site

REQUEST_ATTRIBUTE = "_wagtail_site"  # where Site.find_for_request keeps its answer


@cache
def _statement():
    """(SQL, [(attname, converters)] of Site, the same of Page): the sites for a hostname, with
    their root pages, and how the ORM would turn each column's value into Python."""
    quote = connection.ops.quote_name
    site_fields, page_fields = Site._meta.concrete_fields, Page._meta.concrete_fields
    columns = ", ".join(
        [f"s.{quote(field.column)}" for field in site_fields]
        + [f"p.{quote(field.column)}" for field in page_fields]
    )
    # Identifiers from the models' metadata, quoted; the hostname is a parameter.
    table_site, table_page = quote(Site._meta.db_table), quote(Page._meta.db_table)
    joined = (
        f"{table_site} s INNER JOIN {table_page} p ON p.{quote('id')} = s.{quote('root_page_id')}"
    )
    where = f"s.{quote('hostname')} = %s OR s.{quote('is_default_site')}"
    sql = f"SELECT {columns} FROM {joined} WHERE {where}"  # noqa: S608
    return sql, _converting(site_fields, "s"), _converting(page_fields, "p")


def _converting(fields, alias):
    """[(attname, [converter, ...], column)]: what the ORM's compiler applies to each value
    (the backend's converters, then the field's), so a row read here matches one it reads."""
    result = []
    for field in fields:
        column = field.get_col(alias)
        converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        result.append((field.attname, converters, column))
    return result


def _instance(model, fields, values):
    converted = []
    for (_name, converters, column), value in zip(fields, values, strict=True):
        for converter in converters:
            value = converter(value, column, connection)
        converted.append(value)
    return model.from_db(connection.alias, [name for name, _c, _col in fields], converted)


def sites_for(hostname):
    """Every Site whose hostname is `hostname` or that is the default, root page attached."""
    sql, site_fields, page_fields = _statement()
    with connection.cursor() as cursor:
        cursor.execute(sql, [hostname])
        rows = cursor.fetchall()
    sites = []
    for row in rows:
        site = _instance(Site, site_fields, row[: len(site_fields)])
        site.root_page = _instance(Page, page_fields, row[len(site_fields) :])
        sites.append(site)
    return sites


def choose(sites, hostname, port):
    """The Site Wagtail's ``get_site_for_hostname`` picks among `sites`, or None."""
    for wanted in (
        lambda site: site.hostname == hostname and site.port == port,
        lambda site: site.hostname == hostname and site.is_default_site,
    ):
        for site in sites:
            if wanted(site):
                return site
    defaults = [site for site in sites if site.is_default_site]
    others = [site for site in sites if not site.is_default_site]
    if defaults:
        return others[0] if len(others) == 1 else defaults[0]
    return others[0] if len(others) == 1 else None


def attach_site(request):
    """The request's Site (or None), found in one query and kept where Wagtail looks."""
    if hasattr(request, REQUEST_ATTRIBUTE):
        return getattr(request, REQUEST_ATTRIBUTE)
    hostname = split_domain_port(request.get_host())[0]
    try:
        port = int(request.get_port())
    except ValueError:
        port = None
    site = choose(sites_for(hostname), hostname, port)
    setattr(request, REQUEST_ATTRIBUTE, site)
    return site
