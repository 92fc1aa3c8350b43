import hashlib

from django import template
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import get_script_prefix

from .. import page_cache

register = template.Library()


class FragmentCacheNode(template.Node):
    def __init__(self, nodelist, name, article, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.article = article
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        if getattr(request, "page_cache_stamp", None) is not None:
            # The whole page is on its way into the page cache: a fragment copy would be wasted.
            return self.nodelist.render(context)
        article = self.article.resolve(context) if self.article else None
        varies = "|".join(str(value.resolve(context)) for value in self.vary_on)
        key = f"page-cache:fragment:{self.name}:{hashlib.sha256(varies.encode()).hexdigest()}"
        if article is not None:
            key += f":{article.pk}"
        stamp, stored = page_cache.current_versions(article.slug if article is not None else None, also=key)
        if stored is not None and stored[0] == stamp:
            return stored[1]
        html = self.nodelist.render(context)
        cache.set(key, (stamp, html), settings.PAGE_CACHE_SECONDS)
        return html


@register.tag
def fragment_cache(parser, token):
    """{% fragment_cache "name" [article=article] [vary_on ...] %}...{% endfragment_cache %}

    For pages the page cache does not keep (logged-in readers): the expensive parts come from
    the shared cache, stamped with the same versions as whole pages, so a publish, edit or new
    comment refreshes them exactly when it refreshes pages.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("fragment_cache needs a fragment name")
    article = None
    vary_on = []
    for bit in bits[2:]:
        if bit.startswith("article="):
            article = parser.compile_filter(bit.removeprefix("article="))
        else:
            vary_on.append(parser.compile_filter(bit))
    nodelist = parser.parse(("endfragment_cache",))
    parser.delete_first_token()
    return FragmentCacheNode(nodelist, bits[1].strip("\"'"), article, vary_on)


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        key = ("shared-fragment", self.name, get_script_prefix(), *(value.resolve(context) for value in self.vary_on))
        return page_cache.for_listings(context.get("request"), key, lambda: self.nodelist.render(context))


@register.tag
def shared_fragment(parser, token):
    """{% shared_fragment "name" [vary_on ...] %}...{% endshared_fragment %}

    A part that every anonymous news page shows alike (the sidebar, the footer), rendered once
    per listings' version in each process (page_cache.for_listings) instead of on every page.
    What it shows may depend on the listings, settings and the vary_on values only, never on
    the visitor or the page.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("shared_fragment needs a fragment name")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(nodelist, bits[1].strip("\"'"), [parser.compile_filter(bit) for bit in bits[2:]])


@register.simple_tag(takes_context=True)
def shared_section_teaser(context, article):
    """The teaser under an article: the newest other story of its section (as news' section_teaser).

    The section's two newest stories are rendered once per listings' version and shared by all
    the section's articles (in the shared cache, and in this process for anonymous pages): each
    shows the newest one that is not itself.
    """
    key = f"page-cache:fragment:section-newest:{article.section_id}"
    teasers = page_cache.for_listings(context.get("request"), key, lambda: _section_teasers(key, article.section_id))
    return next((html for pk, html in teasers if pk != article.pk), "")


def _section_teasers(key, section_id):
    stamp, stored = page_cache.current_versions(also=key)
    if stored is None or stored[0] != stamp:
        Article = apps.get_model("news", "Article")
        newest = Article.objects.published().for_summary().filter(section_id=section_id)[:2]
        teasers = [
            (other.pk, render_to_string("news/_section_teaser.html", {"section": other.section, "teaser_article": other}))
            for other in newest
        ]
        stored = (stamp, teasers)
        cache.set(key, stored, settings.PAGE_CACHE_SECONDS)
    return stored[1]
