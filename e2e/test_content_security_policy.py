"""The admin and the account pages work in Chromium under our Content-Security-Policy."""

import pytest
from django.contrib.auth.models import User

from e2e.newsroom import csp_violations, log_in_to_admin

pytestmark = pytest.mark.django_db(transaction=True)


def test_admin_scripts_run_under_the_policy(page):
    editor = User.objects.create_superuser("editor", "editor@example.org", "a-long-editor-pass-9")
    violations = csp_violations(page)
    log_in_to_admin(page, editor, password="a-long-editor-pass-9")
    page.goto("/admin/news/article/add/")
    page.locator("#id_title").press_sequentially("Policy check story")
    assert page.input_value("#id_slug") == "policy-check-story"  # admin's prepopulate script ran
    assert page.locator(".datetimeshortcuts a").count() >= 2  # and its calendar widgets
    page.locator(".prose-editor .ProseMirror[contenteditable=true]").fill("The body's editor started.")
    assert page.input_value("#id_body") == "<p>The body's editor started.</p>"
    page.goto("/admin/news/article/")
    assert violations == []


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/"])
def test_reader_pages_load_without_violations(page, path):
    violations = csp_violations(page)
    page.goto(path)
    assert page.locator("link[rel=stylesheet]").count() == 1
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).display") != ""
    assert violations == []


def test_article_json_ld_is_read_as_data_under_the_policy(page):
    from news.tests.factories import make_article

    title = "Probe </script><script>window.brokeOut = true</script> <!-- lands"
    article = make_article(title)
    violations = csp_violations(page)
    page.goto(article.get_absolute_url())
    blocks = page.eval_on_selector_all(
        'script[type="application/ld+json"]', "nodes => nodes.map(node => JSON.parse(node.textContent))"
    )
    assert [block["@type"] for block in blocks] == ["NewsArticle", "BreadcrumbList"]
    assert blocks[0]["headline"] == title
    assert page.locator("h1#story-title").inner_text() == title
    assert page.title() == f"{title} | Orbital Wire"
    assert page.evaluate("window.brokeOut") is None
    assert violations == []
