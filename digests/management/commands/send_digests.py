from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from digests.sending import SendingStopped, send_digests


def _day(value):
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date must be a date such as 2026-12-01, not {value!r}.") from None


class Command(BaseCommand):
    help = (
        "Sends the day's digest to every confirmed subscriber who has not had it. Safe to run again: "
        "an interrupted run is resumed, and nobody gets the same day's digest twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            help="The day whose articles to send, YYYY-MM-DD (default: yesterday in the site's time zone, a whole day).",
        )
        parser.add_argument("--batch-size", type=int, default=None, help="Subscribers claimed and sent at a time.")

    def handle(self, *args, **options):
        digest_date = _day(options["date"]) if options["date"] else timezone.localdate() - timedelta(days=1)
        if options["batch_size"] is not None and options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        try:
            outcome = send_digests(digest_date, batch_size=options["batch_size"])
        except SendingStopped as stopped:
            raise CommandError(
                f"The SMTP server failed ({stopped}). {stopped.outcome.summary()} "
                "Run the command again to send the rest: nobody gets this digest twice."
            ) from stopped
        self.stdout.write(outcome.summary())
