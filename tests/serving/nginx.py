"""Starting Debian's nginx with the repository's site config (deploy/nginx/neuropain.conf) on
loopback, with a self-signed certificate made for the test."""

import shutil
import subprocess
import tempfile
from pathlib import Path

from bench.front import free_port, stop_process, wait_for_port

ROOT = Path(__file__).resolve().parents[2]
SITE_CONF = ROOT / "deploy" / "nginx" / "neuropain.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
OPENSSL = shutil.which("openssl") or "/usr/bin/openssl"
SERVER_NAME = "neuropain.test"


def available():
    return Path(NGINX).exists() and Path(OPENSSL).exists()


def self_signed_certificate(folder):
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(  # noqa: S603 - fixed command
        [
            OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-keyout", str(key), "-out", str(cert),
            "-subj", f"/CN={SERVER_NAME}", "-addext", f"subjectAltName=DNS:{SERVER_NAME}",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


def site_config(tmp, upstream_port, http_port, https_port, cert, key):
    """The repository's config with the test's ports, name, certificate and upstream."""
    text = SITE_CONF.read_text()
    replacements = {
        "server 127.0.0.1:6081;": f"server 127.0.0.1:{upstream_port};",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen [::]:80;": "",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "listen [::]:443 ssl http2;": "",
        "neuropain.example;": f"{SERVER_NAME};",
        "/etc/letsencrypt/live/neuropain.example/fullchain.pem": str(cert),
        "/etc/letsencrypt/live/neuropain.example/privkey.pem": str(key),
        "/var/www/letsencrypt": str(tmp / "acme"),
    }
    for old, new in replacements.items():
        assert old in text, f"deploy/nginx/neuropain.conf no longer has {old!r}"
        text = text.replace(old, new)
    return text


class Nginx:
    """nginx (master and workers, not daemonised) with a tmp prefix, in front of
    127.0.0.1:`upstream_port`; stopped by stop() or on leaving a `with`."""

    def __init__(self, upstream_port):
        self.tmp = Path(tempfile.mkdtemp(prefix="np-nginx-"))
        self.tmp.chmod(0o755)  # workers run as an unprivileged user when started as root
        (self.tmp / "logs").mkdir()
        (self.tmp / "acme").mkdir()
        self.http_port, self.https_port = free_port(), free_port()
        cert, key = self_signed_certificate(self.tmp)
        self.certificate = cert
        (self.tmp / "site.conf").write_text(
            site_config(self.tmp, upstream_port, self.http_port, self.https_port, cert, key)
        )
        temp = self.tmp / "temp"
        temp.mkdir()
        temp.chmod(0o777)
        (self.tmp / "nginx.conf").write_text(
            f"""worker_processes 1;
pid {self.tmp}/nginx.pid;
error_log {self.tmp}/logs/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {self.tmp}/site.conf;
}}
"""
        )
        self.process = subprocess.Popen(  # noqa: S603 - fixed command
            [NGINX, "-p", str(self.tmp), "-c", str(self.tmp / "nginx.conf"), "-g", "daemon off;"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        self._wait_ready()

    def _wait_ready(self, seconds=15):
        def output():
            return self.process.stdout.read().decode()

        if not wait_for_port(self.process, self.https_port, seconds, output):
            self.stop()
            raise RuntimeError("nginx did not start")

    def stop(self):
        stop_process(self.process)  # SIGTERM: fast shutdown of master and workers
        if self.process.stdout:
            self.process.stdout.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
