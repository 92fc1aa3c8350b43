"""PostgreSQL: an article's body and search vector stay in its row instead of in the TOAST table.

Migration 0003 set toast_tuple_target to 256 bytes, so that counting thousands of matches read
narrow rows. Since news/search.py no longer counts searches the planner is sure are broad, the
searches left read each candidate's vector instead (phrases, weighted `text` searches, ranking),
and each vector out of line cost a lookup in the TOAST index and a page of its own. At the
highest target, a row is only moved out of line when it does not fit a page: those searches
read the article's own page, and so does the article page for its body.

Rows written before this migration keep their text out of line until they are written again;
`VACUUM FULL news_article` rewrites them all at once (docs/deploy.md).
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
