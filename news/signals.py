from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from .models import Section

SECTION_NAV_CACHE_KEY = "news:section-nav"

# Sent after each committed batch of an import, with the ids of the articles it created and of
# those it changed (`created_ids`, `updated_ids`): imports write in bulk, so the models' own
# save and delete signals do not fire.
articles_imported = Signal()


@receiver([post_save, post_delete], sender=Section)
def forget_section_nav(**kwargs):
    cache.delete(SECTION_NAV_CACHE_KEY)
