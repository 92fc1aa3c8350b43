"""Synthetic articles for load and search benchmarks.

Words follow a Zipf distribution over a vocabulary of real English and space words
followed by a long tail of made-up words, as in real text: a few words appear in most
articles, most words in very few. The generator is deterministic for a given seed.
"""

import itertools
import random
from datetime import UTC, datetime, timedelta

from django.utils.text import slugify

from .models import Article

COMMON_WORDS = """
the of and to in a is that for on was with as by at from it be this are an has have
will said which its were been also more after their one two new first year not but
who they about up into than other would over there can all had out only some when
space launch rocket orbit satellite mission nasa station crew spacecraft earth moon
mars agency test engine flight company launches launched orbital lunar science data
system program missions astronauts satellites commercial planet solar stage booster
payload contract years could team research first team second team government million
billion network industry market ground control module capsule telescope observatory
spaceport pad propellant fuel oxygen methane hydrogen thrust reentry landing recovery
international european japanese indian chinese russian american private public
scientists engineers researchers officials director manager spokesman minister report
study analysis images signal radio laser camera sensor instrument antenna panel power
battery heat shield parachute docking undocking spacewalk experiment laboratory
asteroid comet meteor galaxy star sun radiation magnetic field atmosphere climate
weather ocean ice water surface crater rover lander probe orbiter sample return deep
career job jobs hiring training students university graduate internship workforce
policy law treaty regulation license licence safety debris tracking collision risk
cost budget funding investment investors startup constellation broadband internet
""".split()

SYLLABLES = [
    "ka", "ro", "ve", "lin", "tar", "mo", "si", "de", "qua", "zen", "pel", "tri", "no", "gar",
    "fu", "ly", "xo", "bre", "sta", "mi", "cor", "un", "ta", "vo", "ris", "al", "pho", "ne",
]
VOCABULARY_SIZE = 40000
ZIPF_EXPONENT = 1.07


def _vocabulary(rng):
    words = list(dict.fromkeys(COMMON_WORDS))
    seen = set(words)
    for length in itertools.count(2):
        for combo in itertools.product(SYLLABLES, repeat=length):
            word = "".join(combo)
            if word not in seen:
                seen.add(word)
                words.append(word)
            if len(words) >= VOCABULARY_SIZE:
                return words


class SyntheticArticles:
    """Builds unsaved Article objects with random text, sections, authors and dates."""

    def __init__(self, sections, authors, start_year=2000, seed=None):
        self.rng = random.Random(seed)
        self.words = _vocabulary(self.rng)
        self.cum_weights = list(itertools.accumulate(1 / (rank**ZIPF_EXPONENT) for rank in range(1, len(self.words) + 1)))
        self.sections = sections
        self.authors = [None, *authors]
        self.start = datetime(start_year, 1, 1, tzinfo=UTC)
        self.span = (datetime.now(UTC) - timedelta(hours=1) - self.start).total_seconds()
        self.run = "".join(self.rng.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=6))

    def _words(self, count):
        return self.rng.choices(self.words, cum_weights=self.cum_weights, k=count)

    def _sentence(self, count):
        words = self._words(count)
        return " ".join(words).capitalize() + "."

    def article(self, number):
        title = " ".join(self._words(self.rng.randint(5, 10))).capitalize()
        paragraphs = [
            " ".join(self._sentence(self.rng.randint(8, 20)) for _ in range(self.rng.randint(3, 5)))
            for _ in range(self.rng.randint(3, 6))
        ]
        return Article(
            title=title,
            slug=f"{slugify(title)[:80]}-{self.run}{number}",
            external_id=f"synthetic:{self.run}:{number}",
            section_id=self.rng.choice(self.sections),
            author_id=self.rng.choice(self.authors),
            teaser=self._sentence(self.rng.randint(20, 35)),
            body="".join(f"<p>{paragraph}</p>" for paragraph in paragraphs),
            dateline_place=self.rng.choice(["Houston TX", "Paris", "Kourou", "Bengaluru", "Tokyo", ""]),
            agency=self.rng.choice(["", "", "AFP", "SPX", "UPI"]),
            status=Article.Status.PUBLISHED,
            published_at=self.start + timedelta(seconds=self.rng.random() * self.span),
        )

    def keywords_for(self, keyword_ids):
        return self.rng.sample(keyword_ids, k=self.rng.randint(0, min(3, len(keyword_ids))))
