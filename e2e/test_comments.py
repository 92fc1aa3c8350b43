import re

import pytest
from django.core import mail

from comments.models import Comment
from comments.tests.factories import PASSWORD, make_comment, make_reader
from news.tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _quick_rules(settings):
    settings.COMMENTS_COOLDOWN_SECONDS = 0
    settings.COMMENTS_NEW_ACCOUNT_HOLD = 0
    settings.COMMENTS_REFRESH_SECONDS = 2


def log_in(page, username, next_url):
    page.goto(f"/accounts/login/?next={next_url}")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()


def test_new_reader_signs_up_verifies_and_comments_without_a_reload(page):
    article = make_article("Booster lands on a barge")
    page.goto(article.get_absolute_url())
    assert page.locator("#comments").get_by_text("Be the first to comment.").is_visible()
    page.locator("#comments").get_by_role("link", name="Sign up").click()

    page.fill("input[name=email]", "ada@example.com")
    page.fill("input[name=username]", "ada")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.locator("form").filter(has=page.locator("input[name=password2]")).locator("button[type=submit]").click()
    page.wait_for_url("**/accounts/confirm-email/")
    link = re.search(r"http://\S+/accounts/confirm-email/\S+", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()

    # Back at the article's comments, logged in by the verification in the browser that signed up.
    page.wait_for_url(f"**{article.get_absolute_url()}#comments")
    assert "Signed in as ada" in page.locator(".account-nav").inner_text()
    page.evaluate("window.notReloaded = true")
    page.fill("#comments textarea[name=body]", "Ten landings <b>and</b> counting.")
    page.locator("#comments").get_by_role("button", name="Post comment").click()
    posted = page.locator(".comment-body", has_text="Ten landings <b>and</b> counting.")
    posted.wait_for()
    assert page.evaluate("window.notReloaded") is True
    assert page.locator("[data-comment-count]").inner_text() == "(1)"
    assert not page.locator(".comments-empty").is_visible()
    assert page.locator("#comments textarea[name=body]").input_value() == ""

    # A refusal is shown in place and keeps the text.
    page.fill("#comments textarea[name=body]", "Ten landings <b>and</b> counting.")
    page.locator("#comments").get_by_role("button", name="Post comment").click()
    error = page.locator("[data-form-error]")
    error.wait_for()
    assert error.inner_text() == "You posted the same text a moment ago."
    assert page.locator("#comments textarea[name=body]").input_value() == "Ten landings <b>and</b> counting."
    assert page.locator(".comment").count() == 1

    # A second reader's comment arrives by itself with the next refresh.
    assert re.match(r"The comment will be refreshed after 00:0\d", page.locator("[data-refresh-status]").inner_text())
    make_comment(article, make_reader("grace"), "Grace was here")
    page.locator(".comment-body", has_text="Grace was here").wait_for(timeout=8_000)
    assert page.evaluate("window.notReloaded") is True
    assert page.locator("[data-comment-count]").inner_text() == "(2)"

    # Edit within the window.
    own = page.locator(".comment", has=page.locator(".comment-body", has_text="Ten landings"))
    own.get_by_role("link", name="Edit").click()
    page.fill("textarea[name=body]", "Eleven landings and counting.")
    page.get_by_role("button", name="Save changes").click()
    assert page.locator(".comment-body", has_text="Eleven landings and counting.").is_visible()
    assert page.locator(".comment-edited").is_visible()

    # Flag the other reader's comment.
    theirs = page.locator(".comment", has=page.locator(".comment-body", has_text="Grace was here"))
    theirs.get_by_role("link", name="Flag").click()
    page.get_by_label("Spam or advertising").check()
    page.get_by_role("button", name="Flag comment").click()
    assert page.get_by_text("Thank you: the moderators will look at this comment.").is_visible()
    assert Comment.objects.get(body="Grace was here").open_flags == 1


def test_posting_works_without_javascript(page_without_js):
    page = page_without_js
    article = make_article("Capsule splashes down")
    make_reader("lin")
    log_in(page, "lin", article.get_absolute_url())
    page.wait_for_url(f"**{article.get_absolute_url()}")
    assert not page.locator("[data-refresh-status]").is_visible()
    page.fill("#comments textarea[name=body]", "Read without scripts.\nSecond line.")
    page.locator("#comments").get_by_role("button", name="Post comment").click()
    page.wait_for_url(re.compile(r"#comment-\d+$"))
    comment = Comment.objects.get()
    assert page.url.endswith(f"{article.get_absolute_url()}#comment-{comment.pk}")
    assert page.locator(f"#comment-{comment.pk} .comment-body").inner_html() == "Read without scripts.<br>Second line."

    page.fill("#comments textarea[name=body]", "Read without scripts.\nSecond line.")
    page.locator("#comments").get_by_role("button", name="Post comment").click()
    assert page.get_by_text("You posted the same text a moment ago.").is_visible()
    assert page.locator("textarea[name=body]").input_value() == "Read without scripts.\nSecond line."
    assert Comment.objects.count() == 1


def test_refresh_pauses_while_the_tab_is_hidden(page):
    article = make_article("Probe reaches Jupiter")
    requests = []
    page.on("request", lambda request: requests.append(request.url) if "/new/" in request.url else None)
    page.goto(article.get_absolute_url())
    page.wait_for_timeout(2_500)
    assert requests, "the refresh should have run at least once while visible"
    page.evaluate(
        "Object.defineProperty(document, 'hidden', {value: true, configurable: true});"
        "document.dispatchEvent(new Event('visibilitychange'))"
    )
    countdown = page.locator("[data-refresh-status]").inner_text()
    seen = len(requests)
    page.wait_for_timeout(3_000)
    assert len(requests) == seen
    assert page.locator("[data-refresh-status]").inner_text() == countdown
