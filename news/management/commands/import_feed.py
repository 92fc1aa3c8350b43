from django.core.management.base import BaseCommand, CommandError

from news.feed_intake import FeedError, import_feed, is_url
from news.models import FeedSource, Section


class Command(BaseCommand):
    requires_system_checks = []  # content commands need no deploy checks (and no Stripe warning)

    help = (
        "Import an RSS 2.0 or Atom feed (an http(s) address or a file) into a section: new items become "
        "drafts (or published with --publish), updated items update their article. An address's ETag and "
        "Last-Modified are kept on its feed source (an inactive one is added when admin has none), so an "
        "unchanged feed costs one 304."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="http(s) address or path of the feed")
        parser.add_argument("--section", required=True, help="slug of the section new items go to")
        parser.add_argument("--agency", default="", help="agency named in the new articles' datelines, e.g. AFP")
        parser.add_argument("--publish", action="store_true", help="publish new items instead of saving them as drafts")

    def handle(self, source, section, agency, publish, **options):
        section_obj = Section.objects.filter(slug=section).first()
        if section_obj is None:
            known = ", ".join(Section.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"no section with the slug {section!r} (sections: {known})")
        if len(agency) > 50:
            raise CommandError("--agency is longer than 50 characters")
        feed_source = None
        if is_url(source):
            feed_source, _ = FeedSource.objects.get_or_create(
                url=source,
                defaults={"name": source[:100], "section": section_obj, "agency": agency, "publish": publish, "is_active": False},
            )
        try:
            report = import_feed(source, section_obj, agency, publish, feed_source)
        except FeedError as error:
            raise CommandError(f"{error}. Nothing was imported.") from None
        for item, reason in report.failures:
            self.stderr.write(f"{item}: {reason}")
        self.stdout.write(report.summary())
        if report.failed:
            raise CommandError(f"{report.failed} item(s) failed; the other items were imported.")
