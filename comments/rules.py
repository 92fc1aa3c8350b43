"""The checks a comment passes before it is published, in the order the readers meet them."""

import re
import time
import unicodedata
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, OuterRef, Subquery
from django.utils import timezone

from portal.throttled import over_limit

from .models import Ban, BannedWord, Comment, CommentThread, WatchWord

MAX_LENGTH = 5000
DUPLICATE_WINDOW = timedelta(minutes=10)
LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


class Refusal(Exception):
    def __init__(self, status, message, retry_after=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after


def check_author(user):
    """Who may comment at all: a logged-in reader with a verified e-mail and no active ban."""
    if not user.is_authenticated:
        raise Refusal(403, "Log in to post a comment.")
    check_ban(user)
    if not EmailAddress.objects.filter(user=user, verified=True).exists():
        raise Refusal(403, "Verify your e-mail address before posting a comment.")


def check_ban(user):
    """A ban stops every write: posting, replying, editing and flagging."""
    ban = Ban.objects.active().filter(user=user).order_by(F("expires_at").desc(nulls_first=True)).first()
    if ban:
        until = f" until {timezone.localtime(ban.expires_at):%d %B %Y %H:%M}" if ban.expires_at else ""
        raise Refusal(403, f"Your account is banned from commenting{until}.")


def check_thread(article):
    if not CommentThread.is_open(article):
        raise Refusal(403, "Comments are closed for this article.")


def check_body(user, body, editing=None):
    """Length, rate, repetition and banned words; returns the hold reason or ""."""
    if _is_blank(body):
        raise Refusal(400, "Write something before posting.")
    if len(body) > MAX_LENGTH:
        raise Refusal(400, f"A comment can be at most {MAX_LENGTH:,} characters long (this one has {len(body):,}).")
    _check_rate(user, cooldown=editing is None)
    recent = Comment.objects.filter(user=user, body=body, created_at__gte=timezone.now() - DUPLICATE_WINDOW)
    if editing is not None:
        recent = recent.exclude(pk=editing.pk)
    if recent.exists():
        raise Refusal(400, "You posted the same text a moment ago.")
    banned = BannedWord.objects.pattern()
    if banned and banned.search(body):
        raise Refusal(400, "Your comment contains a word that is not allowed here. Please rephrase it.")
    return _hold_reason(user, body, editing)


# Characters that draw nothing by themselves: controls, zero-width formatting (U+200B, U+2060,
# U+FEFF, joiners), spaces and line separators, and combining marks with nothing to sit on.
_BLANK_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"})
# Letters and signs that fonts draw as empty space, the usual filling of "blank" posts.
_BLANK_SIGNS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _is_blank(body):
    return all(char in _BLANK_SIGNS or unicodedata.category(char) in _BLANK_CATEGORIES for char in body)


def _check_rate(user, cooldown):
    """A per-reader cooldown and an hourly cap, both counted in the shared cache."""
    now = int(time.time())
    if cooldown and settings.COMMENTS_COOLDOWN_SECONDS:
        key = f"comments:cooldown:{user.pk}"
        if not cache.add(key, now, settings.COMMENTS_COOLDOWN_SECONDS):
            wait = max(1, settings.COMMENTS_COOLDOWN_SECONDS - (now - int(cache.get(key, now))))
            raise Refusal(429, f"You are commenting too fast. Wait {wait} seconds and try again.", wait)
    hour = now // 3600
    if over_limit(f"comments:hour:{user.pk}:{hour}", settings.COMMENTS_HOURLY_CAP, 3600):
        wait = (hour + 1) * 3600 - now
        raise Refusal(429, "You have reached the number of comments allowed in an hour. Try again later.", wait)


def is_new_account(user, editing=None):
    """A reader with fewer published comments than COMMENTS_NEW_ACCOUNT_HOLD (0: nobody is new).
    The comment being edited does not count for its author: its approval was for the old text."""
    published = Comment.objects.published().filter(user=user)
    if editing is not None:
        published = published.exclude(pk=editing.pk)
    return published.count() < settings.COMMENTS_NEW_ACCOUNT_HOLD


def counted_flags(comment):
    """Open flags of readers who are neither banned nor new: only these take a comment down.
    Throwaway and banned accounts still reach the moderators' queue, but never hide a comment."""
    flags = comment.flags.filter(resolved_at=None).exclude(user__in=Ban.objects.active().values("user"))
    if settings.COMMENTS_NEW_ACCOUNT_HOLD:
        published = Comment.objects.published().filter(user=OuterRef("user")).order_by().values("user")
        flags = flags.alias(published=Subquery(published.annotate(n=Count("pk")).values("n"))).filter(
            published__gte=settings.COMMENTS_NEW_ACCOUNT_HOLD
        )
    return flags.count()


def _hold_reason(user, body, editing):
    if len(LINK.findall(body)) > settings.COMMENTS_MAX_LINKS:
        return "Too many links"
    watched = WatchWord.objects.pattern()
    if watched:
        match = watched.search(body)
        if match:
            return f"Watch-list word: {match.group(0)}"
    if is_new_account(user, editing):
        return "New account"
    return ""
