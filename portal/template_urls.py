"""The {% url %} tag, remembering the addresses that take no arguments; and reverse_remembered(),
which remembers the addresses of sections, keywords and authors for the models.

Installed as a template builtin (settings.TEMPLATES), so it stands in for Django's own tag in
every template. Every page names the same fixed addresses (home, the news index, the feed, log
in, sign up, search), and reversing them was a tenth of rendering an uncached article page
(benchmarks/article_render.py). Addresses with arguments, and `{% url … as var %}`, go through
Django's tag unchanged. What is remembered depends on all that the address does: the URLconf,
the script prefix, the language, the current application and autoescaping.
"""

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import defaulttags
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

from .memo import BoundedMemo

register = template.Library()

_remembered = BoundedMemo(1000)


def reverse_remembered(viewname, **kwargs):
    """reverse(viewname, kwargs=kwargs), remembered: for pages of which there are few (a
    section's, a keyword's, an author's), named several times on every page."""
    key = (viewname, *kwargs.items(), get_script_prefix(), get_urlconf())
    return _remembered.get_or_build(key, lambda: reverse(viewname, kwargs=kwargs))


class RememberedURLNode(defaulttags.URLNode):
    def render(self, context):
        request = getattr(context, "request", None)
        key = (
            self.view_name.resolve(context),
            getattr(request, "current_app", None),
            getattr(getattr(request, "resolver_match", None), "namespace", None),
            get_script_prefix(),
            get_urlconf(),
            get_language(),
            context.autoescape,
        )
        return _remembered.get_or_build(key, lambda: defaulttags.URLNode.render(self, context))


@register.tag
def url(parser, token):
    node = defaulttags.url(parser, token)
    if node.args or node.kwargs or node.asvar:
        return node
    return RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)


@receiver(setting_changed)
def _forget_addresses(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _remembered.clear()
