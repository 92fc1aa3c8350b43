"""Article page and refresh fragment with a growing number of comments.

    DEBUG=1 .venv/bin/python benchmarks/comments_bench.py [--sizes 0,10,300,3000] [--repeat 20]

Runs against a throwaway test database (SQLite, or a `test_` copy of DATABASE_URL), creates
one article per size with that many comments (one in five a reply), and prints, per size, the
queries and median time of the article page for an anonymous reader and for a logged-in one,
and of a refresh that finds nothing new (304).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core import signals  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings, setup_test_environment  # noqa: E402


def timed(client, url, repeat, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    count = len(queries)
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url, headers=headers)
        samples.append((time.perf_counter() - started) * 1000)
    return response.status_code, count, statistics.median(samples)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="0,10,300,3000")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    setup_test_environment()
    # The page's own queries: the cache in local memory, not in its database table (no REDIS_URL).
    override_settings(CACHES={**settings.CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}).enable()
    # Keep one connection for the whole run, as Django's TestCase does, so queries can be counted.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from comments.models import Comment
        from comments.tests.factories import make_reader
        from news.tests.factories import make_article

        readers = [make_reader() for _ in range(20)]
        anonymous, reader = Client(), Client()
        reader.force_login(readers[0])
        print(f"database: {connection.vendor}; median of {args.repeat} requests")
        print(f"{'comments':>8}  {'anon q':>6} {'anon ms':>8}  {'reader q':>8} {'reader ms':>9}  {'304 q':>5} {'304 ms':>6}")
        for size in (int(s) for s in args.sizes.split(",")):
            article = make_article()
            tops = Comment.objects.bulk_create(
                Comment(article=article, user=readers[i % 20], body=f"Comment {i} " * 10)
                for i in range(size - size // 5)
            )
            if tops and tops[0].pk is None:
                tops = list(Comment.objects.filter(article=article, parent=None))
            Comment.objects.bulk_create(
                Comment(article=article, user=readers[i % 20], parent=tops[i], body=f"Reply {i}")
                for i in range(size // 5)
            )
            url = article.get_absolute_url()
            latest = Comment.objects.filter(article=article).order_by("-pk").values_list("pk", flat=True).first() or 0
            fragment = f"/comments/article/{article.pk}/new/?after={latest}"
            astatus, aq, ams = timed(anonymous, url, args.repeat)
            rstatus, rq, rms = timed(reader, url, args.repeat)
            assert astatus == rstatus == 200, (astatus, rstatus)
            status, fq, fms = timed(anonymous, fragment, args.repeat)
            assert status == 304, status
            print(f"{size:>8}  {aq:>6} {ams:>8.1f}  {rq:>8} {rms:>9.1f}  {fq:>5} {fms:>6.1f}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
