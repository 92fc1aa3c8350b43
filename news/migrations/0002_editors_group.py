from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
# Editors write and publish; they do not manage users, comments or money.
EDITOR_PERMISSIONS = [
    (model, action)
    for model in ("article", "relatedlink", "section", "keyword", "author", "articleredirect")
    for action in ("add", "change", "delete", "view")
]


def create_editors_group(apps, schema_editor):
    for app_config in apps.get_app_configs():
        # Browser tests call this with the live app registry, whose apps must keep their models
        # module: post_migrate (after each test's flush) skips apps without one, Site included.
        models_module, app_config.models_module = getattr(app_config, "models_module", None), True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS)
    codenames = [f"{action}_{model}" for model, action in EDITOR_PERMISSIONS]
    group.permissions.set(Permission.objects.filter(content_type__app_label="news", codename__in=codenames))


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
