from django.db import models


class ContentVersion(models.Model):
    """The current version of one scope of cached pages: "listings" (every page that lists
    articles, and every article page through its sidebar and teaser) or "article:<slug>" (one
    article's page, renewed by its comments).

    Kept in the database, so every process and server reads the same token, and a change
    renews it in the same transaction as the change itself (portal/page_cache.py).
    """

    scope = models.CharField(max_length=300, primary_key=True)
    token = models.CharField(max_length=32)
    stale_after = models.DateTimeField(
        null=True, blank=True, help_text="When the next scheduled article goes live, for the listings' scope."
    )

    def __str__(self):
        return f"{self.scope}: {self.token}"
