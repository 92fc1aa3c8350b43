import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from news import demo_content, demo_images, images
from news.importing import ArticleImporter
from news.models import Article, Author, Keyword, Section
from news.synthetic import SyntheticArticles

SYNTHETIC_BATCH = 5000
# Every lead story and three demo articles in four get an illustration; the rest show none.
ILLUSTRATE_EVERY = 4
# The least WebP effort: flat drawings barely gain from more, and `make run` seeds on every start.
DEMO_WEBP_METHOD = 0


class Command(BaseCommand):
    requires_system_checks = []  # content commands need no deploy checks (and no Stripe warning)

    help = (
        "Create the demo sections, authors, keywords and articles (our own text). Running it again "
        "changes nothing. --synthetic N also adds N generated articles for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--synthetic", type=int, default=0, metavar="N")
        parser.add_argument("--seed", type=int, default=None, help="Random seed for --synthetic.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, synthetic, seed, no_progress, **options):
        if synthetic < 0:
            raise CommandError("--synthetic takes a positive number of articles")
        created = self.seed_demo()
        self.stdout.write(f"Demo content: {created} article(s) created, {len(demo_content.ARTICLES) - created} already there.")
        if synthetic:
            self.add_synthetic(synthetic, seed, no_progress)
            self.stdout.write(f"Added {synthetic} synthetic article(s).")

    @transaction.atomic
    def seed_demo(self):
        for section in demo_content.SECTIONS:
            Section.objects.get_or_create(slug=section["slug"], defaults=section)
        for author in demo_content.AUTHORS:
            Author.objects.get_or_create(slug=author["slug"], defaults=author)
        for keyword in demo_content.KEYWORDS:
            Keyword.objects.get_or_create(slug=keyword["slug"], defaults=keyword)
        authors = {author["slug"]: author["name"] for author in demo_content.AUTHORS}
        keywords = {keyword["slug"]: keyword["name"] for keyword in demo_content.KEYWORDS}
        importer = ArticleImporter(update_existing=False)
        existing = set(Article.objects.filter(external_id__startswith="demo:").values_list("external_id", flat=True))
        rows = []
        for number, article in enumerate(demo_content.ARTICLES, start=1):
            row = {
                **{name: value for name, value in article.items() if name not in {"published", "author", "keywords"}},
                "external_id": f"demo:{article['slug']}",
                "published_at": article["published"],
                "author": authors.get(article["author"], ""),
                "keywords": [keywords[slug] for slug in article["keywords"]],
            }
            clean = importer.clean(row, number)
            if clean is None:
                raise CommandError(f"demo article {number} is invalid: {importer.report.errors[-1][1]}")
            rows.append(clean)
        importer.save_batch(rows)
        illustrated = [
            f"demo:{article['slug']}"
            for number, article in enumerate(demo_content.ARTICLES, start=1)
            if article.get("is_lead") or number % ILLUSTRATE_EVERY
        ]
        self.add_illustrations(set(illustrated) - existing)
        return importer.report.created

    def add_illustrations(self, external_ids):
        """A lead image drawn by news/demo_images.py, with its renditions, for each new demo article."""
        storage = Article._meta.get_field("image").storage
        credit = f"Illustration: {settings.SITE_NAME}"
        for pk, slug, section_slug in Article.objects.filter(external_id__in=external_ids).values_list(
            "pk", "slug", "section__slug"
        ):
            drawing, alt = demo_images.illustration(slug, section_slug)
            buffer = io.BytesIO()
            drawing.save(buffer, "JPEG", quality=images.SOURCE_JPEG_QUALITY)
            name = storage.save(f"articles/demo/{slug}.jpg", ContentFile(buffer.getvalue()))
            Article.objects.filter(pk=pk).update(
                image=name,
                image_alt=alt,
                image_credit=credit,
                image_renditions=images.make_renditions(drawing, name, storage, webp_method=DEMO_WEBP_METHOD),
            )

    def add_synthetic(self, count, seed, no_progress):
        sections = list(Section.objects.values_list("pk", flat=True))
        authors = list(Author.objects.values_list("pk", flat=True))
        keyword_ids = list(Keyword.objects.values_list("pk", flat=True))
        generator = SyntheticArticles(sections, authors, seed=seed)
        Through = Article.keywords.through
        with tqdm(total=count, unit="articles", disable=no_progress or None, file=self.stderr) as progress:
            for start in range(0, count, SYNTHETIC_BATCH):
                size = min(SYNTHETIC_BATCH, count - start)
                articles = [generator.article(start + i) for i in range(size)]
                with transaction.atomic():
                    Article.objects.bulk_create(articles)
                    if articles[0].pk is None:
                        keys = [article.external_id for article in articles]
                        pks = dict(Article.objects.filter(external_id__in=keys).values_list("external_id", "pk"))
                        for article in articles:
                            article.pk = pks[article.external_id]
                    Through.objects.bulk_create(
                        [
                            Through(article_id=article.pk, keyword_id=keyword_id)
                            for article in articles
                            for keyword_id in generator.keywords_for(keyword_ids)
                        ]
                    )
                progress.update(size)
