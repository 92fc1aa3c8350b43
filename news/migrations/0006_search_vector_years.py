"""PostgreSQL: each article's search vector also holds the UTC year it was published, "@YYYY".

A search of text within a few years finds its words and its years in one GIN scan (see
PostgreSQLBackend.in_dates in news/search.py). No reader can type such a term: the parser never
keeps "@" in a word. The trigger now also runs when the publication time changes, and existing
vectors get their year here, without being computed again.
"""

from django.db import migrations

YEAR_TERM = "array_to_tsvector(ARRAY['@' || to_char({when} AT TIME ZONE 'UTC', 'YYYY')])"


def _vector_function(with_year):
    year = f"\n            || {YEAR_TERM.format(when='NEW.published_at')}" if with_year else ""
    return f"""
    CREATE OR REPLACE FUNCTION news_article_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_vector :=
            setweight(to_tsvector('news_search', coalesce(NEW.title, '')), 'A')
            || setweight(to_tsvector('news_search', regexp_replace(coalesce(NEW.teaser, ''), '<[^>]*>', ' ', 'g')), 'B')
            || setweight(to_tsvector('news_search', coalesce((
                   SELECT string_agg(k.name, ' ') FROM news_article_keywords ak
                   JOIN news_keyword k ON k.id = ak.keyword_id WHERE ak.article_id = NEW.id), '')), 'B')
            || setweight(to_tsvector('news_search', regexp_replace(coalesce(NEW.body, ''), '<[^>]*>', ' ', 'g')), 'C'){year};
        RETURN NEW;
    END $$
    """


def _trigger(columns):
    return [
        "DROP TRIGGER IF EXISTS news_article_search_vector ON news_article",
        f"""
        CREATE TRIGGER news_article_search_vector BEFORE INSERT OR UPDATE OF {columns}
        ON news_article FOR EACH ROW EXECUTE FUNCTION news_article_search_vector()
        """,
    ]


FORWARD = [
    _vector_function(with_year=True),
    *_trigger("title, teaser, body, published_at"),
    f"UPDATE news_article SET search_vector = search_vector || {YEAR_TERM.format(when='published_at')}",
]
BACKWARD = [
    _vector_function(with_year=False),
    *_trigger("title, teaser, body"),
    "UPDATE news_article SET title = title",
]


def _run(schema_editor, statements):
    if schema_editor.connection.vendor == "postgresql":
        for statement in statements:
            schema_editor.execute(statement, params=None)


def forward(apps, schema_editor):
    _run(schema_editor, FORWARD)


def backward(apps, schema_editor):
    _run(schema_editor, BACKWARD)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0005_article_rows_keep_their_search_vector"),
    ]

    operations = [migrations.RunPython(forward, backward)]
