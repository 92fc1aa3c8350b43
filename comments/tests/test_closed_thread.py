"""A closed thread invites no comment: no "Write a comment" under the headline, no form and no
refresh countdown; its comments stay readable."""

import re

import pytest

from comments.models import CommentThread
from comments.tests.factories import make_comment, make_reader
from news.tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_open_thread_invites_a_comment_and_refreshes(client):
    article = make_article()
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<p class="write-comment"><a href="#comments">Write a comment</a></p>' in html
    assert "data-refresh-status" in html and 'data-refresh-seconds="30"' in html


@pytest.mark.parametrize("signed_in", [False, True])
def test_closed_thread_shows_no_invitation_and_no_countdown(client, signed_in):
    article = make_article()
    CommentThread.objects.create(article=article, is_closed=True)
    if signed_in:
        client.force_login(make_reader())
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Write a comment" not in html
    assert "data-refresh-status" not in html and "data-refresh-seconds" not in html
    assert "data-comment-form" not in html
    assert "Comments are closed for this article." in html


def test_closed_thread_with_comments_links_to_them_by_number(client):
    article = make_article()
    make_comment(article, make_reader(), "First!")
    make_comment(article, make_reader(), "Second.")
    CommentThread.objects.create(article=article, is_closed=True)
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<p class="write-comment"><a href="#comments">2 comments</a></p>' in html
    assert "First!" in html and "Second." in html
    comment_dates = re.findall(r'<p class="comment-meta">.*?<time datetime="[^"]+">([^<]+)</time>', html, re.S)
    assert len(comment_dates) == 2
    assert all(re.fullmatch(r"[A-Z][a-z]{2} \d{1,2}, \d{4} \d{2}:\d{2}", day) for day in comment_dates)  # as articles write dates


def test_closing_a_thread_without_a_new_comment_takes_the_invitation_off_the_cached_story(client, local_cache):
    article = make_article()
    client.force_login(make_reader())
    assert "Write a comment" in client.get(article.get_absolute_url()).content.decode()
    CommentThread.objects.create(article=article, is_closed=True)
    assert "Write a comment" not in client.get(article.get_absolute_url()).content.decode()


def test_closing_a_thread_takes_the_invitation_off_a_story_cached_for_signed_in_readers(client, local_cache):
    article = make_article()
    client.force_login(make_reader())
    assert "Write a comment" in client.get(article.get_absolute_url()).content.decode()
    CommentThread.objects.create(article=article, is_closed=True)
    make_comment(article, make_reader(), "Last word.")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Write a comment" not in html
    assert '<a href="#comments">1 comment</a>' in html
