from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATORS = "Moderators"
MODERATOR_PERMISSIONS = [
    *[(model, action) for model in ("comment", "pendingcomment", "flaggedcomment") for action in ("view", "change")],
    ("commentflag", "view"),
    *[("ban", action) for action in ("add", "change", "view")],
    ("moderationaction", "view"),
    *[(model, action) for model in ("bannedword", "watchword") for action in ("add", "change", "delete", "view")],
]
# Editors close and reopen comment threads from the comments desk.
EDITOR_PERMISSIONS = [("commentablearticle", "view"), ("commentablearticle", "change")]


def _permissions(Permission, pairs):
    codenames = [f"{action}_{model}" for model, action in pairs]
    return Permission.objects.filter(content_type__app_label="comments", codename__in=codenames)


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    moderators.permissions.set(_permissions(Permission, MODERATOR_PERMISSIONS + EDITOR_PERMISSIONS))
    editors = Group.objects.filter(name="Editors").first()
    if editors:
        editors.permissions.add(*_permissions(Permission, EDITOR_PERMISSIONS))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=MODERATORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("news", "0002_editors_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
