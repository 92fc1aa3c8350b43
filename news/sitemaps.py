from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.shortcuts import render
from django.utils import timezone

from .models import Article, Section


class ArticleSitemap(Sitemap):
    changefreq = "never"
    limit = 5000

    def items(self):
        return Article.objects.published().only("slug", "published_at", "revised_at").order_by("-published_at")

    def lastmod(self, item):
        return item.revised_at or item.published_at


class SectionSitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.8

    def items(self):
        return Section.objects.all()


NEWS_SITEMAP_WINDOW = timedelta(days=2)


def news_sitemap(request):
    """Google News sitemap: the articles of the last two days, at most 1,000."""
    since = timezone.now() - NEWS_SITEMAP_WINDOW
    articles = Article.objects.published().filter(published_at__gte=since).select_related("section")[:1000]
    return render(
        request,
        "news/news_sitemap.xml",
        {"articles": articles, "site_root": request.build_absolute_uri("/").rstrip("/")},
        content_type="application/xml",
    )
