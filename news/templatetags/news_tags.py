from urllib.parse import urlencode

from django import template
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse

from portal.page_cache import for_listings

from ..models import Article, Section
from ..signals import SECTION_NAV_CACHE_KEY

register = template.Library()

SECTION_NAV_SECONDS = 3600


def _sections(request):
    """The sections for the header nav and the sidebar list, with their addresses: at most one
    cache read and one reverse per section per request, none on a repeat anonymous page."""
    sections = getattr(request, "_news_sections", None)
    if sections is None:
        sections = for_listings(request, (SECTION_NAV_CACHE_KEY, get_script_prefix()), _sections_with_addresses)
        if request is not None:
            request._news_sections = sections
    return sections


def _sections_with_addresses():
    stored = cache.get_or_set(
        SECTION_NAV_CACHE_KEY, lambda: list(Section.objects.values("name", "slug")), SECTION_NAV_SECONDS
    )
    return [{**section, "url": reverse("news:section", args=[section["slug"]])} for section in stored]


@register.simple_tag(takes_context=True)
def section_nav(context):
    """The header's section links, the current section marked; on anonymous news pages,
    rendered once per listings' version and current section in each process."""
    request = context.get("request")
    sections = _sections(request)
    path = getattr(request, "path", None)
    current = next((section["url"] for section in sections if section["url"] == path), None)
    return for_listings(
        request,
        ("section-nav", get_script_prefix(), current),
        lambda: render_to_string("news/_section_nav.html", {"sections": sections, "current": current}),
    )


@register.inclusion_tag("news/_section_list.html", takes_context=True)
def section_list(context):
    return {"sections": _sections(context.get("request"))}


@register.inclusion_tag("news/_section_teaser.html")
def section_teaser(section, exclude=None):
    """The newest story of a section, as in the seed's "ROCKET SCIENCE" block."""
    articles = Article.objects.published().for_summary().filter(section=section)
    if exclude is not None:
        articles = articles.exclude(pk=exclude.pk)
    return {"section": section, "teaser_article": articles.first()}


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
