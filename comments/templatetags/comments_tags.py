import time
from typing import NamedTuple

from django import template
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse

from news.models import Article
from portal.memo import BoundedMemo
from portal.page_cache import for_listings

from ..forms import CommentForm
from ..models import Comment, DiscussionSummary
from ..text import render_comment_text

register = template.Library()


@register.inclusion_tag("comments/_comments.html", takes_context=True)
def comments_for(context, article):
    """The comment block of an article page: no query of its own without comments, three at
    most (one for a signed-in reader who has not commented, once the discussion is rendered)."""
    user = context["user"]
    request = context["request"]
    summary = DiscussionSummary.of(article)
    discussion = _discussion(request, article, user) if summary.has_threads else _NO_DISCUSSION
    return {
        "article": article,
        "user": user,
        "request": request,
        "discussion": discussion,
        "count": summary.published_count,
        "is_open": summary.is_open,
        "form": (context.get("comment_form") or CommentForm()) if user.is_authenticated else None,
        "refresh_seconds": settings.COMMENTS_REFRESH_SECONDS,
        "fragment_url": reverse("comments:fragment", args=[article.pk]),
    }


class _Discussion(NamedTuple):
    threads_html: str
    has_threads: bool
    has_more: bool
    last_id: int


_NO_DISCUSSION = _Discussion("", has_threads=False, has_more=False, last_id=0)

# The first page of threads as a signed-in reader who wrote none of the article's comments sees
# it: alike for every such reader. Kept per listings' version, which every comment change renews;
# the time bucket bounds what no version covers (an author's new name, a new supporter's badge)
# as PAGE_CACHE_SECONDS bounds it for anonymous pages.
_discussions_for_onlookers = BoundedMemo(128)


def _discussion(request, article, user):
    """The first page of an article's threads, rendered; for a signed-in onlooker, once per
    version in each process, so a long discussion costs their page one query."""
    shared = (
        user.is_authenticated
        and settings.PAGE_CACHE_SECONDS > 0
        and not Comment.objects.filter(article=article, user=user).exists()
    )
    if not shared:
        return _render_discussion(article, visible_to=user, viewer=user)  # their own carry edit links
    bucket = int(time.time() // settings.PAGE_CACHE_SECONDS)
    # Rendered as a signed-in reader who owns nothing, never as whoever asked first: a comment
    # they post meanwhile must not reach the others' copy.
    onlooker = get_user_model()()
    return for_listings(
        request,
        ("onlookers-discussion", article.pk, get_script_prefix(), bucket),
        lambda: _render_discussion(article, visible_to=AnonymousUser(), viewer=onlooker),
        memo=_discussions_for_onlookers,
    )


def _render_discussion(article, visible_to, viewer):
    size = settings.COMMENTS_PAGE_SIZE
    threads = list(Comment.objects.threads_for(article, visible_to)[: size + 1])
    shown = attach_replies(threads[:size], visible_to)
    return _Discussion(
        render_to_string("comments/_fragment.html", {"comments": shown, "user": viewer}),
        has_threads=bool(shown),
        has_more=len(threads) > size,
        last_id=max([c.pk for t in shown for c in [t, *t.visible_replies]], default=0),
    )


def attach_replies(threads, user):
    """Give each top-level comment its visible replies, in one query for the whole page."""
    if not threads:
        return threads
    replies = (
        Comment.objects.visible_to(user)
        .filter(parent__in=[t.pk for t in threads])
        .select_related("user")
        .order_by("created_at", "pk")
    )
    by_parent = {}
    for reply in replies:
        by_parent.setdefault(reply.parent_id, []).append(reply)
    for thread in threads:
        thread.visible_replies = by_parent.get(thread.pk, [])
    return threads


@register.simple_tag
def comment_counts(*groups):
    """Published comment counts of every article found in the arguments, from one grouped query.

    Accepts lists or querysets of articles, and lists of tuples holding articles (home page
    section blocks).
    """
    ids = []
    for group in groups:
        for item in group or ():
            for candidate in item if isinstance(item, tuple) else (item,):
                if isinstance(candidate, Article):
                    ids.append(candidate.pk)
    return Comment.objects.counts_for(ids) if ids else {}


@register.filter
def count_for(counts, article):
    return counts.get(article.pk, 0) if counts else 0


@register.filter
def comment_text(text):
    return render_comment_text(text)


@register.simple_tag
def author_badge(user):
    """The badge another app gives a commenter (the supporters app's "Supporter"), if installed.

    Comments meet supporters in a template, never in Python, so either app can be removed.
    """
    if not apps.is_installed("supporters"):
        return ""
    return render_to_string("supporters/_comment_badge.html", {"badge_user": user})
