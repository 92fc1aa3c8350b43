"""Article bodies: plain text becomes paragraphs, and what admin's editor writes survives the
sanitiser unchanged."""

import importlib
import json
import re

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django_prose_editor.config import allowlist_from_extensions

from news.html import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, clean_body, paragraphs_from_plain_text, sanitize_body
from news.models import Article
from news.widgets import BODY_EXTENSIONS, ArticleBodyWidget

from .factories import make_article, make_section


@pytest.mark.parametrize(
    "text, html",
    [
        ("One paragraph.", "<p>One paragraph.</p>"),
        ("First.\n\nSecond.", "<p>First.</p><p>Second.</p>"),
        ("Wrapped agency\ncopy stays one paragraph.\n\nNext.", "<p>Wrapped agency\ncopy stays one paragraph.</p><p>Next.</p>"),
        ("Windows\r\n\r\nline ends.", "<p>Windows</p><p>line ends.</p>"),
        ("Blank line\n  \t \nwith spaces.\n\n\n\nMany blank lines.", "<p>Blank line</p><p>with spaces.</p><p>Many blank lines.</p>"),
        ("  \n\nSurrounding space.\n\n  ", "<p>Surrounding space.</p>"),
        ("Inline <em>tags</em> in plain text.\n\nStill text.", "<p>Inline <em>tags</em> in plain text.</p><p>Still text.</p>"),
        ("", ""),
        ("<p>Already HTML.</p>\n\n<p>Left as it is.</p>", "<p>Already HTML.</p>\n\n<p>Left as it is.</p>"),
        ("Intro\n\n<ul><li>a list</li></ul>", "Intro\n\n<ul><li>a list</li></ul>"),
        ("<H2>Upper-case tags count</H2>\n\ntoo", "<H2>Upper-case tags count</H2>\n\ntoo"),
    ],
)
def test_plain_text_paragraphs(text, html):
    assert paragraphs_from_plain_text(text) == html


def test_plain_text_is_sanitised_after_paragraphing():
    assert clean_body('Fuel < 10 % & falling\n\n<script>x()</script><a href="javascript:x()">link</a>') == (
        '<p>Fuel &lt; 10 % &amp; falling</p><p><a rel="noopener noreferrer">link</a></p>'
    )


def test_every_tag_the_editor_writes_is_kept_by_the_sanitiser():
    editor = allowlist_from_extensions(BODY_EXTENSIONS)
    assert editor["tags"] == {"p", "br", "h2", "h3", "h4", "strong", "em", "a", "ul", "ol", "li", "blockquote"}
    assert editor["tags"] <= ALLOWED_TAGS
    assert ALLOWED_ATTRIBUTES["a"] == {"href", "title"}  # rel is the sanitiser's own


# As the editor's getHTML() writes them (Tiptap puts list items' text in paragraphs).
EDITOR_OUTPUT = [
    "<h2>Launch window</h2><h3>Crew</h3><h4>Backup crew</h4>",
    "<p>Plain, <strong>bold</strong>, <em>italic</em> and <strong><em>both</em></strong>.<br>New line.</p>",
    "<ul><li><p>Fuel loaded</p></li><li><p>Weather <em>clear</em></p></li></ul>",
    '<ol start="3"><li><p>Third</p><ol><li><p>Nested</p></li></ol></li></ol>',
    "<blockquote><p>We are go for launch.</p></blockquote>",
    '<p><a href="https://example.org/plan" title="The flight plan" rel="noopener noreferrer">plan</a> and '
    '<a href="mailto:desk@example.org" rel="noopener noreferrer">the desk</a></p>',
]


@pytest.mark.parametrize("html", EDITOR_OUTPUT)
def test_editor_output_passes_the_sanitiser_unchanged(html):
    assert sanitize_body(html) == html


@pytest.mark.parametrize(
    "editor_html, stored",
    [
        # Tiptap's default link attributes: the sanitiser sets its own rel and drops the target.
        (
            '<p><a target="_blank" rel="noopener noreferrer nofollow" href="https://example.org/">x</a></p>',
            '<p><a href="https://example.org/" rel="noopener noreferrer">x</a></p>',
        ),
        ('<ol type="a" data-type="lower-alpha"><li><p>x</p></li></ol>', "<ol><li><p>x</p></li></ol>"),
        ("<h1>Title level</h1><h5>Too deep</h5>", "Title levelToo deep"),
    ],
)
def test_what_the_editor_does_not_offer_is_removed(editor_html, stored):
    assert sanitize_body(editor_html) == stored


def test_the_widget_carries_the_editor_configuration():
    html = ArticleBodyWidget().render("body", "<p>Text</p>")
    attribute = html.split('data-django-prose-editor-article-body="', 1)[1].split('"', 1)[0]
    config = json.loads(attribute.replace("&quot;", '"'))
    assert config["extensions"]["Heading"] == {"levels": [2, 3, 4]}
    assert {"Bold", "Italic", "Link", "BulletList", "OrderedList", "ListItem", "Blockquote"} <= set(config["extensions"])
    assert not {"Image", "Table", "TextAlign", "Color", "Underline", "Strike", "CodeBlock"} & set(config["extensions"])
    assert config["editor_module"] == "/static/django_prose_editor/editor.js"
    assert "&lt;p&gt;Text&lt;/p&gt;</textarea>" in html


def test_the_editor_needs_nothing_inline():
    media = str(ArticleBodyWidget().media)
    assert '<script src="/static/js/article-body-editor.js" type="module"></script>' in media
    assert "importmap" not in media and "<style" not in media


@pytest.mark.django_db
def test_plain_text_body_becomes_paragraphs_on_save():
    article = make_article(body="Liftoff at dawn.\n\nThe booster landed.")
    article.refresh_from_db()
    assert article.body == "<p>Liftoff at dawn.</p><p>The booster landed.</p>"


@pytest.mark.django_db
def test_plain_text_body_becomes_paragraphs_on_import(tmp_path):
    make_section("Rocket Science", slug="rocket-science")
    row = {
        "external_id": "wire-plain",
        "title": "Plain wire copy",
        "section": "rocket-science",
        "published_at": "2025-03-04T10:15:00+00:00",
        "teaser": "A teaser.",
        "body": "First paragraph,\nwrapped by the wire.\n\nSecond paragraph.",
    }
    path = tmp_path / "plain.jsonl"
    path.write_text(json.dumps(row) + "\n")
    call_command("import_articles", str(path), "--no-progress")
    assert Article.objects.get(external_id="wire-plain").body == (
        "<p>First paragraph,\nwrapped by the wire.</p><p>Second paragraph.</p>"
    )


@pytest.mark.django_db
def test_migration_makes_paragraphs_of_stored_plain_text_bodies():
    plain = make_article()
    html = make_article(body="<p>Kept.</p>")
    Article.objects.filter(pk=plain.pk).update(body="Stored before the editor.\n\nSecond.")
    migration = importlib.import_module("news.migrations.0009_article_review_status_and_contributors")
    migration.paragraph_plain_text_bodies(django_apps, None)
    assert Article.objects.get(pk=plain.pk).body == "<p>Stored before the editor.</p><p>Second.</p>"
    assert Article.objects.get(pk=html.pk).body == "<p>Kept.</p>"


def test_collectstatic_serves_the_editor_under_hashed_names(settings, tmp_path):
    """In production every static file may be cached for good (deploy/nginx/portal.conf), so the
    editor's module, styles and font must be reached by their hashed names."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    widget = ArticleBodyWidget()
    urls = [widget.get_config()["editor_module"], *(
        asset.split('"')[1] for asset in str(widget.media).splitlines() if "/static/" in asset
    )]
    assert len(urls) == 6
    for url in urls:
        name = url.removeprefix("/static/")
        assert name != url and (tmp_path / name).is_file(), url
        assert re.search(r"\.[0-9a-f]{12}\.(js|css)$", name), url
    icons = next(url for url in urls if "material-icons" in url)
    icon_css = (tmp_path / icons.removeprefix("/static/")).read_text()
    assert re.search(r"url\(\"(\./)?material-icons\.[0-9a-f]{12}\.woff2\"\)", icon_css)
