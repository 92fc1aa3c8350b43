"""JSON-LD on article, listing and home pages, read back as a rich-result parser reads it."""

import json
import re
from datetime import datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest

from .factories import make_article, make_article_with_image, make_author, make_keyword, make_section

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


def json_ld_blocks(html):
    """Every ld+json block of the page, decoded; the page has no other kind of script in it."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    return [json.loads(block) for block in blocks]


def block_of_type(html, type_name):
    [block] = [block for block in json_ld_blocks(html) if block["@type"] == type_name]
    return block


class VisibleCrumbs(HTMLParser):
    """The text of each item of the page's breadcrumb trail, with its link when it has one."""

    def __init__(self):
        super().__init__()
        self.crumbs, self._in_trail, self._item = [], False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and attrs.get("class") == "breadcrumbs":
            self._in_trail = True
        elif self._in_trail and tag == "li":
            self._item = ["", None]
        elif self._item is not None and tag == "a":
            self._item[1] = attrs["href"]

    def handle_endtag(self, tag):
        if tag == "li" and self._item is not None:
            self.crumbs.append(tuple(self._item))
            self._item = None
        elif tag == "nav":
            self._in_trail = False

    def handle_data(self, data):
        if self._item is not None:
            self._item[0] += data.strip()


@pytest.fixture
def launch_article(settings):
    settings.TIME_ZONE = "Europe/Paris"
    return make_article_with_image(
        "Test stand fires for ninety seconds",
        slug="test-stand-fires",
        section=make_section("Rocket Science", slug="rocket-science"),
        author=make_author("Ada Reporter", slug="ada-reporter"),
        keywords=[make_keyword("ARIANE 6", slug="ariane-6"), make_keyword("ESA", slug="esa")],
        teaser="The upper stage fired on Monday.",
        published_at=datetime(2024, 3, 4, 9, 30, tzinfo=ZoneInfo("Europe/Paris")),
    )


def test_article_page_describes_the_article_as_a_news_article(client, launch_article):
    html = client.get(launch_article.get_absolute_url()).content.decode()
    data = block_of_type(html, "NewsArticle")
    address = f"{SITE}/news/2024/03/04/test-stand-fires/"
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == "Test stand fires for ninety seconds"
    assert data["description"] == "The upper stage fired on Monday."
    assert data["url"] == address
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": address}
    assert data["datePublished"] == "2024-03-04T08:30:00+00:00"
    assert data["dateModified"] == "2024-03-04T08:30:00+00:00"  # never revised after publication
    assert data["author"] == [{"@type": "Person", "name": "Ada Reporter", "url": f"{SITE}/news/author/ada-reporter/"}]
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "Orbital Wire",
        "url": f"{SITE}/",
        "logo": {"@type": "ImageObject", "url": f"{SITE}/static/img/logo.png", "width": 600, "height": 60},
    }
    assert data["articleSection"] == "Rocket Science"
    assert data["keywords"] == ["ARIANE 6", "ESA"]
    assert data["isAccessibleForFree"] is True
    image = launch_article.lead_image
    assert [item["width"] for item in data["image"]] == [1280, 960, 640, 320]
    assert data["image"][0] == {
        "@type": "ImageObject",
        "url": SITE + image.largest.jpeg_url,
        "width": 1280,
        "height": 720,
    }
    assert all(item["url"].endswith(".jpg") for item in data["image"])


def test_revised_article_says_when_it_was_modified(client, launch_article):
    launch_article.revised_at = datetime(2024, 3, 5, 12, 0, tzinfo=ZoneInfo("UTC"))
    launch_article.save()
    data = block_of_type(client.get(launch_article.get_absolute_url()).content.decode(), "NewsArticle")
    assert data["dateModified"] == "2024-03-05T12:00:00+00:00"
    assert data["datePublished"] == "2024-03-04T08:30:00+00:00"


def test_article_by_staff_writers_names_them_with_the_news_page(client):
    article = make_article(author=None)
    data = block_of_type(client.get(article.get_absolute_url()).content.decode(), "NewsArticle")
    assert data["author"] == [{"@type": "Organization", "name": "Staff Writers", "url": f"{SITE}/news/"}]
    assert "image" not in data
    assert data["keywords"] == []


@pytest.mark.parametrize(
    "title",
    [
        "Launch </script><script>alert(1)</script> delayed",
        "Engine <!-- test --> & <b>bold</b> claims",
        "Quotes \" and ' and \\ backslash \u2028 separator",
    ],
)
def test_a_title_cannot_break_out_of_its_data_block(client, title):
    article = make_article(title)
    html = client.get(article.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(blocks) == 2
    for block in blocks:
        assert "<" not in block and ">" not in block and "&" not in block
    assert block_of_type(html, "NewsArticle")["headline"] == title
    assert block_of_type(html, "BreadcrumbList")["itemListElement"][-1]["name"] == title
    assert html.count("<script>alert(1)</script>") == 0


def test_article_breadcrumbs_match_the_visible_trail(client, launch_article):
    html = client.get(launch_article.get_absolute_url()).content.decode()
    trail = VisibleCrumbs()
    trail.feed(html)
    data = block_of_type(html, "BreadcrumbList")
    assert data["@context"] == "https://schema.org"
    items = data["itemListElement"]
    assert [item["position"] for item in items] == [1, 2, 3, 4]
    assert [item["name"] for item in items] == [name for name, _ in trail.crumbs] == [
        "Home",
        "News",
        "Rocket Science",
        "Test stand fires for ninety seconds",
    ]
    linked = [SITE + href for _, href in trail.crumbs if href]
    assert [item["item"] for item in items[:3]] == linked
    assert items[3]["item"] == f"{SITE}/news/2024/03/04/test-stand-fires/"


@pytest.mark.parametrize("page", ["section", "keyword", "author"])
def test_listing_breadcrumbs_match_the_visible_trail(client, launch_article, page):
    subject = {
        "section": launch_article.section,
        "keyword": launch_article.keywords.get(slug="esa"),
        "author": launch_article.author,
    }[page]
    html = client.get(subject.get_absolute_url()).content.decode()
    trail = VisibleCrumbs()
    trail.feed(html)
    items = block_of_type(html, "BreadcrumbList")["itemListElement"]
    assert [item["name"] for item in items] == [name for name, _ in trail.crumbs] == ["Home", "News", subject.name]
    assert [item["item"] for item in items] == [f"{SITE}/", f"{SITE}/news/", SITE + subject.get_absolute_url()]


def test_home_page_describes_the_site_and_its_search(client):
    html = client.get("/").content.decode()
    [data] = json_ld_blocks(html)
    assert data["@type"] == "WebSite"
    assert data["name"] == "Orbital Wire"
    assert data["url"] == f"{SITE}/"
    assert data["publisher"]["logo"]["url"] == f"{SITE}/static/img/logo.png"
    action = data["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"] == {"@type": "EntryPoint", "urlTemplate": f"{SITE}/news/search/?q={{search_term_string}}"}
    assert action["query-input"] == "required name=search_term_string"
    search = client.get(action["target"]["urlTemplate"].replace("{search_term_string}", "ariane"))
    assert search.status_code == 200 and "ariane" in search.content.decode()


def test_article_twitter_card_carries_the_image(client, launch_article):
    html = client.get(launch_article.get_absolute_url()).content.decode()
    image = launch_article.lead_image
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert f'<meta name="twitter:image" content="{SITE}{image.largest.jpeg_url}">' in html
    assert '<meta name="twitter:image:alt" content="A rocket on the launch pad at dawn">' in html
    assert '<meta name="twitter:title" content="Test stand fires for ninety seconds">' in html
    assert '<meta name="twitter:description" content="The upper stage fired on Monday.">' in html
    assert html.count('name="twitter:image"') == 1


def test_publisher_logo_is_served_at_its_stated_size(client):
    from django.contrib.staticfiles import finders
    from PIL import Image

    with Image.open(finders.find("img/logo.png")) as logo:
        assert logo.size == (600, 60)


def test_signed_in_reader_reads_the_article_json_ld_without_queries_until_it_changes(
    client, local_cache, django_assert_max_num_queries
):
    from django.contrib.auth.models import User

    article = make_article("Probe reaches orbit", keywords=[make_keyword("PROBES", slug="probes")])
    client.force_login(User.objects.create_user("reader-json-ld", password="pw-for-tests-1"))
    client.get(article.get_absolute_url())
    with django_assert_max_num_queries(6) as queries:
        html = client.get(article.get_absolute_url()).content.decode()
    assert not [query["sql"] for query in queries if "news_article_keywords" in query["sql"]]
    assert block_of_type(html, "NewsArticle")["keywords"] == ["PROBES"]
    article.title = "Probe reaches a higher orbit"
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert block_of_type(html, "NewsArticle")["headline"] == "Probe reaches a higher orbit"
