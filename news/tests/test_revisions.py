import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.utils import timezone

from news.models import Article, ArticleRevision
from news.revisions import BASELINE_NOTE, word_diff

from .factories import make_article, make_author, make_keyword, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    user = User.objects.create_user("ed", password="pw-for-tests-1", is_staff=True, first_name="Edna", last_name="Ito")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def _change_form(article, **overrides):
    """The article's change form as admin would post it back, with `overrides`."""
    published = timezone.localtime(article.published_at)
    data = {
        "title": article.title,
        "slug": article.slug,
        "section": article.section_id,
        "author": article.author_id or "",
        "teaser": article.teaser,
        "body": article.body,
        "keywords": [keyword.pk for keyword in article.keywords.all()],
        "status": article.status,
        "published_at_0": published.strftime("%Y-%m-%d"),
        "published_at_1": published.strftime("%H:%M:%S"),
        "related_links-TOTAL_FORMS": "0",
        "related_links-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def _restore_url(article, revision):
    return f"/admin/news/article/{article.pk}/history/{revision.pk}/restore/"


def test_creating_and_saving_in_the_shell_keeps_a_system_revision_each_time():
    article = make_article("Launch window opens", keywords=[make_keyword("ARIANE")])
    first = article.revisions.get()
    assert (first.origin, first.user, first.changed) == ("system", None, [])
    assert first.fields["title"] == "Launch window opens"
    assert first.fields["keywords"] == [[article.keywords.get().pk, "ARIANE"]]
    assert first.saved_by == "system"

    article.title = "Launch window opens on Tuesday"
    article.status = Article.Status.DRAFT
    article.save()
    assert article.revisions.count() == 2
    latest = article.revisions.first()
    assert latest.changed == ["title", "status"]
    assert latest.fields["status"] == "draft"


def test_an_admin_save_keeps_one_revision_by_the_editor_with_its_keyword_changes(editor_client, editor):
    published = timezone.now().replace(microsecond=0) - timedelta(hours=1)  # as the form posts it back
    article = make_article("Old title", author=make_author("Ann Lee"), published_at=published)
    ariane = make_keyword("ARIANE")
    response = editor_client.post(
        f"/admin/news/article/{article.pk}/change/",
        _change_form(article, title="New title", body="<p>New body.</p>", keywords=[ariane.pk], author=""),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert article.revisions.count() == 2
    latest = article.revisions.first()
    assert (latest.origin, latest.user) == ("admin", editor)
    assert latest.saved_by == "Edna Ito"
    assert latest.changed == ["title", "author", "body", "keywords"]
    assert latest.fields["keywords"] == [[ariane.pk, "ARIANE"]]
    assert latest.fields["author"] is None


def test_admin_actions_keep_a_revision_by_the_editor(editor_client, editor):
    article = make_article(status=Article.Status.DRAFT)
    response = editor_client.post(
        "/admin/news/article/", {"action": "publish_now", "_selected_action": [article.pk], "index": 0}
    )
    assert response.status_code == 302
    latest = article.revisions.first()
    assert (latest.user, latest.changed[0], latest.fields["status"]) == (editor, "status", "published")
    assert "published_at" in latest.changed


def test_keywords_added_later_in_the_shell_keep_a_revision_of_their_own(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article()  # its creation's transaction commits: later changes are new revisions
    keyword = make_keyword("SPACEX")
    article.keywords.add(keyword)
    keyword.articles.remove(article)
    assert [revision.changed for revision in article.revisions.all()] == [["keywords"], ["keywords"], []]


def test_an_article_saved_before_revisions_were_kept_gets_its_stored_state_first():
    article = make_article("As imported long ago")
    article.revisions.all().delete()
    article.title = "Edited today"
    article.save()
    baseline, latest = article.revisions.order_by("id")
    assert (baseline.note, baseline.fields["title"]) == (BASELINE_NOTE, "As imported long ago")
    assert (latest.changed, latest.fields["title"]) == (["title"], "Edited today")


def test_import_keeps_a_revision_for_each_new_or_changed_article(tmp_path):
    make_section("Launchers", slug="launchers")
    row = {
        "external_id": "afp-1",
        "title": "Rocket rolls out",
        "section": "launchers",
        "teaser": "It rolled.",
        "body": "<p>It rolled out.</p>",
        "published_at": "2021-02-17T09:43:00+00:00",
        "keywords": ["ARIANE"],
    }
    source = tmp_path / "articles.jsonl"
    source.write_text(json.dumps(row) + "\n")
    call_command("import_articles", source, no_progress=True, stdout=open("/dev/null", "w"))
    article = Article.objects.get(external_id="afp-1")
    created = article.revisions.get()
    assert (created.origin, created.saved_by, created.fields["keywords"][0][1]) == ("import", "import", "ARIANE")

    call_command("import_articles", source, no_progress=True, stdout=open("/dev/null", "w"))
    assert article.revisions.count() == 1  # an unchanged row is not saved again

    source.write_text(json.dumps({**row, "title": "Rocket rolls out to the pad"}) + "\n")
    call_command("import_articles", source, no_progress=True, stdout=open("/dev/null", "w"))
    latest = article.revisions.first()
    assert (latest.origin, latest.changed, latest.fields["title"]) == ("import", ["title"], "Rocket rolls out to the pad")


def test_word_diff_marks_words_and_escapes_everything():
    diff = word_diff('<p>Launch on <a href="x">Friday</a></p>', '<p>Launch on <a href="x">Monday</a> & "later"</p>')
    assert diff == (
        '&lt;p&gt;Launch on &lt;a href=&quot;x&quot;&gt;<del>Friday</del><ins>Monday</ins>'
        '&lt;/a&gt;<ins> &amp; &quot;later&quot;</ins>&lt;/p&gt;'
    )


def test_history_shows_each_revision_with_its_escaped_diff(editor_client):
    article = make_article("Engines <b>start</b>", body="<p>The first stage fires.</p>")
    article.title = "Engines <b>stop</b>"
    article.body = "<p>The first stage stops.</p><p>Then the second.</p>"
    article.save()
    response = editor_client.get(f"/admin/news/article/{article.pk}/history/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Engines &lt;b&gt;<del>start</del><ins>stop</ins>&lt;/b&gt;" in page
    assert "&lt;p&gt;The first stage <del>fires.</del><ins>stops.</ins>&lt;/p&gt;<ins>\n&lt;p&gt;Then the second.&lt;/p&gt;</ins>" in page
    assert "<b>stop</b>" not in page and "<p>Then the second.</p>" not in page
    assert "The first revision kept" in page
    assert page.count("Restore this revision") == 2
    assert 'href="/static/css/admin-desk.css"' in page and "style=" not in page.split("<body")[1]


def test_history_pages_are_constant_in_queries(editor_client, django_assert_max_num_queries):
    article = make_article()
    for number in range(45):
        article.teaser = f"Teaser {number}"
        article.save()
    with django_assert_max_num_queries(12):
        response = editor_client.get(f"/admin/news/article/{article.pk}/history/?page=2")
    assert "Page 2 of 3 (46 revisions)" in response.content.decode()
    assert response.content.decode().count("<dt>Teaser</dt>") == 20


def test_restore_brings_back_the_fields_and_keywords_and_keeps_a_revision(editor_client, editor):
    ariane, vega = make_keyword("ARIANE"), make_keyword("VEGA")
    article = make_article("First title", body="<p>First body.</p>", keywords=[ariane])
    first = article.revisions.get()
    article.title, article.body, article.status = "Second title", "<p>Second body.</p>", Article.Status.DRAFT
    article.save()
    article.keywords.set([vega])

    response = editor_client.post(_restore_url(article, first))
    assert response.status_code == 302
    assert response["Location"] == f"/admin/news/article/{article.pk}/history/"
    article.refresh_from_db()
    assert (article.title, article.body, article.status) == ("First title", "<p>First body.</p>", "published")
    assert list(article.keywords.all()) == [ariane]
    restored = article.revisions.first()
    assert article.revisions.count() == 3  # created; saved with new keywords (one transaction); restored
    assert (restored.user, restored.note.startswith("Restored the revision of")) == (editor, True)
    assert restored.changed == ["title", "body", "status", "keywords"]
    page = editor_client.get(response["Location"]).content.decode()
    assert "Restored the revision of" in page


def test_restored_article_page_shows_the_restored_text(editor_client, client):
    article = make_article("Readers saw this first", published_at=timezone.now() - timedelta(days=2))
    first = article.revisions.get()
    article.title = "Then this"
    article.save()
    assert "Then this" in client.get(article.get_absolute_url()).content.decode()
    editor_client.post(_restore_url(article, first))
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Readers saw this first" in page and "Then this" not in page


def test_restore_refuses_a_slug_another_article_took_with_a_clear_message(editor_client):
    article = make_article("Moon landing", slug="moon-landing")
    first = article.revisions.get()
    article.title, article.slug = "Moon landing, updated", "moon-landing-2"
    article.save()
    make_article(slug="moon-landing")
    response = editor_client.post(_restore_url(article, first))
    assert response.status_code == 400
    page = response.content.decode()
    assert "This revision cannot be restored as it is (slug: Article with this Slug already exists.)" in page
    assert "<title>History: Moon landing, updated |" in page
    article.refresh_from_db()
    assert article.slug == "moon-landing-2" and article.revisions.count() == 2


def test_restore_needs_a_post_and_a_revision_of_this_article(editor_client):
    article, other = make_article(), make_article()
    revision = article.revisions.get()
    assert editor_client.get(_restore_url(article, revision)).status_code == 405
    assert editor_client.post(_restore_url(other, revision)).status_code == 404
    assert editor_client.post(f"/admin/news/article/999999/history/{revision.pk}/restore/").status_code == 404
    assert editor_client.get("/admin/news/article/999999/history/").status_code == 404
    assert ArticleRevision.objects.count() == 2


def test_staff_without_change_permission_cannot_restore(client):
    viewer = User.objects.create_user("viewer", password="pw-for-tests-1", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(viewer)
    article = make_article("Kept as it is")
    revision = article.revisions.get()
    article.title = "Changed"
    article.save()
    history = client.get(f"/admin/news/article/{article.pk}/history/")
    assert history.status_code == 200 and "Restore this revision" not in history.content.decode()
    assert client.post(_restore_url(article, revision)).status_code == 403
    article.refresh_from_db()
    assert article.title == "Changed" and article.revisions.count() == 2


def test_readers_who_are_not_staff_cannot_restore_or_read_history(client):
    client.force_login(User.objects.create_user("reader", password="pw-for-tests-1"))
    article = make_article("Kept as it is")
    revision = article.revisions.get()
    response = client.post(_restore_url(article, revision))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert client.get(f"/admin/news/article/{article.pk}/history/").status_code == 302
    assert article.revisions.count() == 1


def test_csrf_is_required_to_restore(client, editor):
    csrf_client = client.__class__(enforce_csrf_checks=True)
    csrf_client.force_login(editor)
    article = make_article()
    assert csrf_client.post(_restore_url(article, article.revisions.get())).status_code == 403


def test_contributor_cannot_restore_a_published_revision(client):
    contributor = User.objects.create_user("writer", password="pw-for-tests-1", is_staff=True)
    contributor.groups.add(Group.objects.get(name="Contributors"))
    client.force_login(contributor)
    article = make_article("Went out once", status=Article.Status.PUBLISHED)
    published_revision = article.revisions.get()
    article.status = Article.Status.DRAFT
    article.title = "Back on the desk"
    article.save()
    history = client.get(f"/admin/news/article/{article.pk}/history/").content.decode()
    assert "Back on the desk" in history
    assert client.post(_restore_url(article, published_revision)).status_code == 403
    article.refresh_from_db()
    assert (article.status, article.title) == (Article.Status.DRAFT, "Back on the desk")
    assert article.revisions.count() == 2
