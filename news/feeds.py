from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed, add_domain
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import feedgenerator

from .models import Article, Author, Keyword, Section

FEED_LENGTH = 30
# RSS enclosures must state a length; the RSS Advisory Board's profile says to give 0 when it
# is not known, and reading the size of every rendition from storage would cost a request each.
UNKNOWN_LENGTH = "0"


class RssWithMedia(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 whose items also carry their lead image as Media RSS (size and alt text), which
    feed readers show as the item's picture."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": "http://search.yahoo.com/mrss/"}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        image = item.get("image")
        if image:
            handler.startElement(
                "media:content",
                {
                    "url": item["enclosures"][0].url,
                    "medium": "image",
                    "type": "image/jpeg",
                    "width": str(image["width"]),
                    "height": str(image["height"]),
                },
            )
            handler.addQuickElement("media:description", image["alt"], {"type": "plain"})
            handler.endElement("media:content")


class LatestArticlesFeed(Feed):
    description_template = "news/feed_description.html"
    feed_type = RssWithMedia

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

    def item_enclosures(self, item):
        image = item.lead_image
        if not image:
            return []
        return [feedgenerator.Enclosure(image.largest.jpeg_url, UNKNOWN_LENGTH, "image/jpeg")]

    def item_extra_kwargs(self, item):
        image = item.lead_image
        if not image:
            return {}
        return {"image": {"width": image.width, "height": image.height, "alt": image.alt}}  # the address: its enclosure

    def get_feed(self, obj, request):
        """The feed, with image addresses made absolute on this site's domain as its links are
        (a storage that gives full addresses keeps them)."""
        feed = super().get_feed(obj, request)
        domain, secure = get_current_site(request).domain, request.is_secure()
        for item in feed.items:
            item["enclosures"] = [
                feedgenerator.Enclosure(add_domain(domain, enclosure.url, secure), enclosure.length, enclosure.mime_type)
                for enclosure in item["enclosures"] or []
            ]
        return feed


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


class AuthorFeed(SectionFeed):
    """An author's articles, so that a feed reader can follow a writer."""

    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def description(self, obj=None):
        return obj.bio or f"Stories by {obj.name} at {settings.SITE_NAME}."

    def articles(self, obj):
        return LatestArticlesFeed.articles(self, obj).filter(author=obj)
