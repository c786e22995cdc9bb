vcl 4.1;
# NeuroPain's page cache: Varnish in front of gunicorn (README "Running at scale").
#
# Keeps what the site marks public (Cache-Control: public, s-maxage=N) for anonymous readers,
# for as long as s-maxage says; publishing purges the addresses that show a page
# (serving/frontend_cache.py sends PURGE, or BAN for everything). A purged page is fetched
# afresh on its next request while the application answers its health check; while it does
# not, or when a fetch fails or answers a server error, readers get the last copy (grace)
# rather than an error, and an error is never kept. The rules mirror
# serving/requests.py: keep them in step (tests/serving/test_varnish.py runs both).
#
# The backend address is the only thing to change (tests swap the marked block below for
# their own backend).

import std;
import purge;

# --- The application -------------------------------------------------------------------
# BACKEND-START (tests replace this block with their own backend)
backend app {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
    .probe = {
        .url = "/healthz/";
        .timeout = 2s;
        .interval = 2s;
        .window = 5;
        .threshold = 3;
    }
}
# BACKEND-END

# Who may PURGE and BAN: the application on this machine.
acl purgers {
    "localhost";
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # Purges from the application: PURGE one address (any host, any copy); BAN all.
    if (req.method == "PURGE" || req.method == "BAN") {
        if (!client.ip ~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.method == "BAN") {
            ban("obj.http.x-url ~ .");
            return (synth(200, "Banned"));
        }
        # Copies under another host name or with a query string are dropped (bans); the copy
        # the purge names is marked expired but kept (vcl_hit and vcl_miss: purge.soft), so a
        # publish made while the application is failing its health check leaves readers the
        # last copy instead of an error. vcl_recv's grace decides which they get.
        set req.http.host = std.tolower(regsub(req.http.host, ":[0-9]+$", ""));
        set req.url = regsub(req.url, "\?.*$", "");
        ban("obj.http.x-url == " + req.url + " && obj.http.x-host != " + req.http.host);
        ban("obj.http.x-url == " + req.url + " && obj.http.x-query ~ .");
        return (hash);
    }

    # Set only by vcl_synth, on the restart after a failed fetch.
    if (req.restarts == 0) {
        unset req.http.x-stale-if-error;
    }

    # Host: lower case, without a port (one copy, whichever port a reader used).
    set req.http.host = std.tolower(regsub(req.http.host, ":[0-9]+$", ""));

    set req.http.X-Cache = "PASS";
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The admin (previews included), health checks, documents, page-password forms.
    if (req.url ~ "^/(admin|healthz|documents|_util)(/|\?|$)") {
        return (pass);
    }
    # Signed in, a password-protected page unlocked, or a message waiting: personal.
    if (req.http.cookie ~ "(^|;\s*)(sessionid|messages)=" || req.http.authorization) {
        return (pass);
    }
    unset req.http.X-Cache;

    # Anonymous: the page is the same for every reader, cookies play no part.
    unset req.http.cookie;

    # Cache key: only the query parameters pages read, sorted (serving/requests.py).
    if (req.url ~ "\?") {
        set req.url = regsuball(req.url, "([?&])(?!(q|group|exact|page|topic|letter|class|a|zip_code|radius|city|state|specialty|sort)=)[^&]*", "\1");
        set req.url = regsuball(req.url, "&+", "&");
        set req.url = regsub(req.url, "\?&", "?");
        set req.url = regsub(req.url, "[?&]$", "");
        set req.url = std.querysort(req.url);
    }
    # While the application answers its health check, an expired or purged copy is refetched
    # at once (readers of the same address wait for that one fetch); while it does not, and
    # after a fetch that failed, copies are served up to beresp.grace old.
    # (req.grace outlives a restart, hence set either way.)
    if (req.http.x-stale-if-error) {
        set req.grace = 24h;
    } elsif (std.healthy(req.backend_hint)) {
        set req.grace = 0s;
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.host);
    return (lookup);
}

sub vcl_backend_response {
    # For purges by address (lurker-friendly bans).
    set beresp.http.x-url = regsub(bereq.url, "\?.*$", "");
    set beresp.http.x-host = bereq.http.host;
    if (bereq.url ~ "\?") {
        set beresp.http.x-query = "1";
    }

    # A server error never replaces a copy and is never kept: the fetch is abandoned and the
    # reader given the last copy, or the application's own error page (vcl_synth, vcl_miss).
    if (beresp.status >= 500 && !bereq.uncacheable) {
        return (abandon);
    }

    # Only what the application marks public is kept; never a response that sets a cookie.
    if (beresp.http.set-cookie
        || beresp.http.cache-control ~ "(private|no-cache|no-store)"
        || beresp.http.cache-control !~ "(public|s-maxage)"
        || (beresp.http.vary && beresp.http.vary !~ "^\s*(Cookie|Accept-Encoding)(\s*,\s*(Cookie|Accept-Encoding))*\s*$")) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # While the application is down, serve what we have for up to six hours.
    set beresp.grace = 6h;
    return (deliver);
}

sub vcl_hit {
    if (req.method == "PURGE") {
        purge.soft(0s);
        return (synth(200, "Purged"));
    }
    return (deliver);
}

sub vcl_miss {
    if (req.method == "PURGE") {
        purge.soft(0s);
        return (synth(200, "Purged"));
    }
    # A fetch failed and there is no copy to fall back on: the application answers this one
    # itself (its "back soon" page, say), and nothing is kept.
    if (req.http.x-stale-if-error) {
        return (pass);
    }
}

sub vcl_backend_error {
    # Unreachable, timed out or marked sick: as a server error (vcl_backend_response). A pass
    # gets Varnish's own 503.
    if (!bereq.uncacheable) {
        return (abandon);
    }
}

sub vcl_deliver {
    unset resp.http.x-url;
    unset resp.http.x-host;
    unset resp.http.x-query;
    if (req.http.X-Cache) {
        set resp.http.X-Cache = req.http.X-Cache;
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # Browsers revalidate; only shared caches keep pages (the application says max-age=0).
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}

sub vcl_synth {
    # An abandoned fetch (a server error or no answer): once more, with the last copy allowed
    # however old it is (vcl_recv), so readers keep reading while the application recovers.
    if (resp.status == 503 && req.restarts == 0 && !req.http.x-stale-if-error
        && (req.method == "GET" || req.method == "HEAD")) {
        set req.http.x-stale-if-error = "1";
        return (restart);
    }
    set resp.http.Content-Type = "text/plain; charset=utf-8";
    set resp.body = resp.reason;
    return (deliver);
}
