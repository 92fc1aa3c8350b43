"""The safe subset of HTML that editors may use in article bodies."""

import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "a", "em", "strong", "i", "b",
    "blockquote", "cite", "figure", "figcaption",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_body(html):
    """Keep paragraphs, headings, lists, links, emphasis and quotes; drop everything else.

    Script and style elements are removed with their content; other unknown tags are
    unwrapped so the editor's text survives.
    """
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()
