"""Full-text search indexes, one per database vendor, kept in step by triggers.

Both live outside the Django model (no field, no model state): the ORM never reads or writes
them, and triggers keep them current for every write path, including bulk_create, raw updates
and imports. news/search.py is the only reader.
"""

from django.db import migrations

# The indexed keywords of an article: its keyword names in a fixed order, because an FTS5
# external-content "delete" must repeat exactly the text that was indexed.
SQLITE_FORWARD = [
    """
    CREATE VIEW news_article_search_source AS
    SELECT a.id, a.title, a.teaser, a.body,
           COALESCE((SELECT group_concat(name, ' ') FROM (
               SELECT k.name FROM news_article_keywords ak
               JOIN news_keyword k ON k.id = ak.keyword_id
               WHERE ak.article_id = a.id ORDER BY k.id)), '') AS keywords
    FROM news_article a
    """,
    """
    CREATE VIRTUAL TABLE news_article_fts USING fts5(
        title, teaser, body, keywords,
        content='news_article_search_source', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
]

_SQLITE_REMOVE = """INSERT INTO news_article_fts(news_article_fts, rowid, title, teaser, body, keywords)
    SELECT 'delete', id, title, teaser, body, keywords FROM news_article_search_source WHERE id {where};"""
_SQLITE_ADD = """INSERT INTO news_article_fts(rowid, title, teaser, body, keywords)
    SELECT id, title, teaser, body, keywords FROM news_article_search_source WHERE id {where};"""
_SQLITE_TRIGGERS = [
    # (name, timing and event, action, which articles)
    ("news_article_fts_ai", "AFTER INSERT ON news_article", _SQLITE_ADD, "= new.id"),
    ("news_article_fts_bu", "BEFORE UPDATE OF title, teaser, body ON news_article", _SQLITE_REMOVE, "= old.id"),
    ("news_article_fts_au", "AFTER UPDATE OF title, teaser, body ON news_article", _SQLITE_ADD, "= new.id"),
    ("news_article_fts_bd", "BEFORE DELETE ON news_article", _SQLITE_REMOVE, "= old.id"),
    ("news_article_kw_fts_bi", "BEFORE INSERT ON news_article_keywords", _SQLITE_REMOVE, "= new.article_id"),
    ("news_article_kw_fts_ai", "AFTER INSERT ON news_article_keywords", _SQLITE_ADD, "= new.article_id"),
    ("news_article_kw_fts_bd", "BEFORE DELETE ON news_article_keywords", _SQLITE_REMOVE, "= old.article_id"),
    ("news_article_kw_fts_ad", "AFTER DELETE ON news_article_keywords", _SQLITE_ADD, "= old.article_id"),
    (
        "news_keyword_fts_bu",
        "BEFORE UPDATE OF name ON news_keyword",
        _SQLITE_REMOVE,
        "IN (SELECT article_id FROM news_article_keywords WHERE keyword_id = old.id)",
    ),
    (
        "news_keyword_fts_au",
        "AFTER UPDATE OF name ON news_keyword",
        _SQLITE_ADD,
        "IN (SELECT article_id FROM news_article_keywords WHERE keyword_id = new.id)",
    ),
]
SQLITE_FORWARD += [
    f"CREATE TRIGGER {name} {event} BEGIN {action.format(where=where)} END"
    for name, event, action, where in _SQLITE_TRIGGERS
]
SQLITE_FORWARD += [
    "INSERT INTO news_article_fts(news_article_fts) VALUES ('rebuild')",
    # Everything a search filters and counts on, so matches are not looked up in the wide rows.
    "CREATE INDEX news_article_search_cover ON news_article (id, status, published_at, section_id)",
]
SQLITE_BACKWARD = [f"DROP TRIGGER IF EXISTS {name}" for name, *_ in _SQLITE_TRIGGERS] + [
    "DROP INDEX IF EXISTS news_article_search_cover",
    "DROP TABLE IF EXISTS news_article_fts",
    "DROP VIEW IF EXISTS news_article_search_source",
]

# English stemming with accents removed; title A, teaser and keywords B, body C. Tags are
# stripped from the stored HTML so that markup is not indexed.
POSTGRESQL_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TEXT SEARCH CONFIGURATION news_search (COPY = english)",
    "ALTER TEXT SEARCH CONFIGURATION news_search "
    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem",
    "ALTER TABLE news_article ADD COLUMN search_vector tsvector",
    # Keep long text (body, vector) out of line, so that scans over thousands of matches read
    # narrow rows; it applies to rows written from now on (VACUUM FULL rewrites older ones).
    "ALTER TABLE news_article SET (toast_tuple_target = 256)",
    """
    CREATE FUNCTION news_article_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_vector :=
            setweight(to_tsvector('news_search', coalesce(NEW.title, '')), 'A')
            || setweight(to_tsvector('news_search', regexp_replace(coalesce(NEW.teaser, ''), '<[^>]*>', ' ', 'g')), 'B')
            || setweight(to_tsvector('news_search', coalesce((
                   SELECT string_agg(k.name, ' ') FROM news_article_keywords ak
                   JOIN news_keyword k ON k.id = ak.keyword_id WHERE ak.article_id = NEW.id), '')), 'B')
            || setweight(to_tsvector('news_search', regexp_replace(coalesce(NEW.body, ''), '<[^>]*>', ' ', 'g')), 'C');
        RETURN NEW;
    END $$
    """,
    """
    CREATE TRIGGER news_article_search_vector BEFORE INSERT OR UPDATE OF title, teaser, body
    ON news_article FOR EACH ROW EXECUTE FUNCTION news_article_search_vector()
    """,
    # Keyword changes touch the article's title (to the same value), which recomputes its vector.
    """
    CREATE FUNCTION news_article_keywords_reindex() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE news_article SET title = title WHERE id IN (SELECT article_id FROM changed);
        RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER news_article_keywords_added AFTER INSERT ON news_article_keywords
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION news_article_keywords_reindex()
    """,
    """
    CREATE TRIGGER news_article_keywords_removed AFTER DELETE ON news_article_keywords
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION news_article_keywords_reindex()
    """,
    """
    CREATE FUNCTION news_keyword_reindex() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE news_article SET title = title
        WHERE id IN (SELECT article_id FROM news_article_keywords WHERE keyword_id = NEW.id);
        RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER news_keyword_reindex AFTER UPDATE OF name ON news_keyword
    FOR EACH ROW EXECUTE FUNCTION news_keyword_reindex()
    """,
    "UPDATE news_article SET title = title",
    "CREATE INDEX news_article_search_idx ON news_article USING gin (search_vector)",
    # Title searches use their own index: weight checks on the full vector would read every candidate.
    "CREATE INDEX news_article_title_search_idx ON news_article USING gin (to_tsvector('news_search', title))",
    # Counting the articles of a keyword, or matches by section, needs no heap visit.
    "CREATE INDEX news_article_search_cover ON news_article (id) INCLUDE (status, published_at, section_id)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS news_article_search_cover",
    "DROP INDEX IF EXISTS news_article_title_search_idx",
    "DROP TRIGGER IF EXISTS news_keyword_reindex ON news_keyword",
    "DROP FUNCTION IF EXISTS news_keyword_reindex()",
    "DROP TRIGGER IF EXISTS news_article_keywords_added ON news_article_keywords",
    "DROP TRIGGER IF EXISTS news_article_keywords_removed ON news_article_keywords",
    "DROP FUNCTION IF EXISTS news_article_keywords_reindex()",
    "DROP TRIGGER IF EXISTS news_article_search_vector ON news_article",
    "DROP FUNCTION IF EXISTS news_article_search_vector()",
    "ALTER TABLE news_article RESET (toast_tuple_target)",
    "ALTER TABLE news_article DROP COLUMN IF EXISTS search_vector",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS news_search",
]

STATEMENTS = {
    "sqlite": (SQLITE_FORWARD, SQLITE_BACKWARD),
    "postgresql": (POSTGRESQL_FORWARD, POSTGRESQL_BACKWARD),
}


def _run(schema_editor, direction):
    for statement in STATEMENTS.get(schema_editor.connection.vendor, ([], []))[direction]:
        schema_editor.execute(statement, params=None)


def forward(apps, schema_editor):
    _run(schema_editor, 0)


def backward(apps, schema_editor):
    _run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_editors_group"),
    ]

    operations = [migrations.RunPython(forward, backward)]
