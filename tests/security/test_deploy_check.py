"""Production settings pass Django's deployment checklist with nothing to warn about."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def production_env(**extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SECURE_", "ADMIN_URL"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="neuropain.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="neuropain.example",
        CSRF_TRUSTED_ORIGINS="https://neuropain.example",
        DATABASE_URL="postgres://neuropain:secret@127.0.0.1:5432/neuropain",
        **extra,
    )
    return env


def manage(*args, env):
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output


def test_production_settings_are_hardened():
    script = (
        "import json; from django.conf import settings as s; print(json.dumps({"
        "'hsts': s.SECURE_HSTS_SECONDS, 'sub': s.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
        "'preload': s.SECURE_HSTS_PRELOAD, 'redirect': s.SECURE_SSL_REDIRECT,"
        "'session_secure': s.SESSION_COOKIE_SECURE, 'csrf_secure': s.CSRF_COOKIE_SECURE,"
        "'proxy': s.SECURE_PROXY_SSL_HEADER, 'debug': s.DEBUG, 'admin': s.ADMIN_URL,"
        "'connect_timeout': s.DATABASES['default']['OPTIONS'].get('connect_timeout'),"
        "'upgrade': s.CONTENT_SECURITY_POLICY['DIRECTIVES'].get('upgrade-insecure-requests')}))"
    )
    env = production_env(SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO", ADMIN_URL="/cms-7f3a/")
    result = manage("shell", "-c", script, env=env)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["hsts"] >= 31536000  # hstspreload.org asks for at least a year
    assert values["sub"] and values["preload"] and values["redirect"]
    assert values["session_secure"] and values["csrf_secure"]
    assert values["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["debug"] is False
    assert values["admin"] == "cms-7f3a/"
    assert values["connect_timeout"] == 3
    assert values["upgrade"] is True


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
