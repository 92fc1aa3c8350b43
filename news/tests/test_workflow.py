"""The newsroom's workflow: contributors write drafts and send them for review; only editors
with the publish permission publish."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from news.admin import NOT_A_PUBLISHER
from news.models import Article

from .factories import make_article, make_section

pytestmark = pytest.mark.django_db


def _client_in(client, group, username):
    user = User.objects.create_user(username, password="pw-for-tests-1", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return client


@pytest.fixture
def contributor_client(client):
    return _client_in(client, "Contributors", "contributor")


def _article_form(section, status, **overrides):
    data = {
        "title": "Contributor files a story",
        "slug": "contributor-files-a-story",
        "section": section.pk,
        "teaser": "A teaser.",
        "body": "<h2>Heading</h2><p>The text.</p>",
        "status": status,
        "published_at_0": timezone.localtime().strftime("%Y-%m-%d"),
        "published_at_1": timezone.localtime().strftime("%H:%M:%S"),
        "related_links-TOTAL_FORMS": "0",
        "related_links-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def _message_texts(response):
    return [str(message) for message in response.context["messages"]]


def test_contributors_group_writes_but_cannot_publish_or_delete():
    codenames = set(Group.objects.get(name="Contributors").permissions.values_list("codename", flat=True))
    assert codenames == {
        "add_article", "change_article", "view_article",
        "add_relatedlink", "change_relatedlink", "delete_relatedlink", "view_relatedlink",
        "add_keyword", "view_keyword", "view_section", "view_author",
    }


def test_editors_group_may_publish():
    assert Group.objects.get(name="Editors").permissions.filter(codename="publish_article").exists()


def test_contributor_cannot_publish_through_the_form(contributor_client):
    section = make_section()
    response = contributor_client.post("/admin/news/article/add/", _article_form(section, "published"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["status"] == [NOT_A_PUBLISHER]
    assert "Only editors with the “Can publish articles” permission" in response.content.decode()
    assert not Article.objects.exists()


def test_contributor_is_offered_draft_and_review_only(contributor_client):
    html = contributor_client.get("/admin/news/article/add/").content.decode()
    assert '<option value="review">Ready for review</option>' in html
    assert '<option value="draft" selected>Draft</option>' in html
    assert '<option value="published"' not in html


def test_contributor_sends_a_draft_for_review_which_stays_private(contributor_client, client):
    section = make_section()
    response = contributor_client.post("/admin/news/article/add/", _article_form(section, "review"))
    assert response.status_code == 302
    article = Article.objects.get(slug="contributor-files-a-story")
    assert article.status == Article.Status.REVIEW
    assert article.body == "<h2>Heading</h2><p>The text.</p>"
    assert not Article.objects.published().filter(pk=article.pk).exists()
    preview = contributor_client.get(article.get_preview_url())
    assert preview.status_code == 200
    assert "Ready for review — not public." in preview.content.decode()
    contributor_client.logout()
    assert contributor_client.get(article.get_absolute_url()).status_code == 404


def test_contributor_cannot_publish_with_the_action(contributor_client):
    article = make_article(status=Article.Status.REVIEW)
    changelist = contributor_client.get("/admin/news/article/").content.decode()
    assert 'value="publish_now"' not in changelist and 'value="unpublish"' not in changelist
    response = contributor_client.post(
        "/admin/news/article/", {"action": "publish_now", "_selected_action": [article.pk]}, follow=True
    )
    assert response.status_code == 200
    assert _message_texts(response) == [NOT_A_PUBLISHER]
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW and not article.is_live


def test_contributor_cannot_unpublish_with_the_action(contributor_client):
    article = make_article()
    response = contributor_client.post(
        "/admin/news/article/", {"action": "unpublish", "_selected_action": [article.pk]}, follow=True
    )
    assert _message_texts(response) == [NOT_A_PUBLISHER]
    article.refresh_from_db()
    assert article.is_live


def test_contributor_only_views_a_published_article(contributor_client):
    article = make_article(title="Live story")
    page = contributor_client.get(f"/admin/news/article/{article.pk}/change/")
    assert page.status_code == 200
    assert "View article" in page.content.decode() and 'name="_save"' not in page.content.decode()
    response = contributor_client.post(
        f"/admin/news/article/{article.pk}/change/",
        _article_form(article.section, "draft", title="Taken down", slug=article.slug),
    )
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title == "Live story" and article.is_live


def test_editor_publishes_an_article_ready_for_review(editor_client):
    article = make_article(status=Article.Status.REVIEW, published_at=timezone.now() - timedelta(minutes=1))
    form = _article_form(article.section, "published", title=article.title, slug=article.slug)
    response = editor_client.post(f"/admin/news/article/{article.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.is_live
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_editor_publishes_with_the_action(editor_client):
    article = make_article(status=Article.Status.REVIEW)
    changelist = editor_client.get("/admin/news/article/").content.decode()
    assert 'value="publish_now"' in changelist
    response = editor_client.post(
        "/admin/news/article/", {"action": "publish_now", "_selected_action": [article.pk]}, follow=True
    )
    assert _message_texts(response) == ["1 article(s) published."]
    article.refresh_from_db()
    assert article.is_live


def test_status_filter_counts_each_status_and_lists_the_review_queue(editor_client):
    make_article("Waiting for an editor", status=Article.Status.REVIEW)
    make_article("Second in the queue", status=Article.Status.REVIEW)
    make_article("Still a draft", status=Article.Status.DRAFT)
    make_article("Already live")
    html = editor_client.get("/admin/news/article/").content.decode()
    for label in ("Draft (1)", "Ready for review (2)", "Published (1)"):
        assert label in html
    queue = editor_client.get("/admin/news/article/?status__exact=review").content.decode()
    assert "Waiting for an editor" in queue and "Second in the queue" in queue
    assert "Still a draft" not in queue and "Already live" not in queue
