from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Max
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from news.models import Article
from portal.links import see_other

from . import moderation, rules
from .forms import CommentForm, FlagForm, NoticePreferenceForm
from .models import Comment, NoticePreference
from .notices import notify_parent_author, user_from_unsubscribe_token
from .rules import Refusal
from .templatetags.comments_tags import attach_replies

FRAGMENT_LIMIT = 100
EDIT_TEMPLATE = "comments/comment_edit.html"
GONE = "This comment was taken down or deleted, so it can no longer be edited. Your text is below."


@require_POST
def post_comment(request, article_id):
    article = get_object_or_404(Article.objects.published(), pk=article_id)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _refused(request, _form_refusal(form), article, form)
    try:
        rules.check_author(request.user)
        rules.check_thread(article)
        parent = _parent(article, form.cleaned_data["parent"])
        hold_reason = rules.check_body(request.user, form.cleaned_data["body"])
    except Refusal as refusal:
        return _refused(request, refusal, article, form)
    comment = Comment.objects.create(
        article=article,
        user=request.user,
        parent=parent,
        body=form.cleaned_data["body"],
        status=Comment.Status.PENDING if hold_reason else Comment.Status.PUBLISHED,
        hold_reason=hold_reason,
    )
    notify_parent_author(comment)
    if _wants_json(request):
        html = render_to_string("comments/_comment.html", {"comment": comment, "user": request.user}, request)
        return JsonResponse({"id": comment.pk, "parent": comment.parent_id, "html": html}, status=201)
    if comment.is_pending:
        messages.info(request, "Your comment is awaiting moderation.")
    return see_other(comment.get_absolute_url())


@require_GET
def reply(request, pk):
    parent = get_object_or_404(Comment.objects.published().select_related("article", "user"), pk=pk)
    form = CommentForm(initial={"parent": parent.pk})
    return render(request, "comments/comment_form.html", {"article": parent.article, "parent": parent, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    """The new text replaces the old only while the comment is up and in its edit window; when it
    cannot be saved any more, the reader gets their text back, read-only, with the reason."""
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk, user=request.user)
    if comment.is_gone and request.method == "GET":
        raise Http404("This comment has been removed.")
    context = {"comment": comment, "article": comment.article, "kept": request.POST.get("body", "")}
    form = CommentForm(_posted(request), initial={"body": comment.body})
    try:
        _check_editable(comment)
        rules.check_author(request.user)
        if request.method == "GET" or not form.is_valid():
            context["form"] = form
            return render(request, EDIT_TEMPLATE, context, status=400 if form.is_bound else 200)
        rules.check_thread(comment.article)
        hold_reason = rules.check_body(request.user, form.cleaned_data["body"], editing=comment)
        if not comment.edit_text(form.cleaned_data["body"], hold_reason):
            raise Refusal(409, GONE)  # deleted or removed while the reader was typing
    except Refusal as refusal:
        if refusal.status in (400, 429):
            context["form"] = form  # the reader can fix the text, or wait, and save again
        return _render_refusal(request, EDIT_TEMPLATE, context, refusal)
    if hold_reason:
        messages.info(request, "Your comment is awaiting moderation.")
    return see_other(comment.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def delete(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk, user=request.user)
    if comment.is_gone:
        raise Http404("This comment has already been removed.")
    if request.method == "GET":
        return render(request, "comments/comment_confirm_delete.html", {"comment": comment, "article": comment.article})
    comment.delete_by_author()
    messages.success(request, "Your comment has been deleted.")
    return see_other(f"{comment.article.get_absolute_url()}#comments")


@login_required
@require_http_methods(["GET", "POST"])
def flag(request, pk):
    comment = get_object_or_404(Comment.objects.published().select_related("article", "user"), pk=pk)
    context = {"comment": comment, "article": comment.article}
    try:
        if comment.user_id == request.user.pk:
            raise Refusal(403, "You cannot flag your own comment.")
        rules.check_ban(request.user)
    except Refusal as refusal:
        return _render_refusal(request, "comments/comment_flag.html", context, refusal)
    form = FlagForm(_posted(request))
    context["form"] = form
    if request.method == "GET" or not form.is_valid():
        return render(request, "comments/comment_flag.html", context, status=400 if form.is_bound else 200)
    if not moderation.flag(comment, request.user, form.cleaned_data["reason"], form.cleaned_data["note"]):
        context["error"] = "You have already flagged this comment."
        return render(request, "comments/comment_flag.html", context, status=400)
    messages.success(request, "Thank you: the moderators will look at this comment.")
    return see_other(f"{comment.article.get_absolute_url()}#comments")


@require_GET
def thread(request, article_id):
    """Every comment of an article, a page of threads at a time: the "show more" link."""
    article = get_object_or_404(Article.objects.published(), pk=article_id)
    paginator = Paginator(Comment.objects.threads_for(article, request.user), settings.COMMENTS_PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except InvalidPage:
        raise Http404("No such page of comments.") from None
    threads = attach_replies(list(page.object_list), request.user)
    return render(request, "comments/comment_list.html", {"article": article, "threads": threads, "page_obj": page})


@require_GET
def fragment(request, article_id):
    """New comments after `after` (the last id the page shows), or 304 when there are none."""
    article = get_object_or_404(Article.objects.published(), pk=article_id)
    try:
        after = int(request.GET.get("after", "0"))
    except ValueError:
        return HttpResponseBadRequest("after must be a comment id.", content_type="text/plain")
    visible = Comment.objects.visible_to(request.user).filter(article=article)
    latest = visible.aggregate(latest=Max("pk"))["latest"] or 0
    etag = f'W/"{latest}"'
    if latest <= after or request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    else:
        comments = visible.filter(pk__gt=after).select_related("user").order_by("pk")[:FRAGMENT_LIMIT]
        response = render(request, "comments/_fragment.html", {"comments": comments})
    response["ETag"] = etag
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response


@login_required
@require_http_methods(["GET", "POST"])
def notice_settings(request):
    preference, _ = NoticePreference.objects.get_or_create(user=request.user)
    form = NoticePreferenceForm(_posted(request), instance=preference)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your reply notice setting has been saved.")
        return see_other(request.path)
    return render(request, "comments/notice_settings.html", {"form": form})


@csrf_exempt  # The signed token is the credential; mail clients post here without a session (RFC 8058).
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    user = user_from_unsubscribe_token(token)
    if user is None:
        raise Http404("This unsubscribe link is not valid.")
    if request.method == "POST":
        NoticePreference.objects.update_or_create(user=user, defaults={"reply_notices": False})
    return render(request, "comments/unsubscribe.html", {"done": request.method == "POST", "token": token})


def _check_editable(comment):
    if comment.is_gone:
        raise Refusal(409, GONE)
    if not comment.is_editable:
        raise Refusal(403, f"Comments can only be edited for {settings.COMMENTS_EDIT_WINDOW_MINUTES} minutes.")


def _parent(article, parent_id):
    """The comment replied to; a reply to a reply joins its thread, keeping one level."""
    if parent_id is None:
        return None
    parent = Comment.objects.published().filter(article=article, pk=parent_id).select_related("parent").first()
    if parent is None:
        raise Refusal(400, "The comment you are replying to is not available.")
    return parent.parent or parent


def _form_refusal(form):
    if "parent" in form.errors:
        return Refusal(400, "The comment you are replying to is not available.")
    return Refusal(400, form.errors["body"][0])


def _refused(request, refusal, article, form):
    if _wants_json(request):
        return _with_retry_after(JsonResponse({"error": refusal.message}, status=refusal.status), refusal)
    parent_id = form.data.get("parent", "")
    parent = Comment.objects.filter(article=article, pk=parent_id).first() if parent_id.isdigit() else None
    context = {"article": article, "form": form, "parent": parent}
    return _render_refusal(request, "comments/comment_form.html", context, refusal)


def _render_refusal(request, template, context, refusal):
    response = render(request, template, {**context, "error": refusal.message}, status=refusal.status)
    return _with_retry_after(response, refusal)


def _with_retry_after(response, refusal):
    """Every 429 (cooldown, hourly cap) says in how many seconds to try again, form or fetch."""
    if refusal.retry_after:
        response["Retry-After"] = str(refusal.retry_after)
    return response


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _posted(request):
    # An empty POST is still a submission: `request.POST or None` would treat it as a GET.
    return request.POST if request.method == "POST" else None
