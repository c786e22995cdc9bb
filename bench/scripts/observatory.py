"""Scan the site with Mozilla's MDN HTTP Observatory (npm @mdn/mdn-http-observatory), locally.

    npm install --no-save --ignore-scripts @mdn/mdn-http-observatory
    .venv/bin/python -m bench.scripts.observatory [--port 8164]

Serves the site with production settings under gunicorn on 127.0.0.1 over plain HTTP (so with
SECURE_SSL_REDIRECT off: there is no TLS on loopback, and the scanner can't pretend to be a
proxy), scans it, prints the grade and every test, and stops everything it started. The HTTPS
tests (redirection, HSTS) cannot pass on loopback; production sends both (see README).
"""

import argparse
import json
import subprocess
import sys

from bench.harness import HOST, ROOT, Stack, log

PACKAGE = ROOT / "node_modules" / "@mdn" / "mdn-http-observatory"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8164)
    args = parser.parse_args()
    if not PACKAGE.exists():
        sys.exit("npm install --no-save --ignore-scripts @mdn/mdn-http-observatory first")
    # The preload list normally comes from a download at install time; an empty one is enough.
    preload = PACKAGE / "conf" / "hsts-preload.json"
    if not preload.exists():
        preload.write_text("{}")

    stack = Stack(args.port, "np_security_observatory", extra_env={"SECURE_SSL_REDIRECT": "false"})
    try:
        stack.create_database()
        stack.start()
        log(f"scanning {HOST}:{args.port}")
        scan = subprocess.run(
            ["node", str(PACKAGE / "bin" / "wrapper.js"), f"{HOST}:{args.port}"],
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        stack.close()
    try:
        report = json.loads(scan.stdout)
    except json.JSONDecodeError:
        sys.exit(f"scanner failed:\n{scan.stdout}\n{scan.stderr}")
    summary = report.get("scan", {})
    print(f"Grade {summary.get('grade')}, score {summary.get('score')}/100")
    print("| test | pass | score | result |\n| --- | --- | --- | --- |")
    for name, test in sorted(report.get("tests", {}).items()):
        print(
            f"| {name} | {test.get('pass')} | {test.get('scoreModifier')} | {test.get('result')} |"
        )


if __name__ == "__main__":
    main()
