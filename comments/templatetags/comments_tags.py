from django import template
from django.apps import apps
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from news.models import Article

from ..forms import CommentForm
from ..models import Comment, DiscussionSummary
from ..text import render_comment_text

register = template.Library()


@register.inclusion_tag("comments/_comments.html", takes_context=True)
def comments_for(context, article):
    """The comment block of an article page: one query without comments, three at most."""
    user = context["user"]
    request = context["request"]
    summary = DiscussionSummary.of(article)
    threads, has_more = [], False
    if summary.has_threads:
        size = settings.COMMENTS_PAGE_SIZE
        threads = list(Comment.objects.threads_for(article, user)[: size + 1])
        has_more = len(threads) > size
        threads = attach_replies(threads[:size], user)
    return {
        "article": article,
        "user": user,
        "request": request,
        "threads": threads,
        "has_more": has_more,
        "count": summary.published_count,
        "is_open": summary.is_open,
        "form": (context.get("comment_form") or CommentForm()) if user.is_authenticated else None,
        "last_id": max([c.pk for t in threads for c in [t, *t.visible_replies]], default=0),
        "refresh_seconds": settings.COMMENTS_REFRESH_SECONDS,
        "fragment_url": reverse("comments:fragment", args=[article.pk]),
    }


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
