from django.core.management import call_command
from django.db import migrations, models


def create_cache_table(apps, schema_editor):
    """The default cache (no REDIS_URL) is this table (settings.CACHES' LOCATION): made here
    whatever the cache is now, so a site that drops REDIS_URL later has it too."""
    call_command("createcachetable", "portal_cache", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_site_name")]

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                ("scope", models.CharField(max_length=300, primary_key=True, serialize=False)),
                ("token", models.CharField(max_length=32)),
                (
                    "stale_after",
                    models.DateTimeField(
                        blank=True,
                        help_text="When the next scheduled article goes live, for the listings' scope.",
                        null=True,
                    ),
                ),
            ],
        ),
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
    ]
