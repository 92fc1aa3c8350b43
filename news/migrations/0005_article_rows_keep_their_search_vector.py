"""PostgreSQL: an article's search vector stays in its row instead of in the TOAST table.

A vector with positions takes about two kilobytes for a short article, so PostgreSQL moved it
out of line, into chunks reached through the TOAST index. Phrases, weighted `text` searches and
ranking read the vectors of every candidate: each one cost a lookup in that index and a page
of its own. With toast_tuple_target at its highest, a row is only moved out of line when it
does not fit a page, so those searches read the article's own page only; the table is smaller
in all (no chunk headers, no TOAST index).

Rows written before this migration keep their vectors out of line until they are written
again; `VACUUM FULL news_article` rewrites them all at once (docs/deploy.md).
"""

from django.db import migrations

TOAST_TUPLE_TARGET = 8160  # the highest PostgreSQL allows on 8 kB pages


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE news_article SET (toast_tuple_target = {TOAST_TUPLE_TARGET})")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE news_article RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0004_search_vector_statistics"),
    ]

    operations = [migrations.RunPython(forward, backward)]
