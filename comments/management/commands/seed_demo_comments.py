from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from comments.models import Comment, CommentThread
from news.models import Article
from portal.demo import READERS, demo_reader

# Under the newest demo articles, newest first: (article's place, reader, text, [(reader, reply)]).
DISCUSSIONS = [
    (0, "maya", "The cadence this year is remarkable. Two years ago a month like this would have been the whole year's schedule.", [
        ("jun", "And most of it on boosters that have flown before. The cost curve is the real story."),
        ("tom", "Cadence is one thing; I'd like to see the range safety numbers before calling it routine."),
    ]),
    (0, "ines", "Does anyone know whether the recovery ship made it back to port before the storm?", [
        ("maya", "It did, the harbour webcam showed it docking on Tuesday night."),
    ]),
    (1, "tom", "Good explainer. The diagram of the engine cycle finally made it click for me.", []),
    (1, "jun", "A correction request: the thrust figure in the third paragraph looks like sea-level, not vacuum.", [
        ("ines", "I read it the same way. Worth a note to the editors."),
    ]),
    (2, "ines", "Small satellites keep getting more capable. Curious what the insurance market makes of this.", []),
    (3, "maya", "Great to see a university team get a flight slot. More of this, please.", [
        ("tom", "Agreed. Rideshare pricing has opened the door for a lot of labs."),
    ]),
    (4, "jun", "The interview was the best part. Straight answers for once.", []),
]


class Command(BaseCommand):
    requires_system_checks = []  # content commands need no deploy checks (and no Stripe warning)

    help = (
        "Demo readers and their comments under the newest demo articles (once), and every demo "
        "article's thread open whatever its age, as an editor reopens one."
    )

    @transaction.atomic
    def handle(self, **options):
        demo = Article.objects.published().filter(external_id__startswith="demo:").order_by("-published_at")
        reopened = self.open_threads(demo)
        readers = {username: demo_reader(username) for username in READERS}
        created = 0
        if not Comment.objects.filter(user__in=readers.values()).exists():
            articles = list(demo[: 1 + max(place for place, *_ in DISCUSSIONS)])
            for place, username, text, replies in DISCUSSIONS if articles else ():
                article = articles[min(place, len(articles) - 1)]
                at = min(article.published_at + timedelta(hours=2 + created), timezone.now())
                comment = Comment.objects.create(article=article, user=readers[username], body=text, created_at=at)
                created += 1
                for reply_username, reply in replies:
                    Comment.objects.create(
                        article=article, user=readers[reply_username], parent=comment, body=reply,
                        created_at=min(at + timedelta(minutes=40 * (created + 1)), timezone.now()),
                    )
                    created += 1
        self.stdout.write(f"Demo comments: {created} created; {reopened} thread(s) opened.")

    def open_threads(self, articles):
        decided = CommentThread.objects.filter(article__in=articles).values_list("article_id", flat=True)
        undecided = articles.exclude(pk__in=decided).values_list("pk", flat=True)
        threads = CommentThread.objects.bulk_create(CommentThread(article_id=pk, is_closed=False) for pk in undecided)
        return len(threads)
