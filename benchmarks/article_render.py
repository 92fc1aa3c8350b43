"""Uncached article pages rendered in-process: milliseconds and queries per page.

    .venv/bin/python benchmarks/article_render.py [--pages 300] [--runs 3] [--signed-in]

The CPU side of load.py's "article, uncached" row without the HTTP server: production settings
(DEBUG=0, Redis cache) against the `loadbench` database that load.py seeds (run it once first,
and `manage.py collectstatic` for the hashed static names), each page a different article that
is not in the page cache, through the same WSGI application gunicorn serves. Prints the median
over the runs of the mean time per page (wall clock, and this process's CPU time, which other
load on the machine disturbs less), and the queries of one page. With --signed-in, the
same for load.py's "article, logged-in reader" row: one article with comments, over and over.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--database-url", default=os.environ.get("LOADBENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/loadbench"))
parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/8", help="its database is emptied [db 8]")
parser.add_argument("--pages", type=int, default=300)
parser.add_argument("--runs", type=int, default=3)
parser.add_argument(
    "--signed-in", action="store_true",
    help="instead: the most discussed article (load.py gives one 40 comments) for a signed-in reader who has not commented",
)
args = parser.parse_args()

os.environ.update(
    DJANGO_SETTINGS_MODULE="portal.settings",
    DEBUG="0",
    SECRET_KEY="article-render-benchmark-" + "x" * 40,
    ALLOWED_HOSTS="127.0.0.1",
    DATABASE_URL=args.database_url,
    REDIS_URL=args.redis_url,
    CACHE_KEY_PREFIX="article-render",
    LOG_LEVEL="WARNING",
    STRIPE_SECRET_KEY="sk_test_article_render",  # the appeal shows, as on a site that takes contributions
)

import django  # noqa: E402

django.setup()

import redis  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from news.models import Article  # noqa: E402
from portal.wsgi import application  # noqa: E402


def get(path, cookie=""):
    environ = {
        "HTTP_COOKIE": cookie,
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_X_FORWARDED_PROTO": "https",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    started = {}
    body = b"".join(application(environ, lambda status, headers, exc_info=None: started.update(status=status)))
    if not started["status"].startswith("200"):
        raise SystemExit(f"{path} answered {started['status']}")
    if cookie and b"Signed in as" not in body:
        raise SystemExit("The reader's session cookie did not sign them in")
    return body


def signed_in_reader():
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    reader, _ = get_user_model().objects.get_or_create(username="article-render-reader")
    client = Client()
    client.force_login(reader)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def most_discussed_article():
    from django.db.models import Count

    return Article.objects.published().annotate(n=Count("comments")).filter(n__gt=0).order_by("-n").first()


def main():
    redis.Redis.from_url(args.redis_url).flushdb()
    cookie, pages = "", "uncached article pages"
    if args.signed_in:
        article = most_discussed_article()
        if article is None:
            raise SystemExit("No article has comments: run benchmarks/load.py once first")
        paths = [article.get_absolute_url()] * (args.pages * args.runs + 2)
        cookie, pages = signed_in_reader(), f"pages of an article with {article.n} comments for a signed-in reader"
    else:
        published = Article.objects.published().order_by("-published_at").only("slug", "published_at")
        paths = [article.get_absolute_url() for article in published[: args.pages * args.runs + 1]]
    get(paths.pop(), cookie)  # connections, templates and the sections' cache, once
    with CaptureQueriesContext(connection) as captured:
        get(paths.pop(), cookie)
    queries = list(captured)  # now: each request empties the connection's log when it starts
    means, cpu_means = [], []
    for run in range(args.runs):
        batch = paths[run * args.pages : (run + 1) * args.pages]
        start, cpu_start = time.perf_counter(), time.process_time()
        for path in batch:
            get(path, cookie)
        means.append((time.perf_counter() - start) * 1000 / len(batch))
        cpu_means.append((time.process_time() - cpu_start) * 1000 / len(batch))
    print(f"{Article.objects.count():,} articles; {args.pages} {pages} per run, {args.runs} runs")
    print(f"ms per page: median {statistics.median(means):.2f}, best {min(means):.2f} (runs: {', '.join(f'{m:.2f}' for m in means)})")
    print(f"CPU ms per page in this process (without the database's and Redis's): median {statistics.median(cpu_means):.2f}")
    print(f"queries on one page: {len(queries)}")
    for query in queries:
        print("  " + query["sql"][:110])


if __name__ == "__main__":
    main()
