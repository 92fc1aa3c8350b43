"""PostgreSQL: statistics on ten times as many words of the search vector.

ANALYZE keeps the most common lexemes of a tsvector column, ten per unit of its statistics
target: 1,000 by default, which on a large archive leaves out words found in a few percent of
the articles. The planner then guesses such a word from a low default, and news/search.py, which
skips counting a search the planner is sure has many more than COUNT_LIMIT matches, counts it
instead. At 10,000 lexemes ANALYZE samples more rows, a few seconds on a million articles.
"""

from django.db import migrations

STATISTICS_TARGET = 1000


def _set_target(schema_editor, target):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE news_article ALTER COLUMN search_vector SET STATISTICS {int(target)}")


def forward(apps, schema_editor):
    _set_target(schema_editor, STATISTICS_TARGET)


def backward(apps, schema_editor):
    _set_target(schema_editor, -1)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0003_search_index"),
    ]

    operations = [migrations.RunPython(forward, backward)]
