import re
from datetime import date

from django import forms
from django.templatetags.static import static
from django_prose_editor.widgets import ProseEditorWidget

# What editors can write in an article body, all of which news.html.sanitize_body keeps
# (news/tests/test_body_html.py compares the two).
# Shift+Enter makes a line break, as in bodies that already have one. Without autolink, text typed
# after a link is not part of it (pasting a URL over selected text still links it).
BODY_EXTENSIONS = {
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False, "autolink": False},
    "BulletList": True,
    "OrderedList": {"enableListAttributes": False},
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
}


class ArticleBodyWidget(ProseEditorWidget):
    """django-prose-editor's editor, started by our own module (static/js/article-body-editor.js).

    The package's own start-up needs an inline import map, and Tiptap adds an inline <style>;
    our Content-Security-Policy allows neither. So the module imports the editor from the address
    in its configuration (the hashed name in production, which may be cached for good), starts
    it without the injected style, and that style is served as a file instead.
    """

    def __init__(self, attrs=None):
        super().__init__(attrs, config={"extensions": BODY_EXTENSIONS}, preset="article-body")

    def get_config(self):
        return super().get_config() | {"editor_module": static("django_prose_editor/editor.js")}

    @property
    def media(self):
        return forms.Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "django_prose_editor/overrides.css",
                    "css/article-body-editor.css",
                ]
            },
            js=[forms.Script("js/article-body-editor.js", type="module")],
        )


class DateInput(forms.DateInput):
    """A date picker. What the reader sent is shown again only when it is a real date: a date
    input may hold nothing else (2021-02-30 is not valid HTML there), browsers would show such a
    value as empty anyway, and the field's error says what was wrong."""

    input_type = "date"

    def format_value(self, value):
        if isinstance(value, str) and not _is_iso_date(value):
            return None
        return super().format_value(value)


def _is_iso_date(text):
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
