from django.core.management.base import BaseCommand, CommandError

from news.feed_intake import due_sources, import_source


class Command(BaseCommand):
    requires_system_checks = []

    help = (
        "Fetch every feed source in admin that is due (its interval has passed since its last fetch) and "
        "import its items. Run every 15 minutes by deploy/systemd/portal-feeds.timer."
    )

    def handle(self, **options):
        failed = []
        for source in due_sources():
            report, error = import_source(source)
            if error:
                failed.append(source.name)
                self.stderr.write(f"{source.name}: {error}")
                continue
            self.stdout.write(f"{source.name}: {report.summary()}")
            if report.failed:
                failed.append(source.name)
                for item, reason in report.failures:
                    self.stderr.write(f"{source.name}: {item}: {reason}")
        if failed:
            raise CommandError(f"{len(failed)} feed source(s) had errors: {', '.join(failed)} (see each source in admin).")
