from django.core.management import call_command
from django.db import migrations, models


def create_cache_table(apps, schema_editor):
    """The default cache (no REDIS_URL) is a table in this database; without Redis configured
    there is no other step to forget (createcachetable does nothing for other back ends)."""
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


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
