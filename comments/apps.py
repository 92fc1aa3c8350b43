from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"

    def ready(self):
        from news.models import read_with_article_page

        from .models import DiscussionSummary

        read_with_article_page(DiscussionSummary.columns)
