"""Every page type stays under a fixed number of queries whatever the archive size."""

import pytest
from django.contrib.auth.models import User

from .factories import make_archive

pytestmark = pytest.mark.django_db

# Listings include one grouped query for the comment counts (comments_tags.comment_counts).
MAX_QUERIES = {
    "home": 7,
    "index": 6,
    "section": 6,
    "keyword": 6,
    "author": 6,
    "year": 11,
    "month": 10,
    "day": 11,
    "article": 3,
    "feed": 5,
    "section feed": 6,
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
    }


@pytest.mark.parametrize("size", [10, 500])
@pytest.mark.parametrize("page", list(MAX_QUERIES))
def test_page_query_count_is_constant(client, django_assert_max_num_queries, size, page):
    urls = _urls(make_archive(size))
    with django_assert_max_num_queries(MAX_QUERIES[page]):
        response = client.get(urls[page])
    assert response.status_code == 200


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


def test_logged_in_home_with_cached_front_page_reads_no_articles(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_archive(20)
    client.force_login(User.objects.create_user("regular", password="pw"))
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert "Archive story 0" in response.content.decode()
    assert not [q["sql"] for q in queries if 'FROM "news_article"' in q["sql"]]
