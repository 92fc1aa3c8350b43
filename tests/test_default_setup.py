"""The default set-up (SQLite, no REDIS_URL) with several processes: `make serve`'s gunicorn
workers, and `manage.py` run beside them from cron or a shell. A change made in any process
shows on every worker's pages within PAGE_CACHE_MAX_AGE: what decides freshness is in the
database they share, and each worker keeps its own copies for PAGE_CACHE_LOCAL_SECONDS only.
"""

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from .app_servers import ROOT, Server

pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")

SLUG = "crew-capsule-splashes-down"
URL = f"/news/2026/01/05/{SLUG}/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("default-setup")
    environment = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    environment.update(
        DEBUG="1",
        PAGE_CACHE_LOCAL_SECONDS="1",  # as in production
        DATABASE_URL=f"sqlite:///{folder / 'site.sqlite3'}",
        LOG_LEVEL="WARNING",
        GUNICORN_ACCESS_LOG="",
    )
    manage(environment, "migrate", "--noinput")
    manage(environment, "shell", "-c", (
        "from news.models import Section; Section.objects.create(name='Launchers', slug='launchers')"
    ))
    import_row(environment, folder, title="Crew capsule splashes down")
    server = Server(environment, workers=2)
    try:
        server.wait_until_healthy()
        yield server, environment, folder
    finally:
        server.stop()


def manage(environment, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def import_row(environment, folder, **changes):
    row = {
        "external_id": "wire-1",
        "slug": SLUG,
        "title": "Crew capsule splashes down",
        "section": "launchers",
        "published_at": "2026-01-05T10:00:00+00:00",
        "teaser": "The capsule landed in calm seas.",
        "body": "<p>Recovery ships were waiting.</p>",
        **changes,
    }
    path = folder / "rows.jsonl"
    path.write_text(json.dumps(row) + "\n")
    manage(environment, "import_articles", str(path), "--no-progress")


def get(server, path):
    try:
        with urllib.request.urlopen(server.url + path, timeout=10) as response:
            return response.status, response.headers.get("X-Page-Cache"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, None, ""


def _on_every_worker(server, path):
    """Enough requests that both workers answer; each answer is returned."""
    return [get(server, path) for _ in range(8)]


def _soon_on_every_worker(server, path, check):
    """Whether every worker's answer passes `check` within PAGE_CACHE_MAX_AGE (10 s)."""
    deadline = time.monotonic() + 10
    while not all(check(*answer) for answer in _on_every_worker(server, path)):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def test_pages_are_cached_for_every_worker(site):
    server, _, _ = site
    answers = _on_every_worker(server, URL)
    assert all(status == 200 and "Crew capsule splashes down</h1>" in html for status, _, html in answers)
    assert [cached for _, cached, _ in answers].count("miss") == 1  # one shared cache, not one per worker
    assert {cached for _, cached, _ in answers[1:]} == {"hit"}


def test_an_edit_from_a_shell_shows_at_once_on_every_worker(site):
    server, environment, _ = site
    _on_every_worker(server, URL)
    _on_every_worker(server, "/news/")
    manage(environment, "shell", "-c", (
        f"from news.models import Article; a = Article.objects.get(slug='{SLUG}'); "
        "a.title = 'Crew capsule recovered'; a.save()"
    ))
    for path in (URL, "/news/"):
        assert _soon_on_every_worker(server, path, lambda status, cached, html: "Crew capsule recovered" in html), path


def test_an_import_shows_at_once_on_every_worker(site):
    server, environment, folder = site
    _on_every_worker(server, URL)
    import_row(environment, folder, title="Crew capsule back on deck")
    assert _soon_on_every_worker(server, URL, lambda status, cached, html: "Crew capsule back on deck</h1>" in html)


def test_unpublishing_or_rescheduling_from_a_shell_takes_the_article_down_at_once(site):
    server, environment, folder = site
    import_row(environment, folder, title="Crew capsule splashes down")
    _on_every_worker(server, URL)
    _on_every_worker(server, "/")
    manage(environment, "shell", "-c", (
        f"from datetime import timedelta; from django.utils import timezone; from news.models import Article; "
        f"a = Article.objects.get(slug='{SLUG}'); a.published_at = timezone.now() + timedelta(days=1); a.save()"
    ))
    assert _soon_on_every_worker(server, URL, lambda status, cached, html: status == 404)
    assert _soon_on_every_worker(server, "/", lambda status, cached, html: "Crew capsule splashes down" not in html)
    import_row(environment, folder, title="Crew capsule splashes down")
    assert _soon_on_every_worker(server, URL, lambda status, cached, html: status == 200)
    import_row(environment, folder, title="Crew capsule splashes down", status="draft")
    assert _soon_on_every_worker(server, URL, lambda status, cached, html: status == 404)
