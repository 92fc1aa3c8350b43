import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache, so nothing cached by one test leaks into the next."""
    cache.clear()
    yield
    cache.clear()
