"""Reader text to HTML: escaped, links made clickable, line breaks kept; never reader markup."""

from django.utils.html import Urlizer, normalize_newlines
from django.utils.safestring import mark_safe


class _ReaderUrlizer(Urlizer):
    url_template = '<a href="{href}" rel="nofollow ugc noopener">{url}</a>'


_urlize = _ReaderUrlizer()
URL_DISPLAY_LIMIT = 60


def render_comment_text(text):
    # The urlizer escapes every word it does not turn into a link, so the result is safe.
    html = _urlize(normalize_newlines(text), trim_url_limit=URL_DISPLAY_LIMIT, autoescape=True)
    return mark_safe(html.replace("\n", "<br>"))
