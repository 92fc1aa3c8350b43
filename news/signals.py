from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Section

SECTION_NAV_CACHE_KEY = "news:section-nav"


@receiver([post_save, post_delete], sender=Section)
def forget_section_nav(**kwargs):
    cache.delete(SECTION_NAV_CACHE_KEY)
