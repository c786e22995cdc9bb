"""Security headers on every public page type, and a CSP that the pages actually satisfy."""

import re

from django.test import Client, override_settings

PUBLIC_CSP = {
    "default-src": {"'none'"},
    "frame-ancestors": {"'none'"},
    "object-src": {"'none'"},
    "base-uri": {"'none'"},
    "form-action": {"'self'"},
}
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
STYLE_TAG = re.compile(r"<style\b([^>]*)>", re.IGNORECASE)
DATA_BLOCK_TYPES = {"application/ld+json", "application/json"}


def csp_directives(header):
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = set(values)
    return directives


def attribute(attrs, name):
    match = re.search(rf'\b{name}="([^"]*)"', attrs)
    return match.group(1) if match else None


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_every_public_page_type_sends_the_security_headers(client, public_urls):
    for name, url in public_urls.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "not found" else 200), name
        assert_common_headers(response)
        csp = csp_directives(response["Content-Security-Policy"])
        for directive, expected in PUBLIC_CSP.items():
            assert csp[directive] == expected, (name, directive)
        for directive in ("script-src", "style-src"):
            assert "'unsafe-inline'" not in csp[directive], (name, directive)
            assert "'unsafe-eval'" not in csp[directive], (name, directive)


def test_public_pages_carry_no_markup_the_policy_would_block(client, public_urls):
    """Inline scripts and styles need the response's nonce; handlers and style attributes
    can't have one, so a page using them would silently break in browsers."""
    for name, url in public_urls.items():
        response = client.get(url)
        html = response.text
        csp = csp_directives(response["Content-Security-Policy"])
        nonces = {v for v in csp["script-src"] if v.startswith("'nonce-")}
        for attrs in SCRIPT_TAG.findall(html):
            if attribute(attrs, "src") or attribute(attrs, "type") in DATA_BLOCK_TYPES:
                continue
            nonce = attribute(attrs, "nonce")
            assert nonce and f"'nonce-{nonce}'" in nonces, (name, attrs)
        for attrs in STYLE_TAG.findall(html):
            nonce = attribute(attrs, "nonce")
            assert nonce and f"'nonce-{nonce}'" in csp["style-src"], (name, attrs)
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html, re.IGNORECASE), name
        assert not re.search(r"<[^>]+\sstyle\s*=", html, re.IGNORECASE), name
        assert "javascript:" not in html.lower(), name


def test_public_pages_have_one_constant_policy_and_json_ld_needs_no_nonce(client, public_urls):
    """JSON-LD is a data block, never executed: script-src does not apply to it. With no
    inline script, a public page's policy is the same for every reader, so the page cache
    can store it with the page."""
    policies = set()
    for name, url in public_urls.items():
        response = client.get(url)
        blocks = [
            attrs
            for attrs in SCRIPT_TAG.findall(response.text)
            if attribute(attrs, "type") == "application/ld+json"
        ]
        if name in ("article", "drug"):
            assert blocks, name
        assert all(not attribute(attrs, "nonce") for attrs in blocks), name
        policies.add(response["Content-Security-Policy"])
    assert len(policies) == 1
    assert "'nonce-" not in policies.pop()


def test_nonce_differs_per_response(rf):
    from serving.security import ContentSecurityPolicyMiddleware

    nonces = set()
    for _ in range(3):
        request = rf.get("/")
        middleware = ContentSecurityPolicyMiddleware(lambda r: None)
        middleware.process_request(request)
        nonces.add(str(request.csp_nonce))
    assert len(nonces) == 3


def test_brand_redirect_and_robots_have_headers(client, public_site):
    response = client.get("/drugs/brand/neurontin/")
    assert response.status_code == 301
    assert response["Location"] == f"{public_site['drug'].url}?brand=neurontin"
    assert_common_headers(response)
    robots = client.get("/robots.txt")
    assert_common_headers(robots)
    assert "Content-Security-Policy" in robots


def test_admin_gets_its_own_looser_policy(client, site):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    csp = csp_directives(response["Content-Security-Policy"])
    # Wagtail's admin needs inline scripts and styles, and frames its own previews.
    assert "'unsafe-inline'" in csp["script-src"]
    assert csp["frame-ancestors"] == {"'self'"}
    assert csp["object-src"] == {"'none'"}
    assert_common_headers(response)


@override_settings(
    SECURE_SSL_REDIRECT=True,
    SECURE_HSTS_SECONDS=63072000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SECURE_HSTS_PRELOAD=True,
)
def test_https_redirect_and_preload_ready_hsts(client, site):
    insecure = client.get("/articles/")
    assert insecure.status_code == 301
    assert insecure["Location"].startswith("https://")
    secure = client.get("/articles/", secure=True)
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains; preload"


@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_cookies_are_secure_httponly_and_samesite(client, site, django_user_model):
    django_user_model.objects.create_superuser("cookie-editor", "c@example.com", "Cookie-pw-1")
    login_page = client.get("/admin/login/", secure=True)
    csrf = login_page.cookies["csrftoken"]
    response = client.post(
        "/admin/login/",
        {
            "username": "cookie-editor",
            "password": "Cookie-pw-1",
            "csrfmiddlewaretoken": csrf.value,
        },
        secure=True,
    )
    assert response.status_code == 302
    for name in ("sessionid", "csrftoken"):
        cookie = client.cookies[name]
        assert cookie["secure"] is True, name
        assert cookie["httponly"] is True, name
        assert cookie["samesite"] == "Lax", name


def test_every_post_form_carries_a_csrf_token(client, public_urls):
    for name, page_url in public_urls.items():
        html = client.get(page_url).text
        for form in re.findall(r"<form\b[^>]*>.*?</form>", html, re.IGNORECASE | re.DOTALL):
            if re.search(r'method="post"', form, re.IGNORECASE):
                assert 'name="csrfmiddlewaretoken"' in form, name


def test_a_forged_form_post_is_refused_with_a_clear_page(public_site):
    browser = Client(enforce_csrf_checks=True)
    quiz_url = public_site["quiz"].url
    assert browser.get(quiz_url).status_code == 200
    response = browser.post(quiz_url, {"question-1": "1"})
    assert response.status_code == 403
    assert "Please send the form again" in response.text
