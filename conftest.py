import pytest
from django.core.cache import cache, caches


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """Each test starts with an empty cache, so nothing cached by one test leaks into the next.

    Without REDIS_URL the cache is a table in the test database: only tests that may use the
    database can use (and so clear) it.
    """
    if _cache_is_a_table():
        if not _uses_database(request):
            yield
            return
        request.getfixturevalue("transactional_db" if _is_transactional(request) else "db")
    cache.clear()
    caches["fragments"].clear()
    yield
    cache.clear()


def _cache_is_a_table():
    from django.conf import settings

    return settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")


def _uses_database(request):
    return request.node.get_closest_marker("django_db") is not None or bool(
        {"db", "transactional_db", "live_server"} & set(request.fixturenames)
    )


def _is_transactional(request):
    marker = request.node.get_closest_marker("django_db")
    return "transactional_db" in request.fixturenames or "live_server" in request.fixturenames or bool(
        marker and marker.kwargs.get("transaction")
    )


@pytest.fixture
def local_cache(settings):
    """A local-memory cache, for tests that count the queries a page makes itself: without
    REDIS_URL the cache is a database table, and its reads would count too."""
    settings.CACHES = {**settings.CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    """Uploaded and generated images go to a directory of the test's own, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    return settings.MEDIA_ROOT


@pytest.fixture
def editor_client(client, db):
    """A client signed in as staff of the Editors group, which the news migrations make."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("ed", password="pw-for-tests-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


@pytest.fixture
def payments_configured(settings):
    """A Stripe key, so that articles show the appeal; nothing listens at the API address, so a
    test that reaches Stripe by mistake fails at once (tests that pay use fake_stripe)."""
    settings.STRIPE_SECRET_KEY = "sk_test_appeal"
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"
    settings.STRIPE_MAX_NETWORK_RETRIES = 0
