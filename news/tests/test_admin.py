from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from news.models import Article

from .factories import make_article, make_author, make_keyword, make_section

pytestmark = pytest.mark.django_db


def _article_form(section, **overrides):
    data = {
        "title": "Editors write a new story",
        "slug": "editors-write-a-new-story",
        "section": section.pk,
        "teaser": "A teaser.",
        "body": '<p>Hello <a href="javascript:alert(1)">world</a></p><img src=x onerror=alert(1)>',
        "status": "published",
        "published_at_0": (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%d"),
        "published_at_1": "09:00:00",
        "related_links-TOTAL_FORMS": "1",
        "related_links-INITIAL_FORMS": "0",
        "related_links-0-order": "0",
        "related_links-0-title": "Agency site",
        "related_links-0-url": "https://example.org/",
    }
    data.update(overrides)
    return data


def test_editors_group_has_exactly_the_news_permissions():
    codenames = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert {"add_article", "change_article", "delete_article", "view_article", "change_keyword"} <= codenames
    assert not {"change_user", "add_group", "delete_user"} & codenames


def test_editor_writes_and_schedules_an_article(editor_client):
    section = make_section()
    response = editor_client.post("/admin/news/article/add/", _article_form(section))
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(slug="editors-write-a-new-story")
    assert article.is_scheduled
    assert "javascript:" not in article.body and "onerror" not in article.body and "<img" not in article.body
    assert article.related_links.get().title == "Agency site"


def test_editor_cannot_manage_users(editor_client):
    assert editor_client.get("/admin/auth/user/").status_code == 403


def test_article_list_search_filters_and_hierarchy(editor_client):
    make_article("Findable launch story")
    make_article("Other story", status=Article.Status.DRAFT)
    html = editor_client.get("/admin/news/article/?q=Findable").content.decode()
    assert "Findable launch story" in html and "Other story" not in html
    drafts = editor_client.get("/admin/news/article/?status__exact=draft").content.decode()
    assert "Other story" in drafts and "Findable launch story" not in drafts
    assert "?published_at__year=" in html  # the date hierarchy


def test_publish_now_and_unpublish_actions(editor_client):
    draft = make_article(status=Article.Status.DRAFT, published_at=timezone.now() + timedelta(days=3))
    editor_client.post("/admin/news/article/", {"action": "publish_now", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.is_live
    editor_client.post("/admin/news/article/", {"action": "unpublish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_change_page_offers_view_on_site_and_preview_link(editor_client):
    draft = make_article(status=Article.Status.DRAFT)
    html = editor_client.get(f"/admin/news/article/{draft.pk}/change/").content.decode()
    assert "/news/preview/" in html
    assert "/admin/r/" in html  # "View on site" goes through admin's shortcut view
    response = editor_client.get(draft.get_absolute_url())
    assert response.status_code == 200 and "Draft — not public." in response.content.decode()


def test_author_and_keyword_autocomplete(editor_client):
    make_author("Valentina Orbit")
    make_keyword("LUNAR LANDERS")
    authors = editor_client.get(
        "/admin/autocomplete/?term=Valen&app_label=news&model_name=article&field_name=author"
    ).json()
    assert [r["text"] for r in authors["results"]] == ["Valentina Orbit"]
    keywords = editor_client.get(
        "/admin/autocomplete/?term=lunar&app_label=news&model_name=article&field_name=keywords"
    ).json()
    assert [r["text"] for r in keywords["results"]] == ["LUNAR LANDERS"]
