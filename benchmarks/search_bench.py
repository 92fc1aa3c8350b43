"""Search speed on a synthetic archive: p50/p95 per query class, and the icontains ratio.

    DEBUG=1 DATABASE_URL=sqlite:////tmp/searchbench.sqlite3 \
        python benchmarks/search_bench.py --articles 100000 --compare
    DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/searchbench \
        python benchmarks/search_bench.py --articles 100000 --compare

It migrates the database named by DATABASE_URL, tops it up to N synthetic articles with
`seed_demo --synthetic` (so a second run reuses the archive), then times news.search.search()
on cleaned SearchForm data, as the search page calls it. The cache is cleared before every
call, so the figures are for uncached searches. Words are picked from the generator's Zipf
vocabulary by their expected share of articles; each class runs several different words.
"""

import argparse
import importlib
import os
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402

from news.forms import SearchForm  # noqa: E402
from news.models import Article, Keyword  # noqa: E402
from news.search import search  # noqa: E402
from news.synthetic import SyntheticArticles  # noqa: E402

SEARCH_MIGRATION = importlib.import_module("news.migrations.0003_search_index")

WORDS_PER_ARTICLE = 287  # title + teaser + body of a synthetic article, on average
VARIANTS = 5


def words_by_share(share, count=VARIANTS):
    """`count` vocabulary words expected in about `share` of the synthetic articles."""
    generator = SyntheticArticles([], [], seed=0)
    total = generator.cum_weights[-1]
    weights = [b - a for a, b in zip([0, *generator.cum_weights], generator.cum_weights, strict=False)]
    shares = [1 - (1 - w / total) ** WORDS_PER_ARTICLE for w in weights]
    ranked = sorted(range(len(shares)), key=lambda i: abs(shares[i] - share))
    common = set(generator.words[:300])
    return [generator.words[i] for i in ranked if generator.words[i] not in common or share >= 0.05][:count]


def query_classes():
    rare, broad, mid = words_by_share(0.0005), words_by_share(0.10), words_by_share(0.02)
    frequent = words_by_share(0.05, VARIANTS * 2)
    keywords = list(Keyword.objects.values_list("name", flat=True)[:VARIANTS])
    return {
        "rare word": [{"q": w} for w in rare],
        "broad word (~10%)": [{"q": w} for w in broad],
        "two words": [{"q": f"{a} {b}"} for a, b in zip(frequent[::2], frequent[1::2], strict=False)],
        "phrase": [{"q": f'"{a} {b}"'} for a, b in zip(frequent[::2], frequent[1::2], strict=False)],
        "title only": [{"title": w} for w in mid],
        "keyword only": [{"keyword": k} for k in keywords],
        "text + date range": [{"text": w, "from": "2010-01-01", "to": "2012-12-31"} for w in mid],
        "page 1": [{"q": w, "page": "1"} for w in mid],
        "page 50": [{"q": w, "page": "50"} for w in mid],
    }


def icontains_equivalent(params):
    """The naive query the search replaces: a LIKE '%word%' scan, newest first, with its count."""
    words = (params.get("q") or params.get("text") or params.get("title") or "").replace('"', "").split()
    articles = Article.objects.published()
    for word in words:
        if "title" in params:
            articles = articles.filter(title__icontains=word)
        else:
            articles = articles.filter(
                Q(title__icontains=word) | Q(teaser__icontains=word) | Q(body__icontains=word)
            )
    if "from" in params:
        articles = articles.filter(published_at__date__range=(params["from"], params["to"]))
    if "keyword" in params:
        articles = articles.filter(keywords__name__iexact=params["keyword"])
    return lambda: (articles.count(), list(articles.order_by("-published_at")[:20]))


def searcher(params):
    def run():
        form = SearchForm(params)
        if not form.is_valid():
            raise SystemExit(f"invalid benchmark query {params}: {form.errors.as_text()}")
        return search(form.cleaned_data).total

    return run


def timed(run, repeats):
    samples, result = [], None
    for _ in range(repeats):
        cache.clear()
        start = time.perf_counter()
        result = run()
        samples.append((time.perf_counter() - start) * 1000)
    return samples, result


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def build(articles):
    call_command("migrate", verbosity=0)
    synthetic = Article.objects.filter(external_id__startswith="synthetic:").count()
    if synthetic < articles:
        with _without_gin_indexes(articles - synthetic):
            call_command("seed_demo", synthetic=articles - synthetic, seed=synthetic)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE news_article")
            cursor.execute("ANALYZE news_article_keywords")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


@contextmanager
def _without_gin_indexes(count):
    """On PostgreSQL, large loads go faster with the GIN indexes dropped and built again after."""
    statements = [sql for sql in SEARCH_MIGRATION.POSTGRESQL_FORWARD if "USING gin" in sql]
    if connection.vendor != "postgresql" or count < 50_000:
        yield
        return
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute("DROP INDEX IF EXISTS " + sql.split()[2])
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for sql in statements:
            cursor.execute(sql)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=4, help="runs of each word (default 4)")
    parser.add_argument("--compare", action="store_true", help="also time icontains (slow at 1M)")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--only", action="append", metavar="CLASS", help="run only this class (repeatable)")
    args = parser.parse_args()

    build(args.articles)
    if args.build_only:
        return
    total = Article.objects.published().count()
    print(f"{connection.vendor}, {total:,} published articles, {args.repeats} runs x {VARIANTS} words per class")
    header = f"{'class':<20} {'matches':>16} {'p50 ms':>8} {'p95 ms':>8}"
    print(header + (f" {'icontains p50':>14} {'ratio':>7}" if args.compare else ""))
    for name, variants in query_classes().items():
        if args.only and name not in args.only:
            continue
        samples, matches, naive = [], [], []
        for params in variants:
            timed(searcher(params), 1)  # warm the database pages this word needs
            run_samples, result = timed(searcher(params), args.repeats)
            samples += run_samples
            matches.append(result)
            if args.compare:
                naive += timed(icontains_equivalent(params), 1)[0]
        p50, p95 = percentile(samples, 0.5), percentile(samples, 0.95)
        line = f"{name:<20} {min(matches):>7,}-{max(matches):<8,} {p50:>8.1f} {p95:>8.1f}"
        if args.compare:
            naive_p50 = statistics.median(naive)
            line += f" {naive_p50:>14.1f} {naive_p50 / p50:>6.0f}x"
        print(line, flush=True)


if __name__ == "__main__":
    main()
