"""The MDN HTTP Observatory's header tests and scores (its "Tests & scoring" page), applied
to responses we fetched ourselves: for a site behind a self-signed certificate on loopback,
which the scanner itself (bench.scripts.observatory) cannot reach over HTTPS.

Each rule returns (test, result, score modifier); ``grade`` adds them to 100 (bonuses only
from 90 up, as the Observatory does) and maps the total to a letter.
"""

import re
from http.cookies import SimpleCookie

SIX_MONTHS = 15_768_000
PRIVATE_REFERRERS = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
GRADES = [
    (100, "A+"), (90, "A"), (85, "A-"), (80, "B+"), (70, "B"), (65, "B-"),
    (60, "C+"), (50, "C"), (45, "C-"), (40, "D+"), (30, "D"), (25, "D-"), (0, "F"),
]  # fmt: skip
SESSION_COOKIES = ("sessionid", "csrftoken")


def directives(policy):
    found = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            found[words[0].lower()] = [w.lower() for w in words[1:]]
    return found


def csp(headers):
    policy = headers.get("Content-Security-Policy")
    if not policy:
        return "csp-not-implemented", -25
    parts = directives(policy)
    scripts = parts.get("script-src", parts.get("default-src", []))
    styles = parts.get("style-src", parts.get("default-src", []))
    if "'unsafe-inline'" in scripts and not any(w.startswith("'nonce-") for w in scripts):
        return "csp-implemented-with-unsafe-inline", -20
    if "'unsafe-eval'" in scripts:
        return "csp-implemented-with-unsafe-eval", -10
    if "'unsafe-inline'" in styles:
        return "csp-implemented-with-unsafe-inline-in-style-src-only", 0
    if parts.get("default-src") == ["'none'"]:
        return "csp-implemented-with-no-unsafe-default-src-none", 10
    return "csp-implemented-with-no-unsafe", 5


def cookies(set_cookie_headers):
    if not set_cookie_headers:
        return "cookies-not-found", 0
    jar = SimpleCookie()
    for header in set_cookie_headers:
        jar.load(header)
    for name, morsel in jar.items():
        if not morsel["secure"]:
            return "cookies-without-secure-flag", -20
        if name in SESSION_COOKIES and not morsel["httponly"]:
            return "cookies-session-without-httponly-flag", -30
        if morsel["samesite"].lower() not in ("lax", "strict"):
            return "cookies-secure-with-httponly-sessions", 0
    return "cookies-secure-with-httponly-sessions-and-samesite", 5


def redirection(http_status, location, host):
    if http_status not in (301, 302, 307, 308) or not location:
        return "redirection-missing", -20
    if not location.startswith("https://"):
        return "redirection-not-to-https", -20
    if not re.match(rf"https://{re.escape(host)}(:\d+)?/", location):
        return "redirection-off-host-from-http", -5
    return "redirection-to-https", 0


def referrer_policy(headers):
    values = [v.strip().lower() for v in headers.get("Referrer-Policy", "").split(",") if v]
    if not values:
        return "referrer-policy-not-implemented", 0
    return (
        ("referrer-policy-private", 5)
        if values[-1] in PRIVATE_REFERRERS
        else (
            "referrer-policy-unsafe",
            -5,
        )
    )


def hsts(headers):
    value = headers.get("Strict-Transport-Security", "")
    match = re.search(r"max-age=(\d+)", value)
    if not match:
        return "hsts-not-implemented", -20
    if int(match.group(1)) < SIX_MONTHS:
        return "hsts-implemented-max-age-less-than-six-months", -10
    return "hsts-implemented-max-age-at-least-six-months", 0


def content_type_options(headers):
    if headers.get("X-Content-Type-Options", "").lower() == "nosniff":
        return "x-content-type-options-nosniff", 0
    return "x-content-type-options-not-implemented", -5


def frame_options(headers):
    ancestors = directives(headers.get("Content-Security-Policy", "")).get("frame-ancestors")
    if ancestors in (["'none'"], ["'self'"]):
        return "x-frame-options-implemented-via-csp", 5
    if headers.get("X-Frame-Options", "").upper() in ("DENY", "SAMEORIGIN"):
        return "x-frame-options-sameorigin-or-deny", 0
    return "x-frame-options-not-implemented", -20


def scan(https_headers, set_cookie_headers, http_status, http_location, host):
    """{test: (result, modifier)} for one page fetched over HTTPS, its cookies (from any page
    of the site) and the answer to the same address over plain HTTP."""
    results = {
        "content-security-policy": csp(https_headers),
        "cookies": cookies(set_cookie_headers),
        "redirection": redirection(http_status, http_location, host),
        "referrer-policy": referrer_policy(https_headers),
        "strict-transport-security": hsts(https_headers),
        "x-content-type-options": content_type_options(https_headers),
        "x-frame-options": frame_options(https_headers),
    }
    return results


def grade(results):
    """(score, letter): penalties first; bonuses only count from 90 up."""
    score = 100 + sum(modifier for _result, modifier in results.values() if modifier < 0)
    if score >= 90:
        score += sum(modifier for _result, modifier in results.values() if modifier > 0)
    letter = next(letter for floor, letter in GRADES if score >= floor)
    return score, letter
