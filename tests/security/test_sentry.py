"""With SENTRY_DSN set, a server error reaches Sentry tagged with the request id, without the
reader's query string or address. A local HTTP server stands in for Sentry."""

import gzip
import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Runs with production settings in a fresh interpreter: a view that fails, requested once.
FAIL_ONCE = """
import sys, types
import django
django.setup()
import sentry_sdk
from django.test.utils import override_settings
from django.urls import path
from wsgiref.util import setup_testing_defaults
from neuropain.wsgi import application

def broken(request):
    raise RuntimeError("nerve map failed to load")

urls = types.ModuleType("sentry_probe_urls")
urls.urlpatterns = [path("broken/", broken)]
sys.modules["sentry_probe_urls"] = urls
environ = {
    "PATH_INFO": "/broken/", "QUERY_STRING": "q=my+diabetes", "wsgi.url_scheme": "https",
    "HTTP_HOST": "neuropain.example", "HTTP_X_REQUEST_ID": "probe-request-0001",
    "HTTP_COOKIE": "sessionid=reader-session", "REMOTE_ADDR": "198.51.100.7",
}
setup_testing_defaults(environ)
statuses = []
with override_settings(ROOT_URLCONF="sentry_probe_urls"):
    # Through the WSGI application, as gunicorn calls it, where Sentry reads the request.
    b"".join(application(environ, lambda status, headers: statuses.append(status)))
print(statuses[0].split()[0])
sentry_sdk.flush(timeout=5)
"""


class Envelopes(BaseHTTPRequestHandler):
    received = []

    def do_POST(self):  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        self.received.append(body.decode())
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


def test_a_server_error_is_reported_with_its_request_id_and_no_query_string():
    server = HTTPServer(("127.0.0.1", 0), Envelopes)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        env = {
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "neuropain.settings.production",
            "SECRET_KEY": "k" * 50,
            "ALLOWED_HOSTS": "neuropain.example",
            "SENTRY_DSN": f"http://publickey@127.0.0.1:{server.server_port}/42",
            "SENTRY_ENVIRONMENT": "test",
        }
        result = subprocess.run(  # noqa: S603 - this interpreter, fixed script
            [sys.executable, "-c", FAIL_ONCE],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        server.shutdown()
    assert result.stdout.strip().splitlines()[-1] == "500", result.stderr
    events = [
        json.loads(line)
        for envelope in Envelopes.received
        for line in envelope.splitlines()
        if '"exception"' in line
    ]
    assert len(events) == 1
    event = events[0]
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    assert event["exception"]["values"][-1]["value"] == "nerve map failed to load"
    assert event["tags"]["request_id"] == "probe-request-0001"
    assert event["environment"] == "test"
    # Where it happened, without the search, the session or the reader's address.
    assert event["request"]["url"] == "https://neuropain.example/broken/"
    assert event["request"]["method"] == "GET"
    assert event["request"]["headers"]["Cookie"] == "[Filtered]"
    assert "my+diabetes" not in json.dumps(event)
    assert "reader-session" not in json.dumps(event)
    assert "198.51.100.7" not in json.dumps(event)
