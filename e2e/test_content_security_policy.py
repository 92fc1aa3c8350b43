"""The admin and the account pages work in Chromium under our Content-Security-Policy."""

import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db(transaction=True)


def _watch_for_violations(page):
    violations = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)
    return violations


def test_admin_scripts_run_under_the_policy(page):
    User.objects.create_superuser("editor", "editor@example.org", "a-long-editor-pass-9")
    violations = _watch_for_violations(page)
    page.goto("/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-editor-pass-9")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
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
    violations = _watch_for_violations(page)
    page.goto(path)
    assert page.locator("link[rel=stylesheet]").count() == 1
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).display") != ""
    assert violations == []


def test_article_json_ld_is_read_as_data_under_the_policy(page):
    from news.tests.factories import make_article

    title = "Probe </script><script>window.brokeOut = true</script> <!-- lands"
    article = make_article(title)
    violations = _watch_for_violations(page)
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
