import re
from datetime import timedelta
from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from news.models import Article
from portal.page_cache import article_discussion_changed


def _visible(user):
    rule = Q(status=Comment.Status.PUBLISHED)
    if user.is_authenticated:
        rule |= Q(status=Comment.Status.PENDING, user=user)
    return rule


class CommentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Comment.Status.PUBLISHED)

    def not_gone(self):
        """Published or pending: neither deleted by its author nor removed by a moderator."""
        return self.exclude(status__in=[Comment.Status.DELETED, Comment.Status.REMOVED])

    def visible_to(self, user):
        """Published comments, plus the reader's own ones still awaiting moderation."""
        return self.filter(_visible(user))

    def threads_for(self, article, user):
        """Top-level comments worth showing: visible ones, and taken-down ones that still have replies."""
        has_replies = Exists(Comment.objects.published().filter(parent=OuterRef("pk")))
        gone = Q(status__in=[Comment.Status.DELETED, Comment.Status.REMOVED], has_replies=True)
        return (
            self.filter(article=article, parent=None)
            .alias(has_replies=has_replies)
            .filter(_visible(user) | gone)
            .select_related("user")
            .order_by("created_at", "pk")
        )


class Comment(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", "Published"
        PENDING = "pending", "Awaiting moderation"
        REMOVED = "removed", "Removed by a moderator"
        DELETED = "deleted", "Deleted by its author"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    body = models.TextField(help_text="Plain text as the reader wrote it; escaped when shown.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    hold_reason = models.CharField(max_length=200, blank=True, help_text="Why it waits for a moderator.")
    open_flags = models.PositiveIntegerField(default=0, help_text="Flags no moderator has handled yet.")
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the parent's author was told of this reply."
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_thread_idx"),
            models.Index(fields=["parent", "status", "created_at"], name="comment_reply_idx"),
            models.Index(fields=["status", "created_at"], name="comment_queue_idx"),
            models.Index(fields=["user", "created_at"], name="comment_user_idx"),
            models.Index(
                fields=["-open_flags", "created_at"], condition=Q(open_flags__gt=0), name="comment_flagged_idx"
            ),
        ]

    def __str__(self):
        return f"{self.user} on {self.article}: {self.body[:40]}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    @property
    def is_gone(self):
        return self.status in (self.Status.DELETED, self.Status.REMOVED)

    @property
    def is_editable(self):
        window = timedelta(minutes=settings.COMMENTS_EDIT_WINDOW_MINUTES)
        return not self.is_gone and timezone.now() < self.created_at + window

    def edit_text(self, body, hold_reason=""):
        """Write the author's new text (held when the checks say so) and nothing else, only while
        the comment is not gone: a deletion or a moderator's removal made while the author was
        typing wins, and flags or a hold made meanwhile stay. False when nothing was written."""
        fields = {"body": body, "edited_at": timezone.now()}
        if hold_reason:
            fields.update(status=self.Status.PENDING, hold_reason=hold_reason)
        if not Comment.objects.not_gone().filter(pk=self.pk).update(**fields):
            return False
        for name, value in fields.items():
            setattr(self, name, value)
        article_discussion_changed(self.article_id)  # update() sends no signal
        return True

    def delete_by_author(self):
        """A comment with replies stays as "Comment removed" so the replies keep their place.
        A moderator's removal made meanwhile stands, with the text they removed."""
        still_up = Comment.objects.not_gone().filter(pk=self.pk)
        if self.replies.exists():
            still_up.update(status=self.Status.DELETED, body="")
            article_discussion_changed(self.article_id)  # update() sends no signal
        else:
            still_up.delete()


class CommentFlag(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", "Spam or advertising"
        ABUSE = "abuse", "Abusive or hateful"
        OFF_TOPIC = "off-topic", "Off topic"
        OTHER = "other", "Something else"

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_flags")
    reason = models.CharField(max_length=10, choices=Reason.choices)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "user"], name="one_flag_per_reader")]

    def __str__(self):
        return f"{self.get_reason_display()} by {self.user}"


class BanQuerySet(models.QuerySet):
    def active(self):
        return self.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))


class Ban(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_bans")
    reason = models.CharField(max_length=500)
    expires_at = models.DateTimeField(null=True, blank=True, help_text="Leave empty for a permanent ban.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = BanQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["user", "expires_at"], name="ban_user_idx")]

    def __str__(self):
        if self.expires_at is None:
            return f"{self.user} (permanent)"
        return f"{self.user} (until {timezone.localtime(self.expires_at):%Y-%m-%d %H:%M})"


class ModerationAction(models.Model):
    class Kind(models.TextChoices):
        APPROVE = "approve", "Approved"
        REMOVE = "remove", "Removed"
        BAN = "ban", "Banned the author"
        CLOSE = "close", "Closed comments"
        REOPEN = "reopen", "Reopened comments"

    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    comment = models.ForeignKey(Comment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    article = models.ForeignKey(Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["-created_at"], name="moderation_log_idx")]

    def __str__(self):
        return f"{self.moderator} {self.get_kind_display().lower()} at {self.created_at:%Y-%m-%d %H:%M}"


class WordListQuerySet(models.QuerySet):
    def pattern(self):
        """One case-insensitive regex matching any listed word as a whole word, or None."""
        words = [re.escape(w) for w in self.values_list("word", flat=True)]
        return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE) if words else None


class WordList(models.Model):
    word = models.CharField(max_length=100, unique=True, help_text="Matched as a whole word, in any case.")

    objects = WordListQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["word"]

    def __str__(self):
        return self.word


class BannedWord(WordList):
    """Comments containing one of these are refused."""


class WatchWord(WordList):
    """Comments containing one of these wait for a moderator."""


class CommentThread(models.Model):
    """An editor's decision for one article; without one, comments close by age."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="+")
    is_closed = models.BooleanField()
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.article}: {'closed' if self.is_closed else 'open'}"

    @staticmethod
    def is_open(article):
        """The editor's decision if there is one, else the thread's age."""
        is_closed = CommentThread.objects.filter(article=article).values_list("is_closed", flat=True).first()
        return CommentThread.is_open_by_age(article) if is_closed is None else not is_closed

    @staticmethod
    def is_open_by_age(article):
        days = settings.COMMENTS_CLOSE_AFTER_DAYS
        return not days or article.published_at > timezone.now() - timedelta(days=days)


class DiscussionSummary(NamedTuple):
    published_count: int
    has_threads: bool  # a top-level comment in any status: without one, no thread query is needed
    is_open: bool
    reader_has_commented: bool = False

    @classmethod
    def of(cls, article, reader=None):
        """The article's discussion at a glance, and whether `reader` (a signed-in user) wrote
        any of its comments, in one small query.

        Most articles have no comments: for them this is all their comment block needs.
        """
        counts = {
            "published": models.Count("comments", filter=Q(comments__status=Comment.Status.PUBLISHED)),
            "threads": models.Count("comments", filter=Q(comments__parent=None)),
            "is_closed": Subquery(CommentThread.objects.filter(article=OuterRef("pk")).values("is_closed")),
        }
        if reader is not None and reader.is_authenticated:
            counts["by_reader"] = models.Count("comments", filter=Q(comments__user=reader))
        found = Article.objects.filter(pk=article.pk).values("pk").annotate(**counts).get()
        is_open = CommentThread.is_open_by_age(article) if found["is_closed"] is None else not found["is_closed"]
        return cls(found["published"], found["threads"] > 0, article.is_live and is_open, found.get("by_reader", 0) > 0)


    @property
    def headline_link(self):
        """What the link under the headline shows: the invitation while the thread is open, the
        number of comments once it is closed (comments_tags.comment_link)."""
        return "open" if self.is_open else self.published_count


class CommentableArticle(Article):
    """Articles as seen from the comments desk, where editors close and reopen threads."""

    class Meta:
        proxy = True
        verbose_name = "article thread"
        verbose_name_plural = "article threads"


class PendingComment(Comment):
    class Meta:
        proxy = True
        verbose_name = "pending comment"
        verbose_name_plural = "pending queue"


class FlaggedComment(Comment):
    class Meta:
        proxy = True
        verbose_name = "flagged comment"
        verbose_name_plural = "flagged queue"


class NoticePreference(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True)
    reply_notices = models.BooleanField(default=True, help_text="E-mail me when someone replies to my comment.")

    def __str__(self):
        return f"{self.user}: {'on' if self.reply_notices else 'off'}"
