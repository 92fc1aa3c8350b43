import itertools

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from comments.models import Comment

_numbers = itertools.count(1)
PASSWORD = "a-long-reader-password-1"


def make_reader(username=None, *, verified=True, **fields):
    n = next(_numbers)
    username = username or f"reader{n}"
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.com", password=PASSWORD, **fields
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
    return user


def make_comment(article, user=None, body=None, **fields):
    n = next(_numbers)
    return Comment.objects.create(article=article, user=user or make_reader(), body=body or f"Comment {n}", **fields)
