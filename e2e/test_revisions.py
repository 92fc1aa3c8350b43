import importlib
from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from e2e.newsroom import csp_violations, log_in_to_admin, make_editor
from news.models import Article
from news.tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def editor(newsroom_groups):
    """An editor in the Editors group, on a site named as its data migration names it: an
    earlier browser test's flush removes the site row that admin's login page names. The
    migration's function runs on the migrations' own state, as in `migrate`."""
    state_apps = MigrationExecutor(connection).loader.project_state().apps
    importlib.import_module("portal.migrations.0001_site_name").name_the_site(state_apps, None)
    return make_editor()


def _save_with_title_and_teaser(page, article, title, teaser):
    page.goto(f"/admin/news/article/{article.pk}/change/")
    page.fill("#id_title", title)
    page.fill("#id_teaser", teaser)
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")


def test_editor_edits_twice_reads_the_diff_and_restores_the_first_text(page, browser, live_server, editor):
    violations = csp_violations(page)
    article = make_article(
        "Static fire on Friday",
        section=make_section("Rocket Science"),
        teaser="Engineers will fire the engine for 30 seconds.",
        published_at=timezone.now() - timedelta(days=2),
    )

    log_in_to_admin(page, editor)
    chart = page.locator("svg.desk-chart")
    assert chart.is_visible()
    assert chart.get_attribute("role") == "img"
    assert chart.locator("rect").count() == 14
    assert "Static fire on Friday" not in page.locator("#editors-desk").inner_text()  # published two days ago

    _save_with_title_and_teaser(page, article, "Static fire moved to Saturday", "Engineers will fire the engine for 30 seconds.")
    _save_with_title_and_teaser(page, article, "Static fire moved to Saturday", "Engineers will fire the engine for 60 seconds.")

    page.click("a.historylink")
    page.wait_for_url(f"**/admin/news/article/{article.pk}/history/")
    revisions = page.locator("section.revision")
    assert revisions.count() == 3
    assert [revisions.nth(n).locator(".revision-saver").inner_text() for n in range(3)] == ["editor", "editor", "system"]
    newest, middle = revisions.nth(0), revisions.nth(1)
    assert newest.locator("ins").first.inner_text() == "60"
    assert newest.locator("del").first.inner_text() == "30"
    assert middle.locator(".revision-diff del").all_inner_texts() == ["on", "Friday"]
    assert middle.locator(".revision-diff ins").all_inner_texts() == ["moved", "to Saturday"]

    revisions.nth(2).get_by_role("button", name="Restore this revision").click()
    page.wait_for_selector(".messagelist .success")
    assert "Restored the revision of" in page.locator(".messagelist").inner_text()
    assert page.locator("section.revision").count() == 4
    assert "Restored the revision of" in page.locator("section.revision").first.locator(".revision-note").inner_text()

    reader = browser.new_context(base_url=live_server.url).new_page()
    reader.goto(Article.objects.get(pk=article.pk).get_absolute_url())
    assert reader.get_by_role("heading", level=1).inner_text() == "Static fire on Friday"
    assert "30 seconds" in reader.content() and "60 seconds" not in reader.content()
    reader.context.close()
    assert violations == []
