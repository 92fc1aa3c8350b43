"""The words search leaves out: PostgreSQL's English stop words (the Snowball list in
tsearch_data/english.stop, which the news_search configuration drops), and "words" of other
numerals only (², ½), which its parser does not read as words. SQLite's FTS5 indexes both, so
the search form asks this module, and both back ends refuse the same searches."""

import unicodedata

STOP_WORDS = frozenset(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom
    this that these those am is are was were be been being have has had having do does did
    doing a an the and but if or because as until while of at by for with about against between
    into through during before after above below to from up down in out on off over under again
    further then once here there when where why how all any both each few more most other some
    such no nor not only own same so than too very s t can will just don should now
    """.split()
)


def is_left_out(word):
    """Accents are removed first, as both indexes do ("thé" is "the")."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return bare.lower() in STOP_WORDS or all(unicodedata.category(c) == "No" for c in word)
