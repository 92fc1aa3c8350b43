import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

USERNAME = "editor"
# Comment moderation's group is the comments app's (its migration makes it): named, not imported.
GROUPS = ("Editors", "Moderators")


class Command(BaseCommand):
    requires_system_checks = []  # content commands need no deploy checks (and no Stripe warning)

    help = (
        "DEBUG only: create (or reset) the demo editor account, which also moderates comments, and "
        "print its new random password."
    )

    def handle(self, **options):
        if not settings.DEBUG:
            raise CommandError("demo_editor only runs with DEBUG=1; create real editors in admin.")
        User = get_user_model()
        user, _ = User.objects.get_or_create(username=USERNAME, defaults={"email": "editor@example.com"})
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.is_staff = True
        user.save()
        user.groups.add(*Group.objects.filter(name__in=GROUPS))
        self.stdout.write(f"Demo editor and moderator: log in at /admin/ as '{USERNAME}' with password '{password}'")
