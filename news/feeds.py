from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse

from .models import Article, Keyword, Section

FEED_LENGTH = 30


class LatestArticlesFeed(Feed):
    description_template = "news/feed_description.html"

    def title(self, obj=None):
        return settings.SITE_NAME

    def description(self, obj=None):
        return settings.SITE_TAGLINE

    def link(self, obj=None):
        return reverse("news:index")

    def articles(self, obj):
        return Article.objects.published().for_listing()

    def items(self, obj=None):
        return self.articles(obj)[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.revised_at

    def item_author_name(self, item):
        return item.byline

    def item_categories(self, item):
        return [item.section.name, *(keyword.name for keyword in item.keywords.all())]


class SectionFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj=None):
        return f"{settings.SITE_NAME}: {obj.name}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def articles(self, obj):
        return super().articles(obj).filter(section=obj)


class KeywordFeed(SectionFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Keyword, slug=slug)

    def articles(self, obj):
        return LatestArticlesFeed.articles(self, obj).filter(keywords=obj)
