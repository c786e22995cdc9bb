"""The production front (deploy/nginx/neuropain.conf): nginx terminating TLS and buffering
slow clients, in front of Varnish and the site, scored by the MDN HTTP Observatory's rules."""

import http.client
import socket
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from bench import front as varnish
from bench.scripts import observatory_rules
from tests.factories import ArticlePageFactory
from tests.serving import nginx

pytestmark = pytest.mark.skipif(
    not (nginx.available() and varnish.available()),
    reason="nginx, openssl or varnishd is not installed (apt-get install nginx varnish)",
)


def https(front, path, method="GET", headers=None):
    context = ssl.create_default_context(cafile=str(front.certificate))
    context.check_hostname = False  # the certificate names nginx.SERVER_NAME, not 127.0.0.1
    connection = http.client.HTTPSConnection(
        "127.0.0.1", front.https_port, timeout=10, context=context
    )
    try:
        connection.request(method, path, headers={"Host": nginx.SERVER_NAME, **(headers or {})})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def plain_http(front, path):
    connection = http.client.HTTPConnection("127.0.0.1", front.http_port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": nginx.SERVER_NAME})
        response = connection.getresponse()
        return response.status, response.headers
    finally:
        connection.close()


@pytest.fixture
def production_like(settings):
    """What production.py sets for HTTPS behind a proxy (the live server's middleware was
    built with the test settings; these are read per request)."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.ALLOWED_HOSTS = [nginx.SERVER_NAME]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_site_over_tls_scores_a_plus(live_server, production_like, article_index, quiz_index):
    from tests.factories import QuizPageFactory

    article = ArticlePageFactory(parent=article_index, title="Burning feet at night")
    quiz = QuizPageFactory(parent=quiz_index, title="Nerve pain quiz")
    with (
        varnish.Varnish("127.0.0.1", live_server.thread.port) as cache,
        nginx.Nginx(cache.port) as front,
    ):
        status, headers, body = https(front, article.url)
        assert status == 200 and b"Burning feet at night" in body
        assert https(front, article.url)[1]["X-Cache"] == "HIT"  # through Varnish
        cookies = https(front, quiz.url)[1].get_all("Set-Cookie")
        assert cookies, "the quiz's form sets its CSRF cookie"
        http_status, http_headers = plain_http(front, article.url)
        results = observatory_rules.scan(
            headers, cookies, http_status, http_headers.get("Location"), nginx.SERVER_NAME
        )
        score, letter = observatory_rules.grade(results)
    failing = {test: r for test, r in results.items() if r[1] < 0}
    assert not failing, failing
    assert headers["Strict-Transport-Security"].startswith("max-age=63072000")
    assert headers.get_all("Strict-Transport-Security") == [
        "max-age=63072000; includeSubDomains; preload"
    ]
    assert results["cookies"][0] == "cookies-secure-with-httponly-sessions-and-samesite"
    assert http_status == 301 and http_headers["Location"].startswith("https://")
    assert letter == "A+", results
    assert score == 125  # every bonus the headers can earn (preloading needs a real domain)


# --- Slow clients, against a backend that serves one request at a time --------------------


class OneAtATime(BaseHTTPRequestHandler):
    """One connection at a time, closed after each response."""

    def do_GET(self):  # noqa: N802 - the HTTP method's name
        body = b"fine" if self.path != "/healthz/" else b"ok"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "private")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def single_worker():
    """Like one sync gunicorn worker: a client that is slow to send its request holds it."""
    server = HTTPServer(("127.0.0.1", 0), OneAtATime)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def trickle(sock, stop):
    """Send a request's headers a few bytes at a time, as a slow or hostile client does."""
    try:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: " + nginx.SERVER_NAME.encode() + b"\r\n")
        while not stop.is_set():
            sock.sendall(b"X-Slow: 1\r\n")
            stop.wait(0.5)
    except OSError:
        pass


def slow_clients(count, connect):
    stop = threading.Event()
    sockets = [connect() for _ in range(count)]
    threads = [threading.Thread(target=trickle, args=(s, stop), daemon=True) for s in sockets]
    for thread in threads:
        thread.start()
    return stop, sockets


def test_slow_clients_do_not_hold_the_workers(single_worker):
    port = single_worker.server_address[1]
    with nginx.Nginx(port) as front:
        context = ssl.create_default_context(cafile=str(front.certificate))
        context.check_hostname = False

        def tls_connection():
            raw = socket.create_connection(("127.0.0.1", front.https_port), timeout=10)
            return context.wrap_socket(raw, server_hostname=nginx.SERVER_NAME)

        stop, sockets = slow_clients(6, tls_connection)
        try:
            time.sleep(1)  # the trickling has started
            for _ in range(5):
                start = time.monotonic()
                status, _headers, body = https(front, "/")
                assert (status, body) == (200, b"fine")
                assert time.monotonic() - start < 1.0
        finally:
            stop.set()
            for sock in sockets:
                sock.close()

    # Without nginx, one trickling client holds the worker: nothing else is answered.
    stop, sockets = slow_clients(1, lambda: socket.create_connection(("127.0.0.1", port)))
    try:
        time.sleep(0.3)
        direct = http.client.HTTPConnection("127.0.0.1", port, timeout=1.5)
        with pytest.raises(TimeoutError):
            direct.request("GET", "/")
            direct.getresponse()
        direct.close()
    finally:
        stop.set()
        for sock in sockets:
            sock.close()
