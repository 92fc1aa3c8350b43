"""The site's, a section's, a keyword's and an author's RSS feeds, read with feedparser."""

import feedparser
import pytest
from django.contrib.sites.models import Site

from news.models import Article

from .factories import make_article, make_article_with_image, make_author, make_keyword, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    section = make_section("Rocket Science", slug="rocket-science")
    keyword = make_keyword("ARIANE 6", slug="ariane-6")
    ada = make_author("Ada Reporter", slug="ada-reporter", bio="Covers launchers.")
    pictured = make_article_with_image("Pictured launch", section=section, author=ada, keywords=[keyword])
    plain = make_article("Plain launch", section=section, author=ada, keywords=[keyword])
    other = make_article("Someone else's story", author=make_author("Bo Writer", slug="bo-writer"))
    draft = make_article("Ada's draft", section=section, author=ada, keywords=[keyword], status=Article.Status.DRAFT)
    return {"pictured": pictured, "plain": plain, "other": other, "draft": draft}


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    return feed


@pytest.mark.parametrize(
    ("url", "titles"),
    [
        ("/news/feed/", {"Pictured launch", "Plain launch", "Someone else's story"}),
        ("/news/section/rocket-science/feed/", {"Pictured launch", "Plain launch"}),
        ("/news/keyword/ariane-6/feed/", {"Pictured launch", "Plain launch"}),
        ("/news/author/ada-reporter/feed/", {"Pictured launch", "Plain launch"}),
    ],
)
def test_feed_parses_and_lists_the_published_articles_it_is_about(client, archive, url, titles):
    feed = parse(client, url)
    assert {entry.title for entry in feed.entries} == titles


def test_feed_items_carry_their_image_as_enclosure_and_media_content(client, archive):
    image = archive["pictured"].lead_image
    for url in ["/news/feed/", "/news/section/rocket-science/feed/", "/news/keyword/ariane-6/feed/", "/news/author/ada-reporter/feed/"]:
        entries = {entry.title: entry for entry in parse(client, url).entries}
        pictured = entries["Pictured launch"]
        [enclosure] = pictured.enclosures
        assert enclosure.href == f"http://{Site.objects.get_current().domain}{image.largest.jpeg_url}"
        assert enclosure.type == "image/jpeg"
        [media] = pictured.media_content
        assert media["url"] == enclosure.href
        assert (media["medium"], media["width"], media["height"]) == ("image", "1280", "720")
        assert entries["Plain launch"].enclosures == []
        assert "media_content" not in entries["Plain launch"]


def test_media_description_is_the_alt_text(client, archive):
    xml = client.get("/news/author/ada-reporter/feed/").content.decode()
    assert 'xmlns:media="http://search.yahoo.com/mrss/"' in xml
    assert '<media:description type="plain">A rocket on the launch pad at dawn</media:description>' in xml


def test_author_feed_describes_the_author(client, archive):
    feed = parse(client, "/news/author/ada-reporter/feed/")
    assert feed.feed.title == "Orbital Wire: Ada Reporter"
    assert feed.feed.link == f"http://{Site.objects.get_current().domain}/news/author/ada-reporter/"
    assert feed.feed.description == "Covers launchers."
    assert {entry.author for entry in feed.entries} == {"Ada Reporter"}


def test_unknown_author_feed_is_404(client):
    assert client.get("/news/author/nobody/feed/").status_code == 404


@pytest.mark.parametrize(
    ("page", "feed_url", "title"),
    [
        ("/news/section/rocket-science/", "/news/section/rocket-science/feed/", "Orbital Wire: Rocket Science"),
        ("/news/keyword/ariane-6/", "/news/keyword/ariane-6/feed/", "Orbital Wire: ARIANE 6"),
        ("/news/author/ada-reporter/", "/news/author/ada-reporter/feed/", "Orbital Wire: Ada Reporter"),
    ],
)
def test_listing_pages_announce_their_own_feed(client, archive, page, feed_url, title):
    html = client.get(page).content.decode()
    assert f'<link rel="alternate" type="application/rss+xml" title="{title}" href="{feed_url}">' in html
    assert '<link rel="alternate" type="application/rss+xml" title="Orbital Wire" href="/news/feed/">' in html
    assert f'<a href="{feed_url}">RSS feed of' in html
