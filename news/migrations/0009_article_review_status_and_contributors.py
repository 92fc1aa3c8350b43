"""The review step of the newsroom's workflow.

Articles get a "Ready for review" status and a "Can publish articles" permission. The Editors
group may publish; a new Contributors group writes articles and sends them for review, and
cannot publish. Bodies stored as plain text (before the rich-text editor) become paragraphs.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

from news.html import clean_body

EDITORS = "Editors"
CONTRIBUTORS = "Contributors"
PUBLISH = "publish_article"
# Contributors write their articles with links and keywords; sections and authors they only pick.
CONTRIBUTOR_PERMISSIONS = [
    "add_article", "change_article", "view_article",
    "add_relatedlink", "change_relatedlink", "delete_relatedlink", "view_relatedlink",
    "add_keyword", "view_keyword", "view_section", "view_author",
]


def create_contributors_and_publishers(apps, schema_editor):
    app_config = apps.get_app_config("news")
    # create_permissions skips an app without models; a migration's app stub has no module.
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    news_permissions = Permission.objects.filter(content_type__app_label="news")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(news_permissions.get(codename=PUBLISH))
    contributors, _ = Group.objects.get_or_create(name=CONTRIBUTORS)
    contributors.permissions.set(news_permissions.filter(codename__in=CONTRIBUTOR_PERMISSIONS))


def remove_contributors_and_publishers(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=CONTRIBUTORS).delete()
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="news", codename=PUBLISH
    ).delete()


def paragraph_plain_text_bodies(apps, schema_editor):
    """Bodies with a paragraph tag are HTML already; the others are checked one by one."""
    Article = apps.get_model("news", "Article")
    candidates = Article.objects.exclude(body__icontains="<p").values_list("pk", "body")
    for pk, body in candidates.iterator(chunk_size=1000):
        html = clean_body(body)
        if html != body:
            Article.objects.filter(pk=pk).update(body=html)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0008_article_lead_image_renditions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="article",
            options={
                "get_latest_by": "published_at",
                "ordering": ["-published_at", "-id"],
                "permissions": [("publish_article", "Can publish articles")],
            },
        ),
        migrations.AlterField(
            model_name="article",
            name="body",
            field=models.TextField(
                help_text=(
                    "Paragraphs, headings, lists, links, bold, italic and quotes, from the toolbar or its shortcuts. "
                    "Pasted text keeps its structure and loses its styles; anything else is removed on save."
                )
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="status",
            field=models.CharField(
                choices=[("draft", "Draft"), ("review", "Ready for review"), ("published", "Published")],
                default="draft",
                help_text="Only editors who may publish can choose Published; contributors send drafts for review.",
                max_length=10,
            ),
        ),
        migrations.RunPython(create_contributors_and_publishers, remove_contributors_and_publishers),
        migrations.RunPython(paragraph_plain_text_bodies, migrations.RunPython.noop),
    ]
