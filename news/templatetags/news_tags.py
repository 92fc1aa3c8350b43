from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from portal.page_cache import LISTINGS, token

from .. import structured_data
from ..models import Article, Section

register = template.Library()


@register.filter
def datetime_attribute(value):
    """The value of a `<time datetime>`: ISO 8601 to the second in the site's time zone, since
    HTML allows at most three digits of a fraction of a second and isoformat() writes six."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def _sections(request):
    """The sections for the header nav and the sidebar list: every page shows them. Kept under
    the listings' token, which a change to a section renews."""
    return caches["fragments"].get_or_set(
        f"news:sections:{token(request, LISTINGS)}", _sections_with_addresses, settings.PAGE_CACHE_SECONDS
    )


def _sections_with_addresses():
    return [
        {**section, "url": reverse("news:section", args=[section["slug"]])}
        for section in Section.objects.values("name", "slug")
    ]


@register.inclusion_tag("news/_section_nav.html", takes_context=True)
def section_nav(context):
    """The header's section links, the current section marked."""
    request = context.get("request")
    sections = _sections(request)
    current = next((s["url"] for s in sections if s["url"] == getattr(request, "path", None)), None)
    return {"sections": sections, "current": current}


@register.inclusion_tag("news/_section_list.html", takes_context=True)
def section_list(context):
    return {"sections": _sections(context.get("request"))}


@register.inclusion_tag("news/_section_teaser.html", takes_context=True)
def section_teaser(context, section, exclude=None):
    """The newest story of a section but `exclude`, as in the seed's "ROCKET SCIENCE" block.

    Every article of a section shows it, so each process keeps the section's two newest stories
    under the listings' token.
    """
    stories = caches["fragments"].get_or_set(
        f"news:section-newest:{section.pk}:{token(context.get('request'), LISTINGS)}",
        lambda: list(Article.objects.published().for_summary().filter(section=section)[:2]),
        settings.PAGE_CACHE_SECONDS,
    )
    teaser = next((story for story in stories if exclude is None or story.pk != exclude.pk), None)
    return {"section": section, "teaser_article": teaser}


@register.simple_tag(takes_context=True)
def share_links(context, article):
    """Plain share addresses (no third-party scripts), as (label, url) pairs."""
    url = context["request"].build_absolute_uri(article.get_absolute_url())
    return [
        ("E-mail", "mailto:?" + urlencode({"subject": article.title, "body": url})),
        ("Bluesky", "https://bsky.app/intent/compose?" + urlencode({"text": f"{article.title} {url}"})),
        ("Mastodon", "https://mastodon.social/share?" + urlencode({"text": f"{article.title} {url}"})),
        ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})),
    ]


@register.simple_tag(takes_context=True)
def page_href(context, page_number):
    """The current address with another page number, keeping every other parameter."""
    query = context["request"].GET.copy()
    query["page"] = page_number
    return "?" + query.urlencode()


@register.simple_tag(takes_context=True)
def absolute_uri(context, url):
    """`url` with this site's scheme and host, as Open Graph asks; a storage's full URL as it is."""
    return context["request"].build_absolute_uri(url)


@register.simple_tag(takes_context=True)
def article_json_ld(context, article):
    return structured_data.json_ld_script(structured_data.news_article(article, context["request"]))


@register.simple_tag(takes_context=True)
def breadcrumb_json_ld(context, *names_and_urls):
    """The page's breadcrumbs after Home, given as name, url, name, url…, as its visible trail."""
    crumbs = list(zip(names_and_urls[::2], names_and_urls[1::2], strict=True))
    return structured_data.json_ld_script(structured_data.breadcrumb_list(context["request"], crumbs))


@register.simple_tag(takes_context=True)
def website_json_ld(context):
    return structured_data.json_ld_script(structured_data.website(context["request"]))
