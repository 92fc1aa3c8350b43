from django.conf import settings
from django.core.paginator import EmptyPage
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject
from django.views.generic import ListView
from django.views.generic.dates import (
    ArchiveIndexView,
    DayArchiveView,
    MonthArchiveView,
    YearArchiveView,
)

from portal.replica import on_replica

from . import search as archive_search
from .forms import EARLIEST, SearchForm
from .models import Article, ArticleRedirect, Author, Keyword, Section

HOME_LEAD_COUNT = 3
HOME_LATEST_COUNT = 10


def home(request):
    """The front page: the lead stories, each section's newest story but those, then the latest
    of the rest, so that no story shows twice. Its blocks are lazy: a logged-in reader served the
    cached front-page fragment runs none of their queries."""
    published = Article.objects.published().for_summary()
    leads = SimpleLazyObject(lambda: list(published.filter(is_lead=True)[:HOME_LEAD_COUNT]))
    section_blocks = SimpleLazyObject(lambda: _latest_by_section(exclude=[a.pk for a in leads]))
    latest = SimpleLazyObject(
        lambda: list(
            published.exclude(pk__in=[a.pk for a in leads] + [a.pk for _, a in section_blocks])[:HOME_LATEST_COUNT]
        )
    )
    return render(
        request,
        "news/home.html",
        {"leads": leads, "latest": latest, "section_blocks": section_blocks},
    )


def _latest_by_section(exclude=()):
    """Each section with its newest published story (but those in `exclude`), in two queries
    whatever the count."""
    newest = Article.objects.published().filter(section=OuterRef("pk")).exclude(pk__in=exclude).values("pk")[:1]
    sections = list(Section.objects.annotate(newest_pk=Subquery(newest)).filter(newest_pk__isnull=False))
    articles = Article.objects.for_summary().in_bulk([s.newest_pk for s in sections])
    return [(section, articles[section.newest_pk]) for section in sections]


class ArticleArchiveMixin:
    date_field = "published_at"
    month_format = "%m"
    paginate_by = settings.NEWS_PAGE_SIZE
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.published().for_summary()

    def get_year(self):
        """Years outside the archive are 404 before Django's date arithmetic (the day after
        9999-12-31) can overflow into a 500."""
        year = super().get_year()
        if not EARLIEST.year <= int(year) <= timezone.localdate().year + 1:
            raise Http404("The archive has no such year.")
        return year


class NewsIndexView(ArticleArchiveMixin, ArchiveIndexView):
    allow_empty = True
    template_name = "news/article_archive.html"


class NewsYearView(ArticleArchiveMixin, YearArchiveView):
    make_object_list = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        months = (
            self.get_dated_queryset()
            .order_by()
            .annotate(month=TruncMonth("published_at"))
            .values("month")
            .annotate(count=Count("pk"))
            .order_by("month")
        )
        context["month_counts"] = [(row["month"], row["count"]) for row in months]
        return context


class NewsMonthView(ArticleArchiveMixin, MonthArchiveView):
    pass


class NewsDayView(ArticleArchiveMixin, DayArchiveView):
    pass


class ArticleFilterView(ListView):
    """Published articles of one section, keyword or author."""

    model = None
    paginate_by = settings.NEWS_PAGE_SIZE
    context_object_name = "articles"
    filter_field = None

    def get_queryset(self):
        self.subject = get_object_or_404(self.model, slug=self.kwargs["slug"])
        return Article.objects.published().for_summary().filter(**{self.filter_field: self.subject})

    def get_context_data(self, **kwargs):
        return super().get_context_data(subject=self.subject, **kwargs)


class SectionView(ArticleFilterView):
    model = Section
    filter_field = "section"
    template_name = "news/section_detail.html"


class KeywordView(ArticleFilterView):
    model = Keyword
    filter_field = "keywords"
    template_name = "news/keyword_detail.html"


class AuthorView(ArticleFilterView):
    model = Author
    filter_field = "author"
    template_name = "news/author_detail.html"


def article_detail(request, year, month, day, slug):
    article = Article.objects.for_page(slug, request.user)
    if article is None:
        moved = ArticleRedirect.objects.filter(old_slug=slug).values_list("article_id", flat=True).first()
        target = Article.objects.visible_to(request.user).filter(pk=moved).first() if moved else None
        if target is None:
            raise Http404("No article at this address.")
        return redirect(target, permanent=True)
    if request.path != article.get_absolute_url():
        return redirect(article, permanent=True)
    return _render_article(request, article)


def article_preview(request, token):
    article = Article.from_preview_token(token)
    if article is None:
        raise Http404("This preview link is not valid or has expired.")
    return _render_article(request, article, is_preview_link=True)


def _render_article(request, article, is_preview_link=False):
    response = render(
        request,
        "news/article_detail.html",
        {"article": article, "is_preview_link": is_preview_link},
    )
    if not article.is_live:
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex"
    return response


def search(request):
    form = SearchForm(request.GET or None)
    context = {"form": form, "keywords": archive_search.known_keywords()}
    if not form.is_bound:
        return render(request, "news/search.html", context)
    if not form.is_valid():
        return render(request, "news/search.html", context, status=400)
    if form.has_criteria():
        try:
            results = on_replica(lambda: archive_search.search(form.cleaned_data))
        except EmptyPage:
            raise Http404("There is no such page of results.") from None
        context.update(results=results, facets=_facet_links(request, results))
    return render(request, "news/search.html", context)


def _facet_links(request, results):
    """Links that narrow the current search to a section or a year, starting again at page 1."""

    def href(**changes):
        query = request.GET.copy()
        query.pop("page", None)
        for name, value in changes.items():
            query[name] = value
        return "?" + query.urlencode()

    return {
        "sections": [(s.name, count, href(section=s.slug)) for s, count in results.section_counts],
        "years": [
            (year, count, href(**{"from": f"{year}-01-01", "to": f"{year}-12-31"}))
            for year, count in results.year_counts
        ],
    }
