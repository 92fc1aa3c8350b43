from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_external_ids(apps, schema_editor):
    FeedItem = apps.get_model("news", "FeedItem")
    Article = apps.get_model("news", "Article")
    FeedItem.objects.update(external_id=Subquery(Article.objects.filter(pk=OuterRef("article_id")).values("external_id")[:1]))


class Migration(migrations.Migration):
    dependencies = [("news", "0011_feed_sources")]

    operations = [
        migrations.AddField(model_name="feeditem", name="external_id", field=models.CharField(max_length=200, null=True)),
        migrations.RunPython(copy_external_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="feeditem", name="external_id", field=models.CharField(max_length=200, unique=True)
        ),
        migrations.AlterField(
            model_name="feeditem",
            name="article",
            field=models.OneToOneField(
                blank=True,
                help_text="Empty once the editors deleted the article: the item is then never imported again.",
                null=True,
                on_delete=models.deletion.SET_NULL,
                related_name="feed_item",
                to="news.article",
            ),
        ),
    ]
