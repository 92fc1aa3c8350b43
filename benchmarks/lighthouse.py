"""Lighthouse scores of the home page and an article, on a phone: a benchmark, not a test.

    .venv/bin/python benchmarks/lighthouse.py [--runs 1]

Serves the demo content (seed_demo and its comments, in a throw-away SQLite database) as production does:
DEBUG=0, gunicorn with deploy/gunicorn.conf.py, static files through whitenoise, lead images
from nginx. Lighthouse (pinned in benchmarks/node/package.json, installed here when missing)
drives Debian's Chromium (CHROME_PATH, default /usr/bin/chromium) with its default mobile
emulation and throttling, and the script prints the four category scores of each page, the
median over the runs. Plain HTTP on loopback, as `make serve`: the HTTPS redirect and HSTS are
off, which Lighthouse accepts for localhost. Figures and targets: docs/benchmarks.md.
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from serving import NGINX_TEMP_DIRS, ROOT, free_port, make_writable_dirs, manage, wait_for

PYTHON = sys.executable
NODE_DIR = ROOT / "benchmarks" / "node"
LIGHTHOUSE = NODE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
NGINX_CONFIG = """
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{nginx_port};
        location /media/ {{
            alias {tmp}/media/;
            expires 1y;
        }}
        location / {{
            proxy_set_header Host $host;
            proxy_pass http://127.0.0.1:{app_port};
        }}
    }}
}}
"""
# The newest lead story: a photo, and comments from seed_demo_comments.
PICK_ARTICLE = "from news.models import Article; print(Article.objects.published().filter(is_lead=True).first().get_absolute_url())"


def production_env(tmp, app_port):
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY", "REDIS_URL"}}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"sqlite:///{tmp}/lighthouse.sqlite3",
        MEDIA_ROOT=str(tmp / "media"),
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        SECURE_COOKIES="0",
        LOG_LEVEL="WARNING",
        STRIPE_SECRET_KEY="sk_test_lighthouse",  # the appeal shows, as on a site that takes contributions
        GUNICORN_ACCESS_LOG="",
        GUNICORN_BIND=f"127.0.0.1:{app_port}",
    )
    return env


def ensure_lighthouse():
    if LIGHTHOUSE.exists():
        return
    if not shutil.which("npm"):
        sys.exit("npm not found: apt-get install npm")
    print("Installing Lighthouse (benchmarks/node/package-lock.json)...", flush=True)
    subprocess.run(["npm", "ci", "--prefix", str(NODE_DIR), "--no-audit", "--no-fund", "--loglevel=error"], check=True)


def lighthouse_scores(url, tmp):
    """({category: score out of 100}, [titles of the audits that lost points]) of one Lighthouse
    run on `url`, mobile."""
    report = tmp / "report.json"
    command = [
        "node", str(LIGHTHOUSE), url,
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json", f"--output-path={report}", "--quiet",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
    ]
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    # A cold Chromium sometimes records a trace without its navigation start (NO_NAVSTART), and
    # Lighthouse asks to be run again: once more is enough.
    if subprocess.run(command, env=env).returncode != 0:
        subprocess.run(command, env=env, check=True)
    result = json.loads(report.read_text())
    categories, audits = result["categories"], result["audits"]
    lost = sorted({
        f"{name}: {audits[ref['id']]['title']}"
        for name in CATEGORIES
        for ref in categories[name]["auditRefs"]
        if ref["weight"] and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
    })
    return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}, lost


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page; the median is printed [1]")
    args = parser.parse_args()
    if not shutil.which("nginx"):
        sys.exit("nginx not found (it serves the lead images): apt-get install nginx-light")
    ensure_lighthouse()

    tmp = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    make_writable_dirs(tmp, ("media", *NGINX_TEMP_DIRS))
    app_port, nginx_port = free_port(), free_port()
    env = production_env(tmp, app_port)
    print("Seeding the demo content...", flush=True)
    manage(env, "migrate", "--noinput", "-v", "0", capture=True)
    manage(env, "seed_demo", capture=True)
    manage(env, "seed_demo_comments", capture=True)
    manage(env, "collectstatic", "--noinput", "-v", "0", capture=True)
    for path in (tmp / "media").rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    article = manage(env, "shell", "--no-imports", "-c", PICK_ARTICLE, capture=True).strip()
    (tmp / "nginx.conf").write_text(NGINX_CONFIG.format(tmp=tmp, app_port=app_port, nginx_port=nginx_port))

    server_log = (tmp / "server.log").open("w")
    gunicorn = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "portal.wsgi", "-c", "deploy/gunicorn.conf.py"],
        cwd=ROOT, env=env, start_new_session=True, stdout=server_log, stderr=subprocess.STDOUT,
    )
    nginx = subprocess.Popen(["nginx", "-c", str(tmp / "nginx.conf")], start_new_session=True)
    site = f"http://localhost:{nginx_port}"
    rows = []
    try:
        try:
            wait_for(f"{site}/healthz")
        except SystemExit:
            print((tmp / "server.log").read_text()[-3000:], file=sys.stderr)
            raise
        for name, path in (("home page", "/"), ("article", article)):
            runs = []
            for run in range(args.runs):
                print(f"  {name}, run {run + 1}...", flush=True)
                scores, lost = lighthouse_scores(site + path, tmp)
                runs.append(scores)
                for audit in lost:
                    print(f"    below full marks: {audit}", flush=True)
            rows.append((name, {category: statistics.median(run[category] for run in runs) for category in CATEGORIES}))
    finally:
        for process in (gunicorn, nginx):
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)

    print()
    print("| page (mobile) | performance | accessibility | best practices | SEO |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, scores in rows:
        print(f"| {name} | " + " | ".join(f"{scores[category]:g}" for category in CATEGORIES) + " |")


if __name__ == "__main__":
    main()
