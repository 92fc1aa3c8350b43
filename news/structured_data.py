"""schema.org JSON-LD for search engines: NewsArticle, BreadcrumbList and WebSite.

Each function returns a plain dict; `json_ld` in news/templatetags/news_tags.py prints it as a
data block. A data block is not run, so the Content-Security-Policy has nothing to allow; what
keeps a title from ending the block early is that <, > and & are written as JSON escapes.
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import prefetch_related_objects
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

# The same escapes as Django's json_script: "</script>" and "<!--" cannot appear in the output.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
# The publisher's logo (static/img/logo.png), as Google asks: a raster image of known size.
LOGO_PATH = "img/logo.png"
LOGO_WIDTH, LOGO_HEIGHT = 600, 60


def json_ld_script(data):
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def publisher(request):
    return {
        "@type": "Organization",
        "name": settings.SITE_NAME,
        "url": request.build_absolute_uri(reverse("home")),
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static(LOGO_PATH)),
            "width": LOGO_WIDTH,
            "height": LOGO_HEIGHT,
        },
    }


def news_article(article, request):
    """The article as Google's Article rich result reads it. Its keywords are read into the
    article's prefetch cache, where the page's own list of them finds them again."""
    prefetch_related_objects([article], "keywords")
    address = request.build_absolute_uri(article.get_absolute_url())
    if article.author:
        author = {
            "@type": "Person",
            "name": article.author.name,
            "url": request.build_absolute_uri(article.author.get_absolute_url()),
        }
    else:
        author = {"@type": "Organization", "name": article.byline, "url": request.build_absolute_uri(reverse("news:index"))}
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.excerpt,
        "url": address,
        "mainEntityOfPage": {"@type": "WebPage", "@id": address},
        "datePublished": article.published_at.isoformat(),
        "dateModified": (article.revised_at or article.published_at).isoformat(),
        "author": [author],
        "publisher": publisher(request),
        "articleSection": article.section.name,
        "keywords": [keyword.name for keyword in article.keywords.all()],
        "isAccessibleForFree": True,
    }
    image = article.lead_image
    if image:
        data["image"] = [
            {
                "@type": "ImageObject",
                "url": request.build_absolute_uri(rendition.jpeg_url),
                "width": rendition.width,
                "height": rendition.height,
            }
            for rendition in reversed(image.renditions)
        ]
    return data


def breadcrumb_list(request, crumbs):
    """BreadcrumbList of Home then `crumbs`, (name, url) pairs as the page's visible trail shows them."""
    trail = [("Home", reverse("home")), *crumbs]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": str(name), "item": request.build_absolute_uri(url)}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def website(request):
    """The site with its search box (Google's sitelinks search box reads the SearchAction)."""
    search = request.build_absolute_uri(reverse("news:search"))
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.SITE_NAME,
        "description": settings.SITE_TAGLINE,
        "url": request.build_absolute_uri(reverse("home")),
        "publisher": publisher(request),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }
