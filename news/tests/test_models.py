from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from news.html import sanitize_body
from news.models import Article, ArticleRedirect

from .factories import make_article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "dirty, clean",
    [
        ("<p>Safe <em>text</em></p>", "<p>Safe <em>text</em></p>"),
        ("<script>alert(1)</script><p>x</p>", "<p>x</p>"),
        ('<p onclick="steal()">x</p>', "<p>x</p>"),
        ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>'),
        ('<a href="https://nasa.gov">x</a>', '<a href="https://nasa.gov" rel="noopener noreferrer">x</a>'),
        ("<h2>Head</h2><ul><li>a</li></ul><blockquote>q</blockquote>", "<h2>Head</h2><ul><li>a</li></ul><blockquote>q</blockquote>"),
        ('<iframe src="https://evil"></iframe><p style="color:red">x</p>', "<p>x</p>"),
        ("<p>unclosed <strong>bold", "<p>unclosed <strong>bold</strong></p>"),
    ],
)
def test_body_is_sanitised_to_the_safe_subset(dirty, clean):
    assert sanitize_body(dirty) == clean


def test_body_is_sanitised_on_save():
    article = make_article(body="<p>ok</p><script>x</script>")
    article.refresh_from_db()
    assert article.body == "<p>ok</p>"


def test_published_rule_excludes_drafts_and_future():
    live = make_article()
    make_article(status=Article.Status.DRAFT)
    make_article(published_at=timezone.now() + timedelta(minutes=5))
    assert list(Article.objects.published()) == [live]


def test_dateline_formats():
    article = make_article(dateline_place="Moscow", agency="AFP", published_at=timezone.now())
    article.dateline_date = timezone.datetime(2021, 2, 15).date()
    assert article.dateline == "Moscow (AFP) Feb 15, 2021"
    article.agency = ""
    assert article.dateline == "Moscow Feb 15, 2021"
    article.dateline_place = ""
    assert article.dateline == "Feb 15, 2021"


def test_slug_change_chain_keeps_every_old_address():
    article = make_article(slug="first")
    article.slug = "second"
    article.save()
    article.slug = "third"
    article.save()
    assert dict(ArticleRedirect.objects.values_list("old_slug", "article__slug")) == {"first": "third", "second": "third"}
    article.slug = "first"  # going back to an old slug removes its redirect
    article.save()
    assert set(ArticleRedirect.objects.values_list("old_slug", flat=True)) == {"second", "third"}


def test_revision_within_grace_period_is_not_an_update():
    article = make_article(published_at=timezone.now() - timedelta(minutes=2))
    article.title = "Fixed typo"
    article.save()
    assert article.revised_at is None


def test_article_address_follows_a_new_slug_or_date_on_the_same_instance(settings):
    settings.TIME_ZONE = "UTC"
    article = make_article(slug="first-slug", published_at=datetime(2024, 3, 9, 12, tzinfo=UTC))
    assert article.get_absolute_url() == "/news/2024/03/09/first-slug/"
    article.slug = "second-slug"
    assert article.get_absolute_url() == "/news/2024/03/09/second-slug/"
    article.published_at = datetime(2025, 1, 2, 12, tzinfo=UTC)
    assert article.get_absolute_url() == "/news/2025/01/02/second-slug/"


def test_article_for_its_page_comes_with_section_and_author_and_its_links_in_a_query_each(django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    from news.models import RelatedLink

    from .factories import make_author, make_keyword

    article = make_article(
        author=make_author("Ada Reporter"),
        published_at=datetime(2024, 3, 9, 12, tzinfo=UTC),
        keywords=[make_keyword("ROCKETS", slug="rockets"), make_keyword("MOON", slug="moon"), make_keyword("Mars", slug="mars")],
    )
    for order, title in [(2, "Mission page"), (1, "Agency release"), (2, "Another at 2")]:
        RelatedLink.objects.create(article=article, title=title, url=f"https://example.org/{order}", order=order)
    make_article(slug="without-author", author=None)
    with django_assert_num_queries(3):
        found = Article.objects.for_page(article.slug, AnonymousUser())
        assert (found.pk, found.section.name, found.author.name) == (article.pk, article.section.name, "Ada Reporter")
        assert found.published_at == article.published_at and found.title == article.title
        assert [(k.name, k.slug) for k in found.keywords.all()] == [("MOON", "moon"), ("Mars", "mars"), ("ROCKETS", "rockets")]
        links = list(found.related_links.all())
        assert [link.title for link in links] == ["Agency release", "Mission page", "Another at 2"]
        assert links[0].url == "https://example.org/1"
    plain = Article.objects.for_page("without-author", AnonymousUser())
    assert plain.author is None and list(plain.keywords.all()) == list(plain.related_links.all()) == []


def test_search_hits_come_with_section_author_and_keywords_in_two_queries(django_assert_num_queries):
    from .factories import make_author, make_keyword

    comets, apollo = make_keyword("COMETS", slug="comets"), make_keyword("APOLLO", slug="apollo")
    tagged = make_article(author=make_author("Ada Reporter"), keywords=[comets, apollo])
    plain = make_article(author=None)
    make_article(keywords=[comets])  # not asked for
    with django_assert_num_queries(2):
        hits = Article.objects.for_hits([plain.pk, tagged.pk])
        assert sorted(hits) == sorted([plain.pk, tagged.pk])
        found = hits[tagged.pk]
        assert (found.title, found.section.name, found.author.name) == (tagged.title, tagged.section.name, "Ada Reporter")
        assert [k.name for k in found.keywords.all()] == ["APOLLO", "COMETS"]
        assert hits[plain.pk].author is None and list(hits[plain.pk].keywords.all()) == []
        assert found.get_absolute_url() == tagged.get_absolute_url()
    assert "body" in found.get_deferred_fields()
    assert found.body == tagged.body  # read when asked for
    assert Article.objects.for_hits([]) == {}


def test_article_for_its_page_hides_drafts_and_scheduled_from_readers_not_editors():
    from django.contrib.auth.models import AnonymousUser, Permission, User

    draft = make_article(status=Article.Status.DRAFT)
    scheduled = make_article(published_at=timezone.now() + timedelta(hours=1))
    reader = User.objects.create_user("reader")
    editor = User.objects.create_user("editor", is_staff=True)
    change_article = Permission.objects.get(codename="change_article")
    editor.user_permissions.add(change_article)
    # Editors work in the admin, so only staff see unpublished articles, permission or not.
    not_staff = User.objects.create_user("not-staff")
    not_staff.user_permissions.add(change_article)
    for article in (draft, scheduled):
        assert Article.objects.for_page(article.slug, AnonymousUser()) is None
        assert Article.objects.for_page(article.slug, reader) is None
        assert Article.objects.for_page(article.slug, User.objects.get(pk=not_staff.pk)) is None
        assert Article.objects.for_page(article.slug, User.objects.get(pk=editor.pk)).pk == article.pk
    assert Article.objects.for_page("no-such-story", editor) is None
