"""Load test: wrk against gunicorn + PostgreSQL with production settings, while an editor
publishes. Loopback only; bounded; stops everything it starts and drops its database.

    .venv/bin/python -m bench.scripts.loadtest [--duration 60] [--connections 32] [--port 8161]

Passes (exit 0) when wrk saw no errors and every publish was visible within a second.
"""

import argparse
import json
import shutil
import subprocess
import sys

from bench.harness import PYTHON, ROOT, Stack, fetch, log, wrk
from bench.scripts.traffic import page_urls

LUA = """
local paths = {%s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1], {["X-Forwarded-Proto"] = "https"})
end
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--port", type=int, default=8161)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--redis-url",
        default="",
        help="REDIS_URL for the site (shared cache, enables the page cache), e.g. "
        "redis://127.0.0.1:6379/2",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk)")

    extra_env = {"REDIS_URL": args.redis_url} if args.redis_url else {}
    stack = Stack(args.port, "np_security_load", workers=args.workers, extra_env=extra_env)
    try:
        stack.create_database()
        stack.start()
        urls = page_urls(stack)
        for url in urls:
            status = fetch(stack.url + url).status
            if status not in (200, 301):
                raise RuntimeError(f"warm-up: {url} answered {status}")
        script = stack.tmp / "mix.lua"
        script.write_text(LUA % ", ".join(json.dumps(u) for u in urls))
        log(f"wrk: {args.duration}s, {args.connections} connections, {len(urls)} URLs")
        editor = subprocess.Popen(
            [PYTHON, "-m", "bench.scripts.editor_loop", stack.url, str(args.duration - 5)],
            cwd=ROOT,
            env=stack.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        figures = wrk(
            stack.url,
            duration=args.duration,
            connections=args.connections,
            threads=2,
            script=script,
            timeout=10,
        )
        editor_out, editor_err = editor.communicate(timeout=120)
        try:
            edits = json.loads(editor_out.strip().splitlines()[-1])
        except (IndexError, json.JSONDecodeError):
            edits = {"publishes": 0, "late": 1, "errors": [editor_err[-1000:]]}
        server_errors = sum(
            1 for line in stack.log_file.read_text().splitlines() if '"status": 5' in line
        )
    finally:
        stack.close()

    print(figures.pop("output"))
    print("| figure | value |\n| --- | --- |")
    for key, value in figures.items():
        print(f"| {key} | {value} |")
    print(f"| server 5xx logged | {server_errors} |")
    print(f"| editor publishes | {edits['publishes']} |")
    print(f"| slowest publish visible after (s) | {edits.get('slowest_visible_s')} |")
    print(f"| publishes visible later than 1 s | {edits['late']} |")
    print(f"| editor errors | {len(edits['errors'])} {edits['errors'][:3]} |")
    errors = figures["non_2xx_3xx"] + figures["socket_errors"] + server_errors
    ok = errors == 0 and edits["late"] == 0 and not edits["errors"] and edits["publishes"] > 0
    print("RESULT:", "PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
