import io
import itertools
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from news import images
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


def make_archive(count, sections=3, keywords=3, authors=2, with_images=False):
    """`count` published articles spread over sections, keywords, authors and days, in bulk;
    `with_images`: each with the same stored lead image and renditions."""
    image_name, renditions = stored_image() if with_images else ("", {})
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
            image=image_name,
            image_alt=f"Picture of archive story {i}" if with_images else "",
            image_renditions=renditions,
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


def make_image_bytes(width=1600, height=900, image_format="JPEG", exif=None, mode="RGB"):
    """A picture in `image_format`: red on its left half, blue on its right, so a test can tell
    which way it was turned."""
    image = Image.new(mode, (width, height), (200, 30, 30, 255)[: len(mode)])
    image.paste((30, 30, 200, 255)[: len(mode)], (width // 2, 0, width, height))
    buffer = io.BytesIO()
    image.save(buffer, image_format, **({"exif": exif} if exif is not None else {}))
    return buffer.getvalue()


def make_upload(name="launch.jpg", content=None, content_type="image/jpeg"):
    return SimpleUploadedFile(name, make_image_bytes() if content is None else content, content_type=content_type)


def make_article_with_image(title=None, image_bytes=None, **fields):
    """A published article with a 1600 × 900 lead image, stored and rendered as an editor's upload is."""
    fields.setdefault("image_alt", "A rocket on the launch pad at dawn")
    fields.setdefault("image_caption", "The rocket before its first flight.")
    fields.setdefault("image_credit", "Photo: Test Agency")
    return make_article(title, image=ContentFile(image_bytes or make_image_bytes(), name="lead.jpg"), **fields)


def stored_image():
    """(name, renditions) of one lead image stored as uploads are, for articles made in bulk."""
    clean = images.clean_copy(images.open_upload(ContentFile(make_image_bytes(), name="archive.jpg")))
    name = default_storage.save("articles/tests/archive.jpg", clean.content)
    return name, images.make_renditions(clean.image, name, default_storage)
