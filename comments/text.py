"""Reader text to HTML: escaped, links made clickable, line breaks kept; never reader markup."""

from functools import lru_cache

from django.utils.html import Urlizer, normalize_newlines
from django.utils.safestring import mark_safe


class _ReaderUrlizer(Urlizer):
    url_template = '<a href="{href}" rel="nofollow ugc noopener">{url}</a>'


_urlize = _ReaderUrlizer()
URL_DISPLAY_LIMIT = 60


@lru_cache(maxsize=1024)
def render_comment_text(text):
    """The same text always gives the same HTML, and finding links is the costly part of
    showing a comment, so each process keeps the latest thousand."""
    # The urlizer escapes every word it does not turn into a link, so the result is safe.
    html = _urlize(normalize_newlines(text), trim_url_limit=URL_DISPLAY_LIMIT, autoescape=True)
    return mark_safe(html.replace("\n", "<br>"))
