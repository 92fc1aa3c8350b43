import json

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from PIL import Image

from news import demo_images
from news.models import Article, Author, Keyword, RelatedLink, Section

from .factories import make_section

pytestmark = pytest.mark.django_db


def _row(n, **overrides):
    row = {
        "external_id": f"wire-{n}",
        "title": f"Imported launch story {n}",
        "section": "rocket-science",
        "published_at": "2025-03-04T10:15:00+00:00",
        "teaser": "An imported teaser.",
        "body": "<p>Imported body.</p><script>bad()</script>",
        "author": "Ivy Importer",
        "agency": "AFP",
        "dateline_place": "Kourou",
        "keywords": ["Ariane Six", "ESA"],
        "related_links": [{"title": "ESA", "url": "https://www.esa.int/"}],
        "source_url": f"https://wire.example.org/{n}",
    }
    row.update(overrides)
    return row


def _write(tmp_path, lines, name="articles.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n")
    return path


def _import(path, *args):
    call_command("import_articles", str(path), "--no-progress", *args)


@pytest.fixture
def rocket_section():
    return make_section("Rocket Science", slug="rocket-science")


def test_import_creates_articles_with_everything(tmp_path, rocket_section, capsys):
    _import(_write(tmp_path, [_row(1), _row(2)]))
    assert "created 2, updated 0, unchanged 0, failed 0" in capsys.readouterr().out
    article = Article.objects.get(external_id="wire-1")
    assert article.body == "<p>Imported body.</p>"
    assert article.author.name == "Ivy Importer"
    assert article.dateline == "Kourou (AFP) Mar 4, 2025"
    assert sorted(article.keywords.values_list("name", flat=True)) == ["ARIANE SIX", "ESA"]
    assert article.related_links.get().url == "https://www.esa.int/"
    assert article.is_live


def test_reimport_updates_instead_of_duplicating(tmp_path, rocket_section, capsys):
    _import(_write(tmp_path, [_row(1)]))
    _import(_write(tmp_path, [_row(1, title="Corrected title", keywords=["ESA"], related_links=[])]))
    assert "created 0, updated 1, unchanged 0, failed 0" in capsys.readouterr().out
    article = Article.objects.get()
    assert article.title == "Corrected title"
    assert list(article.keywords.values_list("name", flat=True)) == ["ESA"]
    assert RelatedLink.objects.count() == 0
    assert Author.objects.count() == 1 and Keyword.objects.count() == 2


def test_reimporting_an_unchanged_file_writes_nothing(tmp_path, rocket_section, capsys):
    path = _write(tmp_path, [_row(1), _row(2)])
    _import(path)
    stamps = dict(Article.objects.values_list("pk", "updated_at"))
    _import(path)
    assert "created 0, updated 0, unchanged 2, failed 0" in capsys.readouterr().out
    assert dict(Article.objects.values_list("pk", "updated_at")) == stamps


def test_source_url_is_the_key_without_external_id(tmp_path, rocket_section):
    row = _row(1)
    del row["external_id"]
    _import(_write(tmp_path, [row]))
    _import(_write(tmp_path, [{**row, "teaser": "Changed."}]))
    assert Article.objects.get().teaser == "Changed."


def test_bad_rows_are_reported_with_line_numbers_and_the_rest_imported(tmp_path, rocket_section, capsys):
    lines = [
        _row(1),
        "{not json",
        _row(3, section="no-such-section"),
        _row(4, published_at="yesterday"),
        _row(5, title=""),
        _row(6, source_url="ftp://x", external_id=""),
        _row(7, keywords="ESA"),
        ["a", "list"],
        _row(9, colour="red"),
        _row(10),
    ]
    with pytest.raises(CommandError, match="8 row\\(s\\) failed"):
        _import(_write(tmp_path, lines))
    err = capsys.readouterr().err
    assert "line 2: not valid JSON" in err
    assert "line 3: unknown section 'no-such-section'" in err
    assert "line 4: published_at is not a valid date and time" in err
    assert "line 5: title is required" in err
    assert "line 6: source_url is not a valid http(s) URL" in err
    assert "line 7: keywords must be a list of names" in err
    assert "line 8: each line must be a JSON object" in err
    assert "line 9: unknown field(s): colour" in err
    assert set(Article.objects.values_list("external_id", flat=True)) == {"wire-1", "wire-10"}


def test_invalid_utf8_line_is_reported(tmp_path, rocket_section, capsys):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(json.dumps(_row(1)).encode() + b"\n\xff\xfe\n")
    with pytest.raises(CommandError):
        _import(path)
    assert "line 2: not valid UTF-8" in capsys.readouterr().err
    assert Article.objects.count() == 1


def test_dry_run_writes_nothing(tmp_path, rocket_section, capsys):
    _import(_write(tmp_path, [_row(1), _row(2)]), "--dry-run")
    assert "would be created 2, would be updated 0, unchanged 0, failed 0" in capsys.readouterr().out
    assert Article.objects.count() == 0


def test_duplicate_titles_get_distinct_slugs(tmp_path, rocket_section):
    _import(_write(tmp_path, [_row(1, title="Same title"), _row(2, title="Same title")]))
    slugs = list(Article.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == 2 and all(slug.startswith("same-title") for slug in slugs)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        _import(tmp_path / "nope.jsonl")


def test_seed_demo_is_idempotent(capsys):
    call_command("seed_demo", "--no-progress")
    counts = [Article.objects.count(), Section.objects.count(), Keyword.objects.count(), Author.objects.count()]
    stamps = dict(Article.objects.values_list("pk", "updated_at"))
    call_command("seed_demo", "--no-progress")
    assert [Article.objects.count(), Section.objects.count(), Keyword.objects.count(), Author.objects.count()] == counts
    assert dict(Article.objects.values_list("pk", "updated_at")) == stamps
    assert counts[0] >= 30 and counts[1] >= 5 and counts[2] >= 15 and counts[3] >= 4
    assert {"rocket-science", "space-careers"} <= set(Section.objects.values_list("slug", flat=True))
    months = {d.strftime("%Y-%m") for d in Article.objects.values_list("published_at", flat=True)}
    assert len(months) >= 3
    assert Article.objects.exclude(agency="").exists()


def test_seed_demo_illustrates_most_articles_and_every_lead_once():
    call_command("seed_demo", "--no-progress")
    articles = list(Article.objects.all())
    illustrated = [article for article in articles if article.image]
    assert len(articles) * 2 // 3 <= len(illustrated) < len(articles)
    assert all(article.image for article in articles if article.is_lead)
    for article in illustrated:
        assert article.image_alt.startswith("Illustration: ") and article.image_credit == "Illustration: Orbital Wire"
        assert [r["width"] for r in article.image_renditions["files"]] == [320, 640, 960, 1280]
        assert all(default_storage.exists(r["webp"]) and default_storage.exists(r["jpeg"]) for r in article.image_renditions["files"])
    first = illustrated[0]
    with default_storage.open(first.image.name) as file:
        assert Image.open(file).size == (1280, 720)
    names = dict(Article.objects.values_list("pk", "image"))
    call_command("seed_demo", "--no-progress")
    assert dict(Article.objects.values_list("pk", "image")) == names  # drawn once


def test_demo_illustrations_are_the_same_for_the_same_article():
    first, alt = demo_images.illustration("static-fire-on-friday", "rocket-science")
    again, _ = demo_images.illustration("static-fire-on-friday", "rocket-science")
    other, _ = demo_images.illustration("another-story", "rocket-science")
    assert first.tobytes() == again.tobytes() != other.tobytes()
    assert alt == "Illustration: a rocket climbing on a bright exhaust plume above a planet with an orbit line, among stars."


def test_seed_demo_synthetic_adds_published_articles_with_keywords():
    call_command("seed_demo", "--synthetic", "120", "--seed", "7", "--no-progress")
    synthetic = Article.objects.filter(external_id__startswith="synthetic:")
    assert synthetic.count() == 120
    assert synthetic.published().count() == 120
    assert Article.keywords.through.objects.filter(article__in=synthetic).exists()
    years = {d.year for d in synthetic.values_list("published_at", flat=True)}
    assert len(years) > 5


def test_demo_editor_requires_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("demo_editor")


def test_imported_articles_are_found_by_search_after_import_and_reimport(client, tmp_path, rocket_section):
    _import(_write(tmp_path, [_row(1, title="Kestrel engine imported", keywords=["Kestrel Program"])]))
    assert "Kestrel engine imported" in client.get("/news/search/?keyword=kestrel+program").content.decode()
    assert "<mark>Kestrel</mark> engine imported" in client.get("/news/search/?title=kestrel").content.decode()

    _import(_write(tmp_path, [_row(1, title="Falcon engine reimported", keywords=["Falcon Program"])]))
    assert "Falcon engine reimported" in client.get("/news/search/?keyword=falcon+program").content.decode()
    assert "reimported" not in client.get("/news/search/?keyword=kestrel+program").content.decode()
    assert "reimported" not in client.get("/news/search/?title=kestrel").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "https://www.esa.int/",
        "http://wire.example.org:8080/a/b?c=d#e",
        "HTTPS://NASA.GOV",
        "https://xn--bcher-kva.example/",
        "https://müller.example/path",
        "http://127.0.0.1/feed",
        "https://a",
        "https://exa mple.org/",
        "https://-bad-.org/",
        "javascript:alert(1)",
        "https://example.org/ has space",
        "ftp://example.org/",
    ],
)
def test_the_fast_url_check_agrees_with_djangos_validator(url):
    from django.core.exceptions import ValidationError
    from django.core.validators import URLValidator

    from news.importing import _is_valid_url

    try:
        URLValidator(schemes=["http", "https"])(url)
        django_says = True
    except ValidationError:
        django_says = False
    _is_valid_url.cache_clear()
    assert _is_valid_url(url) is django_says
