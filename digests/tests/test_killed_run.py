"""A send_digests process killed mid-run, then run again: nobody gets the digest twice.

Two real processes on a database file of their own (the test database may live in this
process's memory), and the SMTP server stops answering mid-run so the first can be killed
while a message is on the wire.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .smtp_sink import SmtpSink

ROOT = Path(__file__).resolve().parents[2]
SUBSCRIBERS = 30
BATCH = 5
KILLED_AFTER = 7  # messages accepted before the server stops answering

SEED = f"""
from datetime import datetime, time, timedelta
from django.utils import timezone
from digests.models import Subscriber
from news.models import Article, Section
day = timezone.localdate() - timedelta(days=1)
section = Section.objects.create(name="Launches", slug="launches")
Article.objects.create(title="Booster lands on a barge", slug="booster", section=section, teaser="Teaser.",
    body="<p>Body.</p>", status="published", published_at=timezone.make_aware(datetime.combine(day, time(9))))
Subscriber.objects.bulk_create(
    Subscriber(email=f"reader{{n:02d}}@example.org", confirmed_at=timezone.now()) for n in range({SUBSCRIBERS}))
"""


@pytest.fixture
def sink():
    sink = SmtpSink().start()
    yield sink
    sink.stop()


@pytest.fixture
def environment(tmp_path, sink):
    keep = {name: value for name, value in os.environ.items() if not name.startswith(("DATABASE_", "REDIS_", "EMAIL_"))}
    return {
        **keep,
        "DEBUG": "1",
        "SECRET_KEY": "digest-killed-run-test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'digest.sqlite3'}",
        "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}",
        "TIME_ZONE": "UTC",
        "LOG_LEVEL": "WARNING",
    }


def manage(environment, *arguments, **options):
    return subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=environment, capture_output=True, text=True, **options
    )


def test_a_killed_run_resumed_sends_nobody_the_digest_twice(tmp_path, environment, sink):
    server = sink.handler
    for step in (["migrate", "--noinput", "-v", "0"], ["shell", "-c", SEED]):
        assert manage(environment, *step, timeout=120).returncode == 0
    server.hold_after = KILLED_AFTER
    first = subprocess.Popen(
        [sys.executable, "manage.py", "send_digests", "--batch-size", str(BATCH)],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while server.count < KILLED_AFTER and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)  # the next message is now waiting for the server's answer
    first.send_signal(signal.SIGKILL)
    first.wait()
    server.hold_after = None

    resumed = manage(environment, "send_digests", "--batch-size", str(BATCH), timeout=120)

    assert resumed.returncode == 0, resumed.stderr
    recipients = server.recipients()
    assert len(recipients) == len(set(recipients))  # nobody twice
    # The killed run had marked its first batch sent and claimed the second (2 sent, 1 on the
    # wire, 2 not tried): the resumed run skips those five and sends every other batch.
    assert len(recipients) == SUBSCRIBERS - (2 * BATCH - KILLED_AFTER)
    assert "20 sent" in resumed.stdout and "5 claimed by an interrupted run and not sent again" in resumed.stdout
    with sqlite3.connect(tmp_path / "digest.sqlite3") as database:
        rows = database.execute("SELECT count(*), count(sent_at) FROM digests_delivery").fetchone()
    assert rows == (SUBSCRIBERS, SUBSCRIBERS - BATCH)
