"""SQLite: the search index gets a `year` column, the UTC year each article was published.

A search of text within a few years asks FTS5 for its words and its years together (see
SQLiteBackend.expression in news/search.py), instead of checking every match of its words
against the dates. The other fields never search the column. The source view, the index and its
triggers are made again with the column (the article trigger now also runs when the publication
time changes), and the index is rebuilt; on PostgreSQL, migration 0006 does the same in the
vector and this one does nothing.
"""

from django.db import migrations

# The indexed text of an article; an FTS5 external-content "delete" must repeat exactly what was
# indexed, so keywords come in a fixed order (as in 0003).
_VIEW = """
    CREATE VIEW news_article_search_source AS
    SELECT a.id, a.title, a.teaser, a.body,
           COALESCE((SELECT group_concat(name, ' ') FROM (
               SELECT k.name FROM news_article_keywords ak
               JOIN news_keyword k ON k.id = ak.keyword_id
               WHERE ak.article_id = a.id ORDER BY k.id)), '') AS keywords{year}
    FROM news_article a
"""
_INDEX = """
    CREATE VIRTUAL TABLE news_article_fts USING fts5(
        title, teaser, body, keywords{year},
        content='news_article_search_source', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
"""
_REMOVE = """INSERT INTO news_article_fts(news_article_fts, rowid, title, teaser, body, keywords{year})
    SELECT 'delete', id, title, teaser, body, keywords{year} FROM news_article_search_source WHERE id {where};"""
_ADD = """INSERT INTO news_article_fts(rowid, title, teaser, body, keywords{year})
    SELECT id, title, teaser, body, keywords{year} FROM news_article_search_source WHERE id {where};"""
_TRIGGERS = [
    # (name, timing and event, action, which articles)
    ("news_article_fts_ai", "AFTER INSERT ON news_article", _ADD, "= new.id"),
    ("news_article_fts_bu", "BEFORE UPDATE OF {article_columns} ON news_article", _REMOVE, "= old.id"),
    ("news_article_fts_au", "AFTER UPDATE OF {article_columns} ON news_article", _ADD, "= new.id"),
    ("news_article_fts_bd", "BEFORE DELETE ON news_article", _REMOVE, "= old.id"),
    ("news_article_kw_fts_bi", "BEFORE INSERT ON news_article_keywords", _REMOVE, "= new.article_id"),
    ("news_article_kw_fts_ai", "AFTER INSERT ON news_article_keywords", _ADD, "= new.article_id"),
    ("news_article_kw_fts_bd", "BEFORE DELETE ON news_article_keywords", _REMOVE, "= old.article_id"),
    ("news_article_kw_fts_ad", "AFTER DELETE ON news_article_keywords", _ADD, "= old.article_id"),
    (
        "news_keyword_fts_bu",
        "BEFORE UPDATE OF name ON news_keyword",
        _REMOVE,
        "IN (SELECT article_id FROM news_article_keywords WHERE keyword_id = old.id)",
    ),
    (
        "news_keyword_fts_au",
        "AFTER UPDATE OF name ON news_keyword",
        _ADD,
        "IN (SELECT article_id FROM news_article_keywords WHERE keyword_id = new.id)",
    ),
]


def _search_objects(with_year):
    """Statements that drop the search index with its view and triggers and make them again."""
    column, value = (", year", ", substr(a.published_at, 1, 4) AS year") if with_year else ("", "")
    article_columns = "title, teaser, body" + (", published_at" if with_year else "")
    return [
        *[f"DROP TRIGGER IF EXISTS {name}" for name, *_ in _TRIGGERS],
        "DROP TABLE IF EXISTS news_article_fts",
        "DROP VIEW IF EXISTS news_article_search_source",
        _VIEW.format(year=value),
        _INDEX.format(year=column),
        *[
            f"CREATE TRIGGER {name} {event.format(article_columns=article_columns)} "
            f"BEGIN {action.format(year=column, where=where)} END"
            for name, event, action, where in _TRIGGERS
        ],
        "INSERT INTO news_article_fts(news_article_fts) VALUES ('rebuild')",
    ]


def _run(schema_editor, with_year):
    if schema_editor.connection.vendor == "sqlite":
        for statement in _search_objects(with_year):
            schema_editor.execute(statement, params=None)


def forward(apps, schema_editor):
    _run(schema_editor, with_year=True)


def backward(apps, schema_editor):
    _run(schema_editor, with_year=False)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0006_search_vector_years"),
    ]

    operations = [migrations.RunPython(forward, backward)]
