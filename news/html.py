"""The safe subset of HTML that editors may use in article bodies."""

import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "a", "em", "strong", "i", "b",
    "blockquote", "cite", "figure", "figcaption",
}
# `start`: the admin's editor numbers a list from where the editor began it ("3. ").
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# Any of these means the body is already HTML with its own paragraphs.
BLOCK_TAG = re.compile(
    r"<(?:p|h[1-6]|ul|ol|li|blockquote|figure|div|table|pre|hr|section|article)\b", re.IGNORECASE
)
BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n\s*")


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


def paragraphs_from_plain_text(text):
    """Plain text (an old or imported body) as HTML paragraphs: each run of lines separated by
    a blank line becomes a <p>. A single line break stays inside its paragraph, where it reads
    as a space, because agency copy is often wrapped at a fixed width. A body with any block
    tag is already HTML and comes back as it is; inline tags in plain text are kept for the
    sanitiser to judge."""
    text = (text or "").strip()
    if not text or BLOCK_TAG.search(text):
        return text
    return "".join(f"<p>{paragraph}</p>" for paragraph in BLANK_LINES.split(text.replace("\r\n", "\n")))


def clean_body(text):
    """What an article stores as its body, from the editor, the old textarea or an import."""
    return sanitize_body(paragraphs_from_plain_text(text))
