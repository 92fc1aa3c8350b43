"""Every page type stays under a fixed number of queries whatever the archive size."""

import pytest
from django.contrib.auth.models import User

from .factories import make_archive

# The page's own queries: the cache is local memory here (without REDIS_URL it is a table in
# the database, and its reads would count too).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("local_cache")]

# An anonymous page's first query reads its versions (portal/page_cache.py).
MAX_QUERIES = {
    "home": 6,
    "index": 5,
    "section": 5,
    "keyword": 5,
    "author": 5,
    "year": 10,
    "month": 9,
    "day": 10,
    "article": 7,  # + keywords and related links, + the comments' summary
    "feed": 4,
    "section feed": 5,
    "author feed": 5,
    "search": 14,  # known keywords, the archive statistics, the count, facets, hits, keywords, snippets, sections
}


def _urls(articles):
    article = articles[1]
    day = article.local_published_at
    return {
        "home": "/",
        "index": "/news/",
        "section": article.section.get_absolute_url(),
        "keyword": article.keywords.first().get_absolute_url(),
        "author": article.author.get_absolute_url(),
        "year": f"/news/{day:%Y}/",
        "month": f"/news/{day:%Y/%m}/",
        "day": f"/news/{day:%Y/%m/%d}/",
        "article": article.get_absolute_url(),
        "feed": "/news/feed/",
        "section feed": f"{article.section.get_absolute_url()}feed/",
        "author feed": f"{article.author.get_absolute_url()}feed/",
        "search": "/news/search/?q=story",
    }


@pytest.mark.parametrize("size", [10, 500])
@pytest.mark.parametrize("page", list(MAX_QUERIES))
def test_page_query_count_is_constant(client, django_assert_max_num_queries, size, page):
    urls = _urls(make_archive(size))
    with django_assert_max_num_queries(MAX_QUERIES[page]):
        response = client.get(urls[page])
    assert response.status_code == 200


# Pages that show lead images: the renditions are on the article rows, so images cost no query.
PICTURED_PAGES = ["home", "index", "section", "keyword", "author", "month", "day", "article", "feed", "author feed"]


@pytest.mark.parametrize("size", [10, 500])
@pytest.mark.parametrize("page", PICTURED_PAGES)
def test_page_with_images_makes_no_more_queries(client, django_assert_max_num_queries, size, page):
    urls = _urls(make_archive(size, with_images=True))
    with django_assert_max_num_queries(MAX_QUERIES[page]):
        response = client.get(urls[page])
    assert response.status_code == 200
    if "feed" in page:
        assert response.content.decode().count("<enclosure ") >= 1
    else:
        assert 'alt="Picture of archive story' in response.content.decode()
        assert response.content.decode().count("<picture") >= 1


@pytest.mark.parametrize("size", [10, 500])
def test_logged_in_article_page_query_count(client, django_assert_max_num_queries, size):
    urls = _urls(make_archive(size))
    client.force_login(User.objects.create_user("reader", password="pw"))
    # + session, user and the reader's supporter status; a reader who is not staff costs no
    # permission queries (only staff editors see drafts).
    with django_assert_max_num_queries(MAX_QUERIES["article"] + 3) as queries:
        response = client.get(urls["article"])
    assert "Signed in as reader" in response.content.decode()
    assert not [query["sql"] for query in queries if "auth_permission" in query["sql"]]


@pytest.mark.parametrize("size", [10, 500])
def test_logged_in_home_page_query_count(client, django_assert_max_num_queries, size):
    make_archive(size)
    client.force_login(User.objects.create_user("regular", password="pw"))
    with django_assert_max_num_queries(MAX_QUERIES["home"] + 3):  # session, user, supporter status
        response = client.get("/")
    assert "Signed in as regular" in response.content.decode() and "Archive story" in response.content.decode()
