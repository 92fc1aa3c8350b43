#!/usr/bin/env python3
"""Load benchmark: the production set-up under wrk, against nginx serving a static file.

    python benchmarks/load.py [--articles 100000] [--duration 15] [--connections 32]

Seeds PostgreSQL (--database-url, default the `loadbench` database, created when missing) with
synthetic articles,
starts gunicorn with production settings (DEBUG=0, Redis cache) and nginx (Debian's
nginx-light, with the micro-cache of deploy/nginx/microcache.conf), then drives each with wrk:

  static file      the article page saved as a file, served by nginx: the physical ceiling
  micro-cache      the article page through nginx's micro-cache, as a CDN would serve it
  cached article   the article page, with 40 comments, from gunicorn alone (the app's page cache)
  home, section    the home and a section page from gunicorn, as anonymous readers get them
  logged-in reader the article and the home page for a signed-in reader (rendered for them; the
                   article's discussion from the shared cache)
  uncached article a different article at every request (rendered by Django each time)
  search           a full-text search (never cached), twice: worker memory must stay flat

and prints requests/s, p50/p99 latency, errors and the ratio to the static file, plus the
gunicorn workers' memory before and after. It is a script, not a test: the figures go in
docs/benchmarks.md. wrk and nginx-light are installed with apt-get when missing.
"""

import argparse
import json
import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from serving import NGINX_TEMP_DIRS, ROOT, make_writable_dirs, manage, wait_for

PYTHON = sys.executable
APP_PORT = 8711
NGINX_PORT = 8712
UNCACHED_URLS = 30000
# wrk's Lua: each thread walks its own share of a list of paths (if given) and the run ends
# with one machine-readable line.
WRK_SCRIPT = """
local paths = nil
local counter = 0
local thread_number = 0
function setup(thread)
  thread:set("tid", thread_number)
  thread_number = thread_number + 1
end
function init(args)
  local file = os.getenv("WRK_PATHS")
  if file and file ~= "" then
    paths = {}
    local threads = tonumber(os.getenv("WRK_THREADS"))
    local line_number = 0
    for line in io.lines(file) do
      if line_number % threads == tid then paths[#paths + 1] = line end
      line_number = line_number + 1
    end
  end
end
function request()
  if paths then
    counter = counter + 1
    return wrk.format(nil, paths[(counter - 1) % #paths + 1])
  end
  return wrk.request()
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.status + e.timeout))
end
"""
NGINX_CONFIG = """
worker_processes auto;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    proxy_cache_path {tmp}/cache levels=1:2 keys_zone=portal_pages:20m max_size=1g inactive=10m use_temp_path=off;
    upstream portal_app {{
        server 127.0.0.1:{app_port};
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{nginx_port};
        location = /article.html {{
            root {tmp}/static;
        }}
        location / {{
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            # TLS ends at the real load balancer; this one speaks plain HTTP on loopback.
            proxy_set_header X-Forwarded-Proto https;
            proxy_pass http://portal_app;
            include {root}/deploy/nginx/microcache.conf;
        }}
    }}
}}
"""
PICK_URLS = """
import json
from django.contrib.auth import get_user_model
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.conf import settings
from comments.models import Comment
from news.models import Article, Section
User = get_user_model()
reader, _ = User.objects.get_or_create(username="loadbench-reader", defaults={{"email": "reader@loadbench.invalid"}})
published = Article.objects.published().order_by("-published_at")
article = published[50]
if not Comment.objects.filter(article=article).exists():  # a discussed story: 30 comments, 10 replies
    commenters = [User.objects.get_or_create(username=f"loadbench-commenter-{{n}}")[0] for n in range(8)]
    threads = Comment.objects.bulk_create(
        Comment(article=article, user=commenters[n % 8], body=f"Comment {{n}}: " + "A fair point about the launch. " * 6)
        for n in range(30)
    )
    Comment.objects.bulk_create(
        Comment(article=article, user=commenters[(n + 3) % 8], parent=threads[n], body=f"Reply {{n}}: agreed.")
        for n in range(10)
    )
client = Client()
client.force_login(reader)
session = client.cookies[settings.SESSION_COOKIE_NAME].value
section = Section.objects.filter(articles__in=published[:1]).first()
uncached = [a.get_absolute_url() for a in published.only("slug", "published_at")[100:100 + {count}]]
print("URLS " + json.dumps({{
    "article": article.get_absolute_url(),
    "section": section.get_absolute_url(),
    "uncached": uncached,
    "reader_cookie": f"{{settings.SESSION_COOKIE_NAME}}={{session}}; {{settings.CSRF_COOKIE_NAME}}={{_get_new_csrf_string()}}",
    "count": Article.objects.count(),
}}))
"""


def ensure_tools():
    missing = [package for tool, package in (("wrk", "wrk"), ("nginx", "nginx-light")) if not shutil.which(tool)]
    if not missing:
        return
    if os.geteuid() != 0:
        sys.exit(f"Install {' '.join(missing)} first: sudo apt-get install -y {' '.join(missing)}")
    print(f"Installing {' '.join(missing)} with apt-get...", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


def production_env(args):
    """The production settings, as on a real app server, with a throw-away secret key."""
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY"}}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        CACHE_KEY_PREFIX="loadbench",
        LOG_LEVEL="WARNING",
        # Articles show the appeal, as on a site that takes contributions; no page calls Stripe.
        STRIPE_SECRET_KEY="sk_test_loadbench",
        GUNICORN_ACCESS_LOG="",
        GUNICORN_BIND=f"127.0.0.1:{APP_PORT}",
        WEB_CONCURRENCY=str(args.workers),
        GUNICORN_WORKER_CLASS=args.worker_class,
        GUNICORN_THREADS=str(args.worker_threads),
    )
    return env


def create_database(url):
    """CREATE DATABASE for a PostgreSQL URL whose database does not exist yet."""
    import dj_database_url
    import psycopg

    settings = dj_database_url.parse(url)
    if settings["ENGINE"] != "django.db.backends.postgresql":
        return
    server = {"host": settings["HOST"] or "127.0.0.1", "port": settings["PORT"] or 5432, "user": settings["USER"] or None,
              "password": settings["PASSWORD"] or None, "dbname": "postgres", "autocommit": True}
    with psycopg.connect(**server) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [settings["NAME"]]).fetchone():
            print(f"Creating the database {settings['NAME']}...", flush=True)
            connection.execute(f'CREATE DATABASE "{settings["NAME"]}"')


def seed(env, articles):
    create_database(env["DATABASE_URL"])
    manage(env, "migrate", "--noinput", "-v", "0")
    have = int(manage(env, "shell", "--no-imports", "-c", "from news.models import Article; print(Article.objects.count())", capture=True).split()[-1])
    if have < articles:
        print(f"Seeding {articles - have} synthetic articles (once; they stay in the database)...", flush=True)
        manage(env, "seed_demo", "--synthetic", str(articles - have), "--seed", "7", "--no-progress")
    # Fresh statistics, as autovacuum would gather after a bulk load: without them PostgreSQL
    # sorts whole sections to find the newest story.
    manage(env, "shell", "--no-imports", "-c", "from django.db import connection; connection.cursor().execute('ANALYZE')")
    manage(env, "collectstatic", "--noinput", "-v", "0")


def flush_redis(url):
    import redis

    redis.Redis.from_url(url).flushdb()


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def worker_memory(master_pid):
    """Resident memory (MiB) of each gunicorn worker."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


def run_wrk(url, args, script, paths_file=None, headers=()):
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--timeout", "10s", "-s", script]
    for header in headers:
        command += ["-H", header]
    env = {**os.environ, "WRK_PATHS": paths_file or "", "WRK_THREADS": str(args.threads)}
    output = subprocess.run([*command, url], capture_output=True, text=True, env=env, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    requests, duration_us, p50, p99, errors = (int(value) for value in line.split()[1:])
    return {"rps": requests / (duration_us / 1e6), "p50": p50 / 1000, "p99": p99 / 1000, "errors": errors, "requests": requests}


def machine():
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
        platform.processor(),
    )
    versions = {
        "nginx": subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip().split("/")[-1],
        "wrk": subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()[1],
    }
    return f"{os.cpu_count()} × {cpu}, Python {platform.python_version()}, nginx {versions['nginx']}, wrk {versions['wrk']}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("LOADBENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/loadbench"))
    parser.add_argument("--redis-url", default=os.environ.get("LOADBENCH_REDIS_URL", "redis://127.0.0.1:6379/7"))
    parser.add_argument("--articles", type=int, default=100000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="gunicorn workers [one per core]")
    parser.add_argument("--worker-class", default="gthread", choices=["sync", "gthread"])
    parser.add_argument("--worker-threads", type=int, default=4, help="threads per gthread worker [4]")
    parser.add_argument("--duration", type=int, default=15, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    args = parser.parse_args()

    ensure_tools()
    env = production_env(args)
    seed(env, args.articles)
    flush_redis(args.redis_url)
    urls = json.loads(manage(env, "shell", "--no-imports", "-c", PICK_URLS.format(count=UNCACHED_URLS), capture=True).split("URLS ", 1)[1])

    tmp = Path(tempfile.mkdtemp(prefix="loadbench-"))
    (tmp / "wrk.lua").write_text(WRK_SCRIPT)
    (tmp / "uncached.txt").write_text("\n".join(urls["uncached"]) + "\n")
    make_writable_dirs(tmp, ("static", "cache", *NGINX_TEMP_DIRS))
    (tmp / "nginx.conf").write_text(
        NGINX_CONFIG.format(tmp=tmp, root=ROOT, app_port=APP_PORT, nginx_port=NGINX_PORT)
    )

    app = f"http://127.0.0.1:{APP_PORT}"
    proxy = f"http://127.0.0.1:{NGINX_PORT}"
    https = "X-Forwarded-Proto: https"  # as the load balancer says it
    gunicorn = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "portal.wsgi", "-c", "deploy/gunicorn.conf.py"], cwd=ROOT, env=env, start_new_session=True
    )
    nginx = subprocess.Popen(["nginx", "-c", str(tmp / "nginx.conf")], start_new_session=True)
    try:
        wait_for(f"{app}/healthz")
        status, headers, page = fetch(app + urls["article"], {"X-Forwarded-Proto": "https"})
        if status != 200:
            raise SystemExit(f"The article page answered {status}")
        (tmp / "static" / "article.html").write_bytes(page)
        (tmp / "static" / "article.html").chmod(0o644)
        wait_for(f"{proxy}/article.html")
        search_status = fetch(f"{app}/news/search/?q=launch+orbit", {"X-Forwarded-Proto": "https"})[0]

        print(f"Machine: {machine()}; load average before: {os.getloadavg()[0]:.2f}", flush=True)
        print(f"Articles: {urls['count']}; gunicorn: {args.workers} {args.worker_class} workers × {args.worker_threads} thread(s); wrk -t{args.threads} "
              f"-c{args.connections} -d{args.duration}s", flush=True)
        # Warm the workers (imports, connections) before anything is measured.
        run_wrk(f"{app}/", argparse.Namespace(**{**vars(args), "duration": 3}), str(tmp / "wrk.lua"), headers=[https])
        memory_before = worker_memory(gunicorn.pid)

        rows = []
        memory = [memory_before]

        def measure(name, url, paths=None, headers=()):
            print(f"  {name}...", flush=True)
            if paths is None:  # a cached page: the first request fills the cache
                fetch(url, dict(header.split(": ", 1) for header in headers))
            rows.append((name, run_wrk(url, args, str(tmp / "wrk.lua"), paths, headers)))
            memory.append(worker_memory(gunicorn.pid))

        measure("static file (nginx)", f"{proxy}/article.html")
        measure("article via nginx micro-cache", proxy + urls["article"])
        measure("article, cached (gunicorn)", app + urls["article"], headers=[https])
        measure("home page (gunicorn)", f"{app}/", headers=[https])
        measure("section page (gunicorn)", app + urls["section"], headers=[https])
        # A signed-in reader: the page is rendered for them (their name, the comment form with
        # their CSRF token), the article's discussion comes from the shared cache.
        reader = f"Cookie: {urls['reader_cookie']}"
        if b"Signed in as loadbench-reader" not in fetch(app + urls["article"], dict([https.split(": "), reader.split(": ", 1)]))[2]:
            raise SystemExit("The reader's session cookie did not sign them in")
        measure("article, logged-in reader (gunicorn)", app + urls["article"], headers=[https, reader])
        measure("home page, logged-in reader (gunicorn)", f"{app}/", headers=[https, reader])
        measure("article, uncached (gunicorn)", app, paths=str(tmp / "uncached.txt"), headers=[https])
        # Again, on other articles: worker memory must not keep growing.
        (tmp / "uncached.txt").write_text("\n".join(reversed(urls["uncached"])) + "\n")
        measure("article, uncached, second pass", app, paths=str(tmp / "uncached.txt"), headers=[https])
        if search_status == 200:
            measure("search (gunicorn)", f"{app}/news/search/?q=launch+orbit", headers=[https])
            # Searching again: worker memory must not keep growing here either.
            measure("search, second pass", f"{app}/news/search/?q=launch+orbit", headers=[https])
    finally:
        for process in (gunicorn, nginx):
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)

    static = rows[0][1]["rps"]
    print()
    print("| page | req/s | p50 ms | p99 ms | errors | ratio to static |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, row in rows:
        ratio = row["rps"] / static
        print(f"| {name} | {row['rps']:,.0f} | {row['p50']:.1f} | {row['p99']:.1f} | {row['errors']} | "
              f"{ratio:.4f} (1/{1 / ratio:,.0f}) |")
    if search_status != 200:
        print(f"| search | not measured: /news/search/ answered {search_status} in this build | | | | |")
    print()
    print("Worker memory (MiB RSS per worker) before the first row and after each: "
          + " → ".join("/".join(f"{size:.0f}" for size in sizes) for sizes in memory))
    print(f"Load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
