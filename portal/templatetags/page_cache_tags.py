from django import template

from .. import page_cache

register = template.Library()


@register.simple_tag(takes_context=True)
def content_version(context, article=None):
    """The version stamp the whole-page cache uses, for keying `{% cache %}` fragments.

    Logged-in readers skip the page cache; their pages reuse the expensive fragments instead,
    and a publish, edit or new comment makes those stale exactly when it makes pages stale.
    """
    slug = article.slug if article is not None else None
    known = getattr(context.get("request"), "content_versions", {})
    return known[slug] if slug in known else page_cache.current_versions(slug)
