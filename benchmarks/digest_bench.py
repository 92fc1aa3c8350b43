"""The daily digest to 10,000 subscribers through a local SMTP server, on a fresh SQLite database (or DATABASE_URL).

    DEBUG=1 .venv/bin/python benchmarks/digest_bench.py [--subscribers 10000] [--articles 25]

Starts an aiosmtpd server in a process of its own (it counts messages and keeps nothing), makes
the subscribers (a fifth of them choosing two sections), publishes the day's articles, runs
`manage.py send_digests` for that day in this process, and prints the time and the rate. A
second run then checks that nobody is sent the digest again. Target: 10,000 in under a minute.
"""

import argparse
import asyncio
import io
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from serving import free_port

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class CountingHandler:
    def __init__(self, counter):
        self.counter = counter

    async def handle_DATA(self, server, session, envelope):
        with self.counter.get_lock():
            self.counter.value += 1
        return "250 2.0.0 Accepted"


def serve(port, counter, ready):
    from aiosmtpd.controller import Controller

    controller = Controller(CountingHandler(counter), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    asyncio.run(asyncio.sleep(3600))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=25)
    parser.add_argument(
        "--database-url",
        help="a database the benchmark may empty of subscribers and fill with its stories [a new SQLite file]; "
        "DATABASE_URL from the environment is never used, so a real site's is safe",
    )
    options = parser.parse_args()

    port, counter, ready = free_port(), multiprocessing.Value("i", 0), multiprocessing.Event()
    sink = multiprocessing.Process(target=serve, args=(port, counter, ready), daemon=True)
    sink.start()
    ready.wait(10)

    tmp = tempfile.TemporaryDirectory()
    os.environ["DATABASE_URL"] = options.database_url or f"sqlite:///{tmp.name}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ["EMAIL_URL"] = f"smtp://127.0.0.1:{port}"
    import django

    django.setup()
    from datetime import datetime, timedelta
    from datetime import time as day_time

    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from digests.models import Subscriber
    from news.models import Article, Section

    call_command("migrate", verbosity=0)
    Subscriber.objects.all().delete()
    Article.objects.filter(section__slug__startswith="digest-bench-").delete()
    Section.objects.filter(slug__startswith="digest-bench-").delete()
    sections = [Section.objects.create(name=f"Digest bench {n}", slug=f"digest-bench-{n}") for n in range(4)]
    day = timezone.localdate() - timedelta(days=1)
    for n in range(options.articles):
        Article.objects.create(
            title=f"Digest bench story {n}", slug=f"digest-bench-story-{n}-{day:%Y%m%d}", section=sections[n % 4],
            teaser=f"What happened in story {n}, in two sentences. It matters.", body=f"<p>Body {n}.</p>",
            status=Article.Status.PUBLISHED,
            published_at=timezone.make_aware(datetime.combine(day, day_time(6))) + timedelta(minutes=20 * n),
        )
    now = timezone.now()
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(email=f"reader{n:05d}@example.org", confirmed_at=now, is_all_news=n % 5 != 0)
        for n in range(options.subscribers)
    )
    if subscribers[0].pk is None:
        subscribers = list(Subscriber.objects.filter(is_all_news=False))
    Through = Subscriber.sections.through
    Through.objects.bulk_create(
        Through(subscriber_id=subscriber.pk, section_id=sections[k % 4].pk)
        for subscriber in subscribers if not subscriber.is_all_news for k in (subscriber.pk, subscriber.pk + 1)
    )

    out = io.StringIO()
    started, cpu_started = time.perf_counter(), time.process_time()
    call_command("send_digests", "--date", day.isoformat(), stdout=out)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    received = counter.value
    call_command("send_digests", "--date", day.isoformat(), stdout=io.StringIO())
    sink.terminate()
    sink.join()
    # On a busy machine the wall time is mostly waiting for a CPU; the CPU times are not.
    sink_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"database: {connection.vendor}; {options.subscribers:,} subscribers, {options.articles} articles")
    print(out.getvalue().strip())
    print(f"send_digests: {seconds:.1f} s, {received:,} messages received by the SMTP server, {received / seconds:,.0f}/s")
    print(f"CPU: send_digests {cpu_seconds:.1f} s, SMTP server {sink_cpu.ru_utime + sink_cpu.ru_stime:.1f} s")
    print(f"second run: {counter.value - received} more messages (0 expected)")


if __name__ == "__main__":
    main()
