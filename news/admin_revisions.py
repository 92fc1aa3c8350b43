"""Admin's History of an article: its revisions with what each changed, and restoring one."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import revisions
from .models import Article, ArticleRevision

REVISIONS_PER_PAGE = 20


class ArticleRevisionsAdminMixin:
    """For ArticleAdmin: saves made through admin are recorded as the editor's, and the History
    button shows the article's revisions instead of admin's log of actions."""

    def changeform_view(self, request, *args, **kwargs):
        with revisions.saved_by(request.user):
            return super().changeform_view(request, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        with revisions.saved_by(request.user):  # actions and list_editable
            return super().changelist_view(request, *args, **kwargs)

    def has_publish_permission(self, request):
        """Whether the user may publish; ArticleAdmin narrows it where publishing needs a permission
        of its own. Restoring a published revision publishes it."""
        return True

    def _may_restore(self, request, article, revision):
        if not self.has_change_permission(request, article):
            return False
        return revision.fields.get("status") != Article.Status.PUBLISHED or self.has_publish_permission(request)

    def get_urls(self):
        restore = self.admin_site.admin_view(require_POST(self.restore_revision_view))
        return [
            path("<path:object_id>/history/<int:revision_id>/restore/", restore, name="news_article_restore"),
            *super().get_urls(),
        ]

    def _article_or_404(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No article with this id.")
        return article

    def history_view(self, request, object_id, extra_context=None):
        article = self._article_or_404(request, object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return self._render_history(request, article)

    def _render_history(self, request, article, error="", status=200):
        page = Paginator(article.revisions.select_related("user"), REVISIONS_PER_PAGE).get_page(request.GET.get("page"))
        shown = list(page.object_list)
        # Each revision is compared with the one before it, which may be on the next page.
        older = article.revisions.filter(id__lt=shown[-1].id).values_list("fields", flat=True).first() if shown else None
        befores = [revision.fields for revision in shown[1:]] + [older]
        entries = [
            (
                revision,
                revisions.describe_changes(revision, before) if before is not None else None,
                self._may_restore(request, article, revision),
            )
            for revision, before in zip(shown, befores, strict=True)
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"History: {article}",
            "subtitle": None,
            "opts": self.opts,
            "object": article,
            "page_obj": page,
            "entries": entries,
            "error": error,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/news/article/revision_history.html", context, status=status)

    def restore_revision_view(self, request, object_id, revision_id):
        article = self._article_or_404(request, object_id)
        revision = get_object_or_404(ArticleRevision, pk=revision_id, article=article)
        if not self._may_restore(request, article, revision):
            raise PermissionDenied
        try:
            revisions.restore(article, revision, request.user)
        except revisions.RestoreError as error:
            # Shown as stored: the refused values were set on `article` before the check.
            return self._render_history(request, self._article_or_404(request, object_id), error=str(error), status=400)
        done = f"Restored the revision of {timezone.localtime(revision.created_at):%Y-%m-%d %H:%M} by {revision.saved_by}."
        self.log_change(request, article, done)
        messages.success(request, done)
        return redirect(reverse("admin:news_article_history", args=[article.pk]))
