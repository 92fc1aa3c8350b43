from datetime import timedelta

import pytest
from django.utils import timezone

from e2e.newsroom import log_in_to_admin, make_editor
from news.models import Article
from news.tests.factories import make_section

pytestmark = pytest.mark.django_db(transaction=True)


def test_editor_writes_schedules_and_previews_an_article(page, browser, live_server, newsroom_groups):
    make_section("Rocket Science", slug="rocket-science")
    log_in_to_admin(page, make_editor(), "/admin/news/article/add/")

    page.locator("#id_title").press_sequentially("Static fire planned for Friday")
    assert page.input_value("#id_slug") == "static-fire-planned-for-friday"  # prepopulated as the editor types
    page.select_option("#id_section", label="Rocket Science")
    page.fill("#id_teaser", "Engineers will fire the new engine on Friday.")
    page.get_by_role("textbox", name="Body", exact=True).fill("The engine will fire for 30 seconds.")
    page.select_option("#id_status", "published")
    tomorrow = timezone.localtime() + timedelta(days=1)
    page.fill("#id_published_at_0", tomorrow.strftime("%Y-%m-%d"))
    page.fill("#id_published_at_1", "09:00:00")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")
    assert "was added successfully" in page.inner_text(".messagelist")

    article = Article.objects.get(slug="static-fire-planned-for-friday")
    assert article.is_scheduled
    assert article.body == "<p>The engine will fire for 30 seconds.</p>"

    preview_url = page.get_by_role("link", name="/news/preview/").first.get_attribute("href")
    anonymous = browser.new_context(base_url=live_server.url).new_page()
    assert anonymous.goto(article.get_absolute_url()).status == 404
    anonymous.goto(preview_url)
    assert "Scheduled for" in anonymous.inner_text(".preview-banner")
    assert anonymous.get_by_role("heading", level=1).inner_text() == "Static fire planned for Friday"
    anonymous.context.close()
