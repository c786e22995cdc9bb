"""Structured logs: one JSON object per line on stdout, tied to requests by an id.

Query strings are never logged: searches and ZIP codes on a health site are personal.
"""

import contextvars
import datetime
import json
import logging
import re
import time
import uuid

request_id_var = contextvars.ContextVar("request_id", default="")
request_logger = logging.getLogger("neuropain.request")

# An id passed in by our proxy is kept (so its logs and ours join up) if it looks like one.
INCOMING_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
# Attributes every LogRecord has; anything else was passed with extra= and is logged.
STANDARD_ATTRIBUTES = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}
# The format of runserver's line per request (django.core.servers.basehttp).
RUNSERVER_ACCESS_LINE = '"%s" %s %s'


class RequestIDFilter(logging.Filter):
    def filter(self, record):
        if not getattr(record, "request_id", ""):
            # django.request logs some 4xx after our middleware returned; it passes the request.
            request = getattr(record, "request", None)
            record.request_id = request_id_var.get() or getattr(request, "id", "")
        return True


class OneLinePerRequestFilter(logging.Filter):
    """Each request is logged once, by RequestIDMiddleware: drop the other lines about it.

    Those are runserver's access line (`django.server`; the dev settings leave static files
    to WhiteNoise, below our middleware) and Django's warning for a 4xx answer (`django.request`: "Not Found: /x"), both
    saying what our line says. Errors stay, because they carry the traceback, and so does
    anything else runserver reports (a broken pipe, HTTPS spoken to plain HTTP).
    """

    def filter(self, record):
        if record.name == "django.server":
            return record.msg != RUNSERVER_ACCESS_LINE
        if record.name == "django.request" and record.levelno < logging.ERROR:
            return not hasattr(record, "status_code")
        return True


class JSONFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in STANDARD_ATTRIBUTES and key != "request" and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class RequestIDMiddleware:
    """Give each request an id (X-Request-ID in and out) and log one line when it finishes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = request_id_from(request.META.get("HTTP_X_REQUEST_ID", ""))
        token = request_id_var.set(request.id)
        start = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.id
            log_request(request.method, request.path, response.status_code, start)
            return response
        finally:
            request_id_var.reset(token)


def request_id_from(incoming):
    """The id our proxy sent, if it looks like one; otherwise a new one."""
    return incoming if INCOMING_ID.fullmatch(incoming) else uuid.uuid4().hex


def log_request(method, path, status, start, request_id=""):
    """The one line each request writes (query strings left out)."""
    request_logger.log(
        logging.ERROR if status >= 500 else logging.INFO,
        "%s %s %s",
        method,
        path,
        status,
        extra={
            "method": method,
            "path": path,
            "status": status,
            "duration_ms": round((time.perf_counter() - start) * 1000, 1),
            **({"request_id": request_id} if request_id else {}),
        },
    )


def sentry_before_send(event, hint):
    """Tie a Sentry report to our log lines by request id, and keep out query strings
    (searches and ZIP codes are personal), as the logs do."""
    request_id = request_id_var.get()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    request = event.get("request")
    if request:
        request.pop("query_string", None)
        if "url" in request:
            request["url"] = request["url"].split("?", 1)[0]
    return event
