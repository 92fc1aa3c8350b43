import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from news.importing import ArticleImporter

BATCH_SIZE = 5000


class Command(BaseCommand):
    requires_system_checks = []  # content commands need no deploy checks (and no Stripe warning)

    help = "Import articles from a JSON Lines file (one article a line; see the README for the fields)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check every row and count, write nothing.")
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, path, dry_run, batch_size, no_progress, **options):
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        importer = ArticleImporter(dry_run=dry_run)
        with path.open("rb") as counting:
            total = sum(1 for _ in counting)
        batch = []
        with path.open("rb") as lines, tqdm(
            total=total, unit="rows", disable=no_progress or None, file=self.stderr
        ) as progress:
            for number, raw in enumerate(lines, start=1):
                progress.update(1)
                if not raw.strip():
                    continue
                try:
                    row = json.loads(raw.decode("utf-8"))
                except UnicodeDecodeError:
                    importer.fail(number, "not valid UTF-8")
                    continue
                except json.JSONDecodeError as error:
                    importer.fail(number, f"not valid JSON ({error.msg} at column {error.colno})")
                    continue
                clean = importer.clean(row, number)
                if clean is not None:
                    batch.append(clean)
                if len(batch) >= batch_size:
                    importer.save_batch(batch)
                    batch = []
            if batch:
                importer.save_batch(batch)
        report = importer.report
        for line, reason in report.errors:
            self.stderr.write(f"line {line}: {reason}")
        would = "would be " if dry_run else ""
        self.stdout.write(
            f"{would}created {report.created}, {would}updated {report.updated}, "
            f"unchanged {report.unchanged}, failed {report.failed}"
        )
        if report.failed:
            raise CommandError(f"{report.failed} row(s) failed; the other rows were {'checked' if dry_run else 'imported'}.")
