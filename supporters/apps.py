from django.apps import AppConfig


class SupportersConfig(AppConfig):
    name = "supporters"
    verbose_name = "Supporters"

    def ready(self):
        from . import checks, signals  # noqa: F401  (registers the system check and signal receivers)
