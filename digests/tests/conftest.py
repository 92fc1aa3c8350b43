import pytest

from .smtp_sink import SmtpSink

SITE_URL = "https://news.example.org"


@pytest.fixture
def smtp(settings):
    """Mail goes to a real SMTP server on a free local port, through Django's SMTP back end."""
    sink = SmtpSink().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield sink.handler
    sink.stop()


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE_URL
    settings.TIME_ZONE = "Europe/Paris"
