import itertools
from datetime import timedelta

from django.utils import timezone

from news.models import Article, Author, Keyword, RelatedLink, Section

_numbers = itertools.count(1)


def make_section(name=None, **fields):
    n = next(_numbers)
    name = name or f"Section {n}"
    return Section.objects.create(name=name, slug=fields.pop("slug", f"section-{n}"), **fields)


def make_keyword(name=None, **fields):
    n = next(_numbers)
    name = name or f"KEYWORD {n}"
    return Keyword.objects.create(name=name, slug=fields.pop("slug", f"keyword-{n}"), **fields)


def make_author(name=None, **fields):
    n = next(_numbers)
    return Author.objects.create(name=name or f"Reporter {n}", slug=fields.pop("slug", f"reporter-{n}"), **fields)


def make_article(title=None, *, section=None, keywords=(), links=(), **fields):
    n = next(_numbers)
    defaults = {
        "title": title or f"Story number {n}",
        "slug": f"story-number-{n}",
        "section": section or make_section(),
        "teaser": f"The teaser of story {n}.",
        "body": f"<p>The body of story {n}.</p>",
        "status": Article.Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(seconds=n),
    }
    defaults.update(fields)
    article = Article.objects.create(**defaults)
    article.keywords.set(keywords)
    for order, (link_title, url) in enumerate(links):
        RelatedLink.objects.create(article=article, title=link_title, url=url, order=order)
    return article


def make_archive(count, sections=3, keywords=3, authors=2):
    """`count` published articles spread over sections, keywords, authors and days, in bulk."""
    section_objs = [make_section() for _ in range(sections)]
    keyword_objs = [make_keyword() for _ in range(keywords)]
    author_objs = [make_author() for _ in range(authors)]
    now = timezone.now()
    articles = Article.objects.bulk_create(
        Article(
            title=f"Archive story {i}",
            slug=f"archive-story-{i}-{next(_numbers)}",
            section=section_objs[i % sections],
            author=author_objs[i % authors] if i % 3 else None,
            teaser=f"Teaser {i}",
            body=f"<p>Body {i}</p>",
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(hours=6 * i + 1),
        )
        for i in range(count)
    )
    if articles[0].pk is None:
        articles = list(Article.objects.filter(title__startswith="Archive story "))
    Through = Article.keywords.through
    Through.objects.bulk_create(
        Through(article_id=article.pk, keyword_id=keyword_objs[i % keywords].pk) for i, article in enumerate(articles)
    )
    return articles
