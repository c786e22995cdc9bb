"""Every request leaves one JSON log line, and every error line says which request it was."""

import io
import json
import logging

import pytest

from django.conf import settings
from django.test import Client, override_settings
from django.urls import path

from serving.logs import JSONFormatter, RequestIDFilter


def broken_view(request):
    raise ValueError("the reading-time calculation failed")


urlpatterns = [path("broken/", broken_view)]


@pytest.fixture
def log_lines():
    """The JSON lines our logging config would print, captured from the root logger."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JSONFormatter())
    handler.addFilter(RequestIDFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)


def test_logging_config_writes_json_to_stdout():
    handler = settings.LOGGING["handlers"]["console"]
    assert handler["stream"] == "ext://sys.stdout"
    assert settings.LOGGING["formatters"][handler["formatter"]]["()"].endswith("JSONFormatter")


def test_each_request_logs_one_line_with_its_id(client, site, log_lines):
    response = client.get("/search/", {"q": "burning feet", "zip": "55905"})
    request_id = response["X-Request-ID"]
    lines = [line for line in log_lines() if line["logger"] == "neuropain.request"]
    assert len(lines) == 1
    line = lines[0]
    assert line["request_id"] == request_id
    assert (line["method"], line["path"], line["status"]) == ("GET", "/search/", 200)
    assert line["duration_ms"] >= 0
    # Searches and ZIP codes are personal on a health site: query strings are not logged.
    assert "burning" not in json.dumps(line) and "55905" not in json.dumps(line)


def test_a_proxys_request_id_is_kept_and_junk_is_replaced(client, site):
    kept = client.get("/", HTTP_X_REQUEST_ID="lb-7f3a9c01-42")
    assert kept["X-Request-ID"] == "lb-7f3a9c01-42"
    replaced = client.get("/", HTTP_X_REQUEST_ID="evil\r\nSet-Cookie: x=1")
    assert replaced["X-Request-ID"] != "evil\r\nSet-Cookie: x=1"
    assert len(replaced["X-Request-ID"]) == 32


@override_settings(ROOT_URLCONF=__name__)
def test_errors_are_logged_with_the_request_id_and_traceback(db, log_lines):
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.text
    errors = [line for line in log_lines() if line["logger"] == "django.request"]
    assert errors and errors[0]["level"] == "ERROR"
    assert errors[0]["request_id"] == response["X-Request-ID"]
    assert "the reading-time calculation failed" in errors[0]["exception"]


def test_client_errors_carry_the_request_id_too(client, site, log_lines):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    warnings = [line for line in log_lines() if line["logger"] == "django.request"]
    assert warnings[0]["request_id"] == response["X-Request-ID"]


@pytest.fixture
def console_lines():
    """What the configured console handler (settings.LOGGING) prints, as parsed JSON lines."""
    handler = next(
        h for h in logging.getLogger().handlers if isinstance(h.formatter, JSONFormatter)
    )
    stream = io.StringIO()
    # Swapped directly rather than with setStream(), which first flushes the old stream: under
    # pytest's capture (and in an xdist process) that may already be closed.
    previous, handler.stream = handler.stream, stream
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    handler.stream = previous


def test_a_missing_page_is_logged_once(client, site, console_lines):
    """Django's "Not Found" warning would repeat the request line: only ours is printed."""
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    lines = console_lines()
    assert [(line["logger"], line["status"]) for line in lines] == [("neuropain.request", 404)]
    assert lines[0]["request_id"] == response["X-Request-ID"]


def test_runserver_access_lines_are_dropped_but_its_other_messages_kept(console_lines):
    """Under `make run` runserver logs each request too; our middleware already has."""
    server = logging.getLogger("django.server")
    server.info('"%s" %s %s', "GET /articles/ HTTP/1.1", "200", "5120", extra={"status_code": 200})
    server.warning('"%s" %s %s', "GET /nope/ HTTP/1.1", "404", "99", extra={"status_code": 404})
    server.info("- Broken pipe from %s", ("127.0.0.1", 50000))
    assert [line["message"] for line in console_lines()] == [
        "- Broken pipe from ('127.0.0.1', 50000)"
    ]


@override_settings(ROOT_URLCONF=__name__)
def test_a_server_error_keeps_its_traceback_line(db, console_lines):
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    loggers = [line["logger"] for line in console_lines()]
    assert loggers.count("neuropain.request") == 1
    assert loggers.count("django.request") == 1
