"""Agency feed sources, fetched by `manage.py import_feeds`, and the feed item behind each
imported article. Editors configure the sources."""

import django.core.validators
import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

EDITORS = "Editors"
EDITOR_PERMISSIONS = ["add_feedsource", "change_feedsource", "delete_feedsource", "view_feedsource"]


def let_editors_configure_feeds(apps, schema_editor):
    app_config = apps.get_app_config("news")
    # create_permissions skips an app without models; a migration's app stub has no module.
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    Permission = apps.get_model("auth", "Permission")
    editors, _ = apps.get_model("auth", "Group").objects.get_or_create(name=EDITORS)
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="news", codename__in=EDITOR_PERMISSIONS)
    )


class Migration(migrations.Migration):

    dependencies = [
        ('news', '0010_article_revisions'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.CreateModel(
            name='FeedSource',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='Shown in this list, e.g. AFP Space.', max_length=100)),
                ('url', models.URLField(help_text="The RSS 2.0 or Atom feed's http(s) address.", max_length=500, unique=True, validators=[django.core.validators.URLValidator(schemes=['http', 'https'])], verbose_name='feed address')),
                ('agency', models.CharField(blank=True, help_text="Put in each new article's dateline, e.g. AFP.", max_length=50)),
                ('publish', models.BooleanField(default=False, help_text='Off: new items arrive as drafts for an editor to check and publish.', verbose_name='publish new items')),
                ('interval', models.PositiveIntegerField(default=15, help_text='The fetch runs every 15 minutes, so 15 is the shortest.', validators=[django.core.validators.MinValueValidator(15)], verbose_name='minutes between fetches')),
                ('is_active', models.BooleanField(default=True, help_text='Off: only `manage.py import_feed` fetches it.', verbose_name='fetch automatically')),
                ('last_fetched_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('last_summary', models.CharField(blank=True, editable=False, max_length=250)),
                ('last_error', models.TextField(blank=True, editable=False)),
                ('etag', models.CharField(blank=True, editable=False, max_length=250, verbose_name='ETag')),
                ('last_modified', models.CharField(blank=True, editable=False, max_length=100)),
                ('section', models.ForeignKey(help_text='New items go to this section.', on_delete=django.db.models.deletion.PROTECT, related_name='feed_sources', to='news.section')),
            ],
            options={
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='FeedItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('digest', models.CharField(max_length=64)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('article', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='feed_item', to='news.article')),
                ('source', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='items', to='news.feedsource')),
            ],
        ),
        migrations.RunPython(let_editors_configure_feeds, migrations.RunPython.noop),
    ]
