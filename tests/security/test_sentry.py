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
from django.test import Client
from django.test.utils import override_settings
from django.urls import path

def broken(request):
    raise RuntimeError("nerve map failed to load")

urls = types.ModuleType("sentry_probe_urls")
urls.urlpatterns = [path("broken/", broken)]
sys.modules["sentry_probe_urls"] = urls
with override_settings(ROOT_URLCONF="sentry_probe_urls"):
    response = Client(raise_request_exception=False).get(
        "/broken/?q=my+diabetes", secure=True, HTTP_HOST="neuropain.example",
        HTTP_X_REQUEST_ID="probe-request-0001",
    )
print(response.status_code)
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
    assert "my+diabetes" not in json.dumps(event)
    assert "REMOTE_ADDR" not in json.dumps(event.get("request", {}))
