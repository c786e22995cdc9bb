"""The caching front for the benchmarks and tests: Debian's varnishd with the repository's VCL
(deploy/varnish/default.vcl) in front of a backend, and nginx serving a static file (the
benchmark's reference for "the same bytes from a file"). Loopback only; each process is
stopped, and its temporary folder removed, by stop() or on leaving a `with` block."""

import contextlib
import http.client
import json
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VCL = ROOT / "deploy" / "varnish" / "default.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
VARNISHSTAT = shutil.which("varnishstat") or "/usr/bin/varnishstat"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BACKEND_BLOCK = re.compile(r"^# BACKEND-START\b.*?^# BACKEND-END$", re.S | re.M)


def available():
    return Path(VARNISHD).exists()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(process, port, seconds, why_it_exited):
    """Until something accepts on 127.0.0.1:`port` (True) or `seconds` pass (False); a
    `process` that exits first raises RuntimeError with `why_it_exited()`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(why_it_exited())
        with contextlib.suppress(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return True
        time.sleep(0.1)
    return False


def stop_process(process):
    """Terminate `process` and wait for it; killed if it has not gone within 10 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def vcl_for(host, port, probe_interval="0.5s"):
    """The repository's VCL with its backend pointed at host:port (probe kept)."""
    backend = f"""backend app {{
    .host = "{host}";
    .port = "{port}";
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .probe = {{
        .url = "/healthz/";
        .timeout = 1s;
        .interval = {probe_interval};
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }}
}}"""
    return BACKEND_BLOCK.sub(lambda _match: backend, VCL.read_text())


class Varnish:
    """varnishd -F on a free loopback port, stopped by stop() or on leaving a `with`."""

    def __init__(self, backend_host, backend_port, storage="32m"):
        """`storage`: the cache's memory (varnishd -s malloc,SIZE). Tests need little; the
        editorial day holds every article, as production's 1 GB does (README)."""
        self.tmp = Path(tempfile.mkdtemp(prefix="np-varnish-"))
        self.port = free_port()
        vcl = self.tmp / "test.vcl"
        vcl.write_text(vcl_for(backend_host, backend_port))
        command = [
            VARNISHD, "-F", "-j", "none",
            "-n", str(self.tmp / "work"),
            "-a", f"127.0.0.1:{self.port}",
            "-T", "127.0.0.1:0",
            "-f", str(vcl),
            "-s", f"malloc,{storage}",
        ]  # fmt: skip
        self.log = open(self.tmp / "varnishd.log", "w")  # noqa: SIM115 - closed by stop()
        self.process = subprocess.Popen(  # noqa: S603 - fixed command
            command, stdout=self.log, stderr=subprocess.STDOUT
        )
        self._wait_ready()

    def _wait_ready(self, seconds=20):
        def log_text():
            self.log.flush()
            return (self.tmp / "varnishd.log").read_text()

        if not wait_for_port(self.process, self.port, seconds, log_text):
            self.stop()
            raise RuntimeError("varnishd did not start")

    def request(self, method, path, headers=None, body=None, source="127.0.0.1"):
        """(status, headers, body) of one request through Varnish."""
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(source, 0)
        )
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()

    def counters(self):
        """Varnish's counters (varnishstat), e.g. MAIN.cache_hit."""
        output = subprocess.run(  # noqa: S603 - fixed command
            [VARNISHSTAT, "-n", str(self.tmp / "work"), "-1", "-j"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        data = json.loads(output)
        counters = data.get("counters", data)
        return {
            name: value["value"]
            for name, value in counters.items()
            if isinstance(value, dict) and "value" in value
        }

    def get(self, path, **headers):
        return self.request(
            "GET", path, headers={k.replace("_", "-"): v for k, v in headers.items()}
        )

    def stop(self):
        stop_process(self.process)
        self.log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


class StaticFile:
    """nginx serving `body` as /page.html from a temporary folder on a free loopback port:
    the fastest these bytes can be served here."""

    def __init__(self, body):
        self.tmp = Path(tempfile.mkdtemp(prefix="np-static-"))
        self.tmp.chmod(0o755)  # workers run as an unprivileged user when started as root
        (self.tmp / "www").mkdir()
        page = self.tmp / "www" / "page.html"
        page.write_bytes(body)
        page.chmod(0o644)
        (self.tmp / "logs").mkdir()
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/page.html"
        (self.tmp / "nginx.conf").write_text(
            f"""worker_processes auto;
pid {self.tmp}/nginx.pid;
error_log {self.tmp}/logs/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    open_file_cache max=16;
    default_type text/html;
    client_body_temp_path {self.tmp}/body;
    proxy_temp_path {self.tmp}/proxy;
    fastcgi_temp_path {self.tmp}/fastcgi;
    uwsgi_temp_path {self.tmp}/uwsgi;
    scgi_temp_path {self.tmp}/scgi;
    server {{
        listen 127.0.0.1:{self.port};
        root {self.tmp}/www;
    }}
}}
"""
        )
        self.process = subprocess.Popen(  # noqa: S603 - fixed command
            [NGINX, "-p", str(self.tmp), "-c", str(self.tmp / "nginx.conf"), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if not wait_for_port(self.process, self.port, 15, lambda: "nginx exited"):
            self.stop()
            raise RuntimeError("nginx did not start")

    def stop(self):
        stop_process(self.process)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
