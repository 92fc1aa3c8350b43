import pytest
from django.contrib.auth.models import Group, User

from news.tests.factories import make_article

from .factories import make_reader


@pytest.fixture(autouse=True)
def _open_rules(settings):
    """Most tests post several comments in a row from a new account: no cooldown, no hold."""
    settings.COMMENTS_COOLDOWN_SECONDS = 0
    settings.COMMENTS_NEW_ACCOUNT_HOLD = 0


@pytest.fixture
def article(db):
    return make_article("Booster lands on a barge")


@pytest.fixture
def reader(db):
    return make_reader("ada")


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


@pytest.fixture
def moderator(db):
    user = User.objects.create_user("mod", "mod@example.com", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user
