from typing import NamedTuple

from django import template
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from portal.page_cache import article_scope, token

from ..forms import CommentForm
from ..models import Comment, DiscussionSummary
from ..text import render_comment_text

register = template.Library()


@register.inclusion_tag("comments/_comments.html", takes_context=True)
def comments_for(context, article):
    """The comment block of an article page.

    Signed-in readers who wrote none of the article's comments all see the same first page of
    threads: it is rendered once per version of the article's discussion ({% cache %} keyed on
    the article's token, which every comment change renews). Everyone else's is rendered for
    them: an author's own comments carry edit links, and anonymous pages are cached whole.
    """
    user = context["user"]
    summary = _summary(article, user)
    is_shared = (
        user.is_authenticated
        and summary.has_threads
        and settings.PAGE_CACHE_SECONDS > 0
        and not summary.reader_has_commented
    )
    if not summary.has_threads:
        discussion = _NO_DISCUSSION
    elif is_shared:
        # Rendered as a signed-in reader who owns nothing, never as whoever asked first.
        discussion = SimpleLazyObject(lambda: _render_discussion(article, AnonymousUser(), get_user_model()()))
    else:
        discussion = SimpleLazyObject(lambda: _render_discussion(article, user, user))
    return {
        "article": article,
        "user": user,
        "request": context["request"],
        "discussion": discussion,
        "shared_token": token(context["request"], article_scope(article.slug)) if is_shared else None,
        "cache_seconds": settings.PAGE_CACHE_SECONDS,
        "count": summary.published_count,
        "is_open": summary.is_open,
        "form": (context.get("comment_form") or CommentForm()) if user.is_authenticated else None,
        "refresh_seconds": settings.COMMENTS_REFRESH_SECONDS,
        "fragment_url": reverse("comments:fragment", args=[article.pk]),
    }


@register.simple_tag(takes_context=True)
def discussion_of(context, article):
    """The article's DiscussionSummary for the page around the comment block (which reuses it):
    an article template keys its cached story on it, so a closed thread or a new comment shows."""
    return _summary(article, context["user"])


@register.inclusion_tag("comments/_comment_link.html")
def comment_link(discussion):
    """The link under an article's headline down to its discussion: "Write a comment" while the
    thread is open, the number of comments once it is closed (none when there are none)."""
    return {"count": discussion.published_count, "is_open": discussion.is_open}


def _summary(article, user):
    """DiscussionSummary.of, kept on the article so that the headline's link and the comment block
    of one page share its query."""
    cached = getattr(article, "_discussion_summary", None)
    if cached is None or cached[0] != user.pk:
        cached = (user.pk, DiscussionSummary.of(article, reader=user))
        article._discussion_summary = cached
    return cached[1]


class _Discussion(NamedTuple):
    threads_html: str
    has_threads: bool
    has_more: bool
    last_id: int


_NO_DISCUSSION = _Discussion("", has_threads=False, has_more=False, last_id=0)


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
