"""Lead images get a credit and their renditions (news/images.py); alt text is required with one.

Adding a column that is not null makes Django rebuild `news_article` on SQLite, which its search
view, triggers and covering index would not survive: they are dropped first and made again
afterwards, as migrations 0003 and 0007 made them, and the search index is rebuilt.
"""

import importlib

from django.db import migrations, models

_search = importlib.import_module("news.migrations.0007_fts_years")
# Django makes the table again with the indexes it knows of: not 0003's covering index for searches.
_SQLITE_COVER_INDEX = importlib.import_module("news.migrations.0003_search_index").SQLITE_FORWARD[-1]


def _drop_search_objects(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in _search._search_objects(with_year=True):
            if statement.startswith("DROP"):
                schema_editor.execute(statement, params=None)


def _make_search_objects(apps, schema_editor):
    _search.forward(apps, schema_editor)
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(_SQLITE_COVER_INDEX.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS"), params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0007_fts_years"),
    ]

    operations = [
        migrations.RunPython(_drop_search_objects, _make_search_objects),
        migrations.AddField(
            model_name="article",
            name="image_credit",
            field=models.CharField(
                blank=True, help_text='Who made the image, e.g. "Photo: ESA/S. Corvaja".', max_length=150
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="image_renditions",
            field=models.JSONField(blank=True, default=dict, editable=False),
        ),
        migrations.AlterField(
            model_name="article",
            name="image",
            field=models.ImageField(
                blank=True,
                help_text=(
                    "JPEG, PNG, WebP or GIF. Sizes for every screen are made on upload, turned upright, "
                    "and without the photo's metadata (such as its GPS position)."
                ),
                upload_to="articles/%Y/%m/",
                verbose_name="lead image",
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="image_alt",
            field=models.CharField(
                blank=True,
                help_text="Required with an image: describe it for readers who cannot see it.",
                max_length=250,
                verbose_name="alt text",
            ),
        ),
        migrations.RunPython(_make_search_objects, _drop_search_objects),
    ]
