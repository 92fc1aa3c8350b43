"""The readers of `make run`'s demo, shared by the seed commands of the comments and supporters
apps, so that either may run first and both find the same people."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

# username: (first name, last name)
READERS = {
    "maya": ("Maya", "Okafor"),
    "jun": ("Jun", "Takahashi"),
    "ines": ("Inès", "Moreau"),
    "tom": ("Tom", "Becker"),
}


def demo_reader(username):
    """The demo reader, made once: a verified address and no password to log in with."""
    first_name, last_name = READERS[username]
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"email": f"{username}@readers.example", "first_name": first_name, "last_name": last_name},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user
