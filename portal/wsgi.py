import os
import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

try:
    django_application = get_wsgi_application()
except ImproperlyConfigured as error:
    sys.exit(f"Configuration error: {error}")

from portal.page_cache import RecentPagesApplication  # noqa: E402 (needs the apps loaded)

application = RecentPagesApplication(django_application)
