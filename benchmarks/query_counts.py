"""Queries per page type at two archive sizes, for an anonymous reader.

    DEBUG=1 .venv/bin/python benchmarks/query_counts.py [--sizes 10 500 5000]

Builds each archive in a throw-away SQLite database and prints one row per page type; the
figures must not grow with the archive (the tests hold them under fixed limits).
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 500, 5000])
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    os.environ.setdefault("DEBUG", "1")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/counts.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings, setup_test_environment

    from news.models import Article
    from news.tests.factories import make_archive
    from news.tests.test_query_counts import _urls

    setup_test_environment()
    # The page's own queries: the cache in local memory, not in its database table (no REDIS_URL).
    override_settings(CACHES={**settings.CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}).enable()
    call_command("migrate", verbosity=0)
    results = {}
    for size in args.sizes:
        Article.objects.all().delete()
        urls = _urls(make_archive(size))
        for page, url in urls.items():
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                response = Client().get(url)
            assert response.status_code == 200, (page, url, response.status_code)
            results.setdefault(page, []).append(len(queries))
    print(f"{'page type':<14}" + "".join(f"{size:>8,}" for size in args.sizes) + "   (queries; articles in the archive)")
    for page, counts in results.items():
        print(f"{page:<14}" + "".join(f"{count:>8}" for count in counts))


if __name__ == "__main__":
    main()
