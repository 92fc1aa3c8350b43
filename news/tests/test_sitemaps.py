"""sitemap.xml, its sections and the Google News sitemap, validated against the sitemaps.org
and Google News schemas (news/tests/schemas/) with lxml."""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.utils import timezone
from lxml import etree

from news.models import Article

from .factories import make_article, make_section

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "schemas"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemaps.xsd")))


def valid_document(schema, content):
    document = etree.fromstring(content)
    assert schema.validate(document), "\n".join(str(error) for error in schema.error_log)
    return document


@pytest.fixture
def recent_articles():
    section = make_section("Rocket Science & <Engines>", slug="rocket-science")
    articles = [
        make_article("Fuel & oxidiser: <the> \"mix\"", section=section, published_at=timezone.now() - timedelta(hours=2)),
        make_article("Second launch", section=section, published_at=timezone.now() - timedelta(hours=30)),
        make_article("Old story", section=section, published_at=timezone.now() - timedelta(days=40)),
    ]
    articles[1].revised_at = timezone.now()
    articles[1].save()
    make_article("Still a draft", section=section, status=Article.Status.DRAFT)
    return articles


def test_sitemap_index_and_each_sitemap_are_valid(client, schema, recent_articles):
    index = valid_document(schema, client.get("/sitemap.xml").content)
    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    locations = index.xpath("//sm:sitemap/sm:loc/text()", namespaces=NS)
    assert [urlparse(loc).path for loc in locations] == ["/sitemap-articles.xml", "/sitemap-sections.xml"]
    pages = {}
    for loc in locations:
        document = valid_document(schema, client.get(urlparse(loc).path).content)
        pages[urlparse(loc).path] = document.xpath("//sm:url/sm:loc/text()", namespaces=NS)
    assert sorted(urlparse(loc).path for loc in pages["/sitemap-articles.xml"]) == sorted(
        article.get_absolute_url() for article in recent_articles
    )
    assert [urlparse(loc).path for loc in pages["/sitemap-sections.xml"]] == ["/news/section/rocket-science/"]


def test_news_sitemap_is_valid_and_lists_the_last_two_days(client, schema, recent_articles):
    document = valid_document(schema, client.get("/news-sitemap.xml").content)
    titles = document.xpath("//news:news/news:title/text()", namespaces=NS)
    assert sorted(titles) == sorted(["Fuel & oxidiser: <the> \"mix\"", "Second launch"])
    assert set(document.xpath("//news:publication/news:name/text()", namespaces=NS)) == {"Orbital Wire"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda xml: xml.replace("<news:title>", "<news:headline>").replace("</news:title>", "</news:headline>"), "headline"),
        (lambda xml: xml.replace("<news:language>en<", "<news:language>English<"), "language"),
        (lambda xml: xml.replace("<loc>http", "<loc>ftp"), "loc"),
    ],
)
def test_schema_refuses_a_broken_news_sitemap(client, schema, recent_articles, change, message):
    broken = change(client.get("/news-sitemap.xml").content.decode())
    assert not schema.validate(etree.fromstring(broken.encode()))
    assert message in str(schema.error_log)
