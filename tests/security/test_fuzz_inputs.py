"""Property-based abuse of every public input: never a 5xx, never a payload reflected raw.

Random unicode, control characters (NUL included), very long strings, SQL and HTML payloads go
into search, drug filters, brand URLs, physician search, quiz posts, glossary and pagination.
"""

import re
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.conf import settings as django_settings
from django.db import connection
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path

from wagtail.models import Page

# 303: a form handled by post/redirect/get (the quiz) sends the reader on to its result.
ALLOWED_STATUSES = {200, 301, 302, 303, 400, 404, 405}
XSS_MARKERS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
]
PAYLOADS = [
    *XSS_MARKERS,
    "' OR '1'='1",
    "1; DROP TABLE wagtailcore_page; --",
    "1 UNION SELECT password FROM auth_user--",
    "\x00",
    "gaba\x00pentin",
    "\x1b[31m\x07",
    "%00",
    "%",
    "\u202egnp.exe",
    "\ufeff",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "${jndi:ldap://127.0.0.1/a}",
    "../../../../etc/passwd",
    '"' * 50,
    "(" * 200,
    'a:"b" c:"d" ' * 40,  # Wagtail query parsing (CVE-2024-39317 was a ReDoS here)
    "-1",
    "0",
    "99999999999999999999999999",
    "1e9",
    "NaN",
    "",
    " ",
]
FUZZ = settings(
    max_examples=50,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

any_text = st.text(max_size=200)
control_text = st.text(
    alphabet=st.characters(min_codepoint=0, max_codepoint=0x9F), min_size=1, max_size=40
)
long_text = st.text(alphabet=st.characters(codec="utf-8"), min_size=300, max_size=3000)
hostile = st.one_of(
    st.sampled_from(PAYLOADS),
    any_text,
    control_text,
    long_text,
    st.builds(lambda a, b: a + b, any_text, st.sampled_from(PAYLOADS)),
)
page_numbers = st.one_of(st.integers(min_value=-(10**30), max_value=10**30).map(str), hostile)


def assert_safe(response, label=""):
    assert response.status_code in ALLOWED_STATUSES, (label, response.status_code)
    if response.status_code == 400:
        assert "We couldn" in response.text or response.text.strip(), label
    body = response.content.decode(errors="replace")
    for marker in XSS_MARKERS:
        assert marker not in body, (label, marker)


@pytest.fixture
def quiz_field_names(client, public_site):
    html = client.get(public_site["quiz"].url).text
    form = re.search(r'<form class="quiz".*?</form>', html, re.DOTALL).group(0)
    return sorted(set(re.findall(r'name="([^"]+)"', form)) - {"csrfmiddlewaretoken"})


@FUZZ
@given(q=hostile, page=page_numbers)
def test_search(client, public_site, q, page):
    assert_safe(client.get("/search/", {"q": q, "page": page}), "search")


@pytest.mark.parametrize("q", ['"><img', 'say "burning feet', '"'])
def test_search_quotes(client, public_site, q):
    assert_safe(client.get("/search/", {"q": q}), "search")


@FUZZ
@given(letter=hostile, drug_class=hostile, page=page_numbers)
def test_drug_filters(client, public_site, letter, drug_class, page):
    url = public_site["drug_index"].url
    response = client.get(url, {"letter": letter, "class": drug_class, "page": page})
    assert_safe(response, "drugs")


@FUZZ
@given(slug=hostile)
def test_brand_urls(client, public_site, slug):
    response = client.get(f"/drugs/brand/{quote(slug, safe='')}/")
    assert_safe(response, "brand")
    if response.status_code in (301, 302):
        assert response["Location"] == public_site["drug"].url


@FUZZ
@given(
    fields=st.fixed_dictionaries(
        {},
        optional={
            "zip_code": st.one_of(st.from_regex(r"\A\d{5}\Z"), hostile),
            "city": hostile,
            "state": st.one_of(st.sampled_from(["MN", "CA", ""]), hostile),
            "specialty": st.one_of(st.sampled_from(["neurology", "pain-medicine"]), hostile),
            "sort": st.one_of(st.sampled_from(["distance", "name"]), hostile),
            "page": page_numbers,
        },
    )
)
def test_physician_search(client, public_site, fields):
    response = client.get(public_site["physician_search"].url, fields)
    assert_safe(response, "physicians")


@FUZZ
@given(data=st.data())
def test_quiz_posts(client, public_site, quiz_field_names, data):
    real = data.draw(st.lists(st.sampled_from(quiz_field_names), unique=True), label="answered")
    answers = {
        name: data.draw(st.one_of(st.sampled_from(["1", "2", "3"]), hostile)) for name in real
    }
    extra = data.draw(st.dictionaries(st.one_of(hostile, st.just("q99")), hostile, max_size=4))
    response = client.post(public_site["quiz"].url, {**extra, **answers})
    assert_safe(response, "quiz")


@FUZZ
@given(
    body=st.binary(max_size=2000),
    content_type=st.sampled_from(
        [
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz",
            "multipart/form-data",
            "application/json",
            "text/plain; charset=utf-16",
        ]
    ),
)
def test_raw_quiz_bodies(client, public_site, body, content_type):
    """Forged posts that no browser would send: garbage bodies and mismatched encodings."""
    response = client.generic("POST", public_site["quiz"].url, body, content_type=content_type)
    assert_safe(response, "quiz body")


@FUZZ
@given(params=st.dictionaries(st.sampled_from(["letter", "q", "term", "page"]), hostile))
def test_glossary(client, public_site, params):
    assert_safe(client.get(public_site["glossary"].url, params), "glossary")


@FUZZ
@given(topic=hostile, page=page_numbers)
def test_article_listing(client, public_site, topic, page):
    response = client.get(public_site["article_index"].url, {"topic": topic, "page": page})
    assert_safe(response, "articles")


@FUZZ
@given(
    section=st.sampled_from(["", "articles/", "drugs/", "quizzes/", "glossary/", "search/"]),
    segment=hostile,
    params=st.dictionaries(hostile, hostile, max_size=3),
)
def test_any_path_and_parameters(client, public_site, section, segment, params):
    response = client.get(f"/{section}{quote(segment, safe='')}/", params)
    assert_safe(response, "path")


@pytest.mark.parametrize("url", ["/articles/%00/", "/%1F/", "/drugs/brand/a%00b/", "/a%7F/"])
def test_control_characters_in_addresses_get_a_clear_400(client, public_site, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "characters we can" in response.text


def nul_lookup(request):
    """A view that trusts its input, as a new page might: the slug goes straight to a query."""
    exists = Page.objects.filter(slug=request.GET.get("slug", "")).exists()
    return HttpResponse(f"exists: {exists}")


urlpatterns = [path("lookup/", nul_lookup)]


@override_settings(ROOT_URLCONF=__name__)
def test_a_nul_that_reaches_postgresql_is_a_400_not_a_500(client, site):
    response = client.get("/lookup/", {"slug": "gaba\x00pentin"})
    if connection.vendor == "postgresql":  # SQLite stores NUL; PostgreSQL refuses it
        assert response.status_code == 400
        assert "characters we can" in response.text
    else:
        assert response.status_code == 200


def test_overlong_query_strings_are_refused(client, public_site):
    long_query = "nerve " * (django_settings.PUBLIC_MAX_QUERY_STRING // 5)
    response = client.get("/search/", {"q": long_query})
    assert response.status_code == 400
    assert "too long" in response.text


def test_oversized_form_posts_are_refused(client, public_site):
    body = "q1=" + "1" * (django_settings.PUBLIC_MAX_BODY_BYTES + 1)
    response = client.post(
        public_site["quiz"].url, body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert "too large" in response.text


def test_admin_paths_keep_their_own_limits(editor_client, site):
    """The admin may send long addresses (bulk actions list many ids); searches are capped
    everywhere, since each word nests the search expression one level deeper."""
    ids = "&".join(f"id={n}" for n in range(1, 600))
    assert editor_client.get(f"/admin/pages/search/?{ids}").status_code == 200
    longest = ("a " * 100)[: django_settings.MAX_SEARCH_QUERY]
    assert editor_client.get("/admin/pages/search/", {"q": longest}).status_code == 200
    too_long = editor_client.get("/admin/pages/search/", {"q": "nerve " * 500})
    assert too_long.status_code == 400
    assert "200 characters or fewer" in too_long.text
