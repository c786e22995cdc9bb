"""The floor: a constant 20 KB HTML page, served by the same gunicorn configuration as the
site. Nothing can be faster through this stack, so pages are reported as a ratio of it."""

BODY = (
    b"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Floor</title></head>"
    b"<body><main>" + b"<p>" + b"x" * 96 + b"</p>" * 1 + (b"<p>" + b"y" * 96 + b"</p>") * 197
)
BODY = BODY[: 20 * 1024 - len(b"</main></body></html>")] + b"</main></body></html>"
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
