"""Every page type passes axe-core (accessibility) with no violation of any impact and the Nu HTML
Checker (validity) with no error, at 390 and 1280 px wide, in light and dark mode.

The tour runs once for the module: each page is opened once per width and scheme in one browser,
axe runs in the page as loaded, and vnu checks the HTML the server sent for every page in one
Java call. The checkers are pinned in `e2e/node/package.json`, installed by `make install`.
With PAGE_SCREENSHOTS_DIR set (`make screenshots`), each visit is also saved as a PNG.
"""

import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.cache import cache, caches
from django.core.management import call_command
from django.test import override_settings

from supporters.tests.fake_stripe import WEBHOOK_SECRET, FakeStripe

from .conftest import REQUIRED
from .page_types import PAGE_TYPES, SCHEMES, WIDTHS, build_site, pay_once, signed_in_state, tour

NODE_MODULES = Path(__file__).parent / "node" / "node_modules"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
SEARCH_PAGES = {"search-form", "search-results", "search-error"}
# The sidebar's short search form and the search page's own form are two search landmarks until
# the search page leaves the sidebar's out.
SECOND_SEARCH_LANDMARK = "landmark-unique"

pytestmark = pytest.mark.e2e


@dataclass
class Findings:
    axe: dict = field(default_factory=dict)
    vnu: dict = field(default_factory=dict)
    statuses: dict = field(default_factory=dict)
# A full-page screenshot shows what is below the fold, where lazy images have not loaded yet.
LOAD_EVERY_IMAGE = """() => Promise.all([...document.images].map(image => {
    image.loading = "eager";
    return image.complete ? null : new Promise(loaded => { image.onload = image.onerror = loaded; });
}))"""


def _checkers_or_skip():
    missing = [str(path) for path in (AXE_SCRIPT, VNU_JAR) if not path.exists()]
    if missing:
        reason = f"page checkers not installed ({', '.join(missing)}): run `make install` (needs npm)"
    elif not shutil.which("java"):
        reason = "java not found (apt-get install default-jre-headless)"
    else:
        return
    if REQUIRED:
        pytest.fail(f"E2E_REQUIRED=1 but {reason}")
    pytest.skip(reason)


def _axe_violations(visits, axe_source):
    """[(rule, text), …] of each visit's page, axe running in the pages side by side."""
    for visit in visits:
        visit.page.evaluate(axe_source)
        visit.page.evaluate("() => { window.axeResults = axe.run(document, {resultTypes: ['violations']}); }")
    found = []
    for visit in visits:
        for violation in visit.page.evaluate("async () => (await window.axeResults).violations"):
            targets = [node["target"] for node in violation["nodes"]]
            found.append((violation["id"], f"{visit.width}, {visit.scheme}: {violation['id']} ({violation['impact']}: {violation['help']} — {targets})"))
    return found


def _vnu_errors(html_files):
    """{file stem: [message, …]} for every error the Nu HTML Checker finds, in one JVM."""
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--exit-zero-always", *map(str, html_files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    errors = {}
    for message in json.loads(result.stderr)["messages"]:
        stem = Path(message.get("url", "").removeprefix("file:")).stem
        errors.setdefault(stem, []).append(f"line {message.get('lastLine')}: {message['message']} — {message.get('extract', '')!r}")
    return errors


@pytest.fixture(scope="module")
def findings(browser, live_server, django_db_setup, django_db_blocker, tmp_path_factory):
    _checkers_or_skip()
    axe_source = AXE_SCRIPT.read_text()
    html_dir = tmp_path_factory.mktemp("pages")
    screenshots = os.environ.get("PAGE_SCREENSHOTS_DIR")
    fake_stripe = FakeStripe(webhook_url=f"{live_server.url}/support/stripe/webhook/").start()
    site_settings = override_settings(
        STRIPE_SECRET_KEY="sk_test_page_checks",
        STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
        STRIPE_API_BASE=fake_stripe.url,
        STRIPE_MAX_NETWORK_RETRIES=0,
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
    )
    found = Findings()

    def check(page_type, visits):
        found.statuses[page_type.name] = [(visit.response.status, visit.page.locator(page_type.shows).count() > 0) for visit in visits]
        found.axe[page_type.name] = _axe_violations(visits, axe_source)
        (html_dir / f"{page_type.name}.html").write_bytes(visits[0].response.body())
        for visit in visits if screenshots else ():
            visit.page.evaluate(LOAD_EVERY_IMAGE)
            visit.page.screenshot(path=Path(screenshots) / f"{page_type.name}-{visit.width}-{visit.scheme}.png", full_page=True)

    with django_db_blocker.unblock(), site_settings:
        cache.clear()
        caches["fragments"].clear()
        try:
            thanks_path, supporter_state = pay_once(browser, live_server.url)
            pages, reader = build_site(thanks_path)
            states = {"reader": signed_in_state(reader, live_server.url), "supporter": supporter_state}
            for page_type, visits in tour(browser, live_server.url, pages, states):
                check(page_type, visits)
        finally:
            fake_stripe.stop()
            call_command("flush", interactive=False, verbosity=0)
            cache.clear()
            caches["fragments"].clear()
    found.vnu = _vnu_errors(sorted(html_dir.glob("*.html")))
    return found


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda page_type: page_type.name)
def test_page_answers_with_its_status_and_shows_what_it_is(findings, page_type):
    assert findings.statuses[page_type.name] == [(page_type.status, True)] * len(WIDTHS) * len(SCHEMES)


@pytest.mark.parametrize("name", [page_type.name for page_type in PAGE_TYPES])
def test_page_has_no_axe_violations(findings, name):
    violations = [
        text for rule, text in findings.axe.get(name, [])
        if not (name in SEARCH_PAGES and rule == SECOND_SEARCH_LANDMARK)
    ]
    assert violations == [], "\n".join(violations)


@pytest.mark.parametrize("name", sorted(SEARCH_PAGES))
def test_search_page_has_one_search_landmark(findings, name):
    assert [text for rule, text in findings.axe.get(name, []) if rule == SECOND_SEARCH_LANDMARK] == []


@pytest.mark.parametrize("name", [page_type.name for page_type in PAGE_TYPES])
def test_page_is_valid_html(findings, name):
    errors = findings.vnu.get(name, [])
    assert errors == [], "\n".join(errors)
