"""`make run`'s first run shows the whole product: a secret key that outlives restarts, an editor
who also moderates, comments from several readers (two of them supporters) under open threads."""

import re
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from comments.models import Comment, CommentThread
from news.models import Article
from supporters.models import is_active_supporter

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]


def test_the_demo_has_open_threads_comments_from_readers_and_supporters_and_a_moderating_editor(
    settings, capsys, client
):
    """One demo for every assertion: seeding it draws 32 illustrations."""
    settings.DEBUG = True
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    for command in ("seed_demo", "seed_demo_comments", "seed_demo_supporters", "demo_editor"):
        call_command(command)
    printed = capsys.readouterr().out

    demo_articles = Article.objects.filter(external_id__startswith="demo:")
    assert demo_articles.count() == 32
    assert all(CommentThread.is_open(article) for article in demo_articles)

    comments = Comment.objects.published()
    assert comments.count() == 12
    assert comments.values("user").distinct().count() == 4
    assert comments.filter(parent__isnull=False).count() == 5
    assert not any(comment.user.has_usable_password() for comment in comments.select_related("user"))
    assert all(comment.created_at >= comment.article.published_at for comment in comments.select_related("article"))

    maya, jun, ines = (Comment.objects.filter(user__username=name).first().user for name in ("maya", "jun", "ines"))
    assert (is_active_supporter(maya), is_active_supporter(jun), is_active_supporter(ines)) == (True, True, False)
    article = Comment.objects.filter(user=maya, parent=None).first().article
    page = client.get(article.get_absolute_url()).content.decode()
    assert re.search(r'Maya Okafor</span>\s*<span class="supporter-badge"[^>]*>Supporter</span>', page)

    password = re.search(r"as 'editor' with password '([^']+)'", printed).group(1)
    editor = Group.objects.get(name="Moderators").user_set.get()
    assert editor.username == "editor" and editor.check_password(password) and editor.is_staff
    assert set(editor.groups.values_list("name", flat=True)) == {"Editors", "Moderators"}
    assert editor.has_perm("comments.change_comment") and editor.has_perm("news.change_article")

    call_command("seed_demo_comments")
    call_command("seed_demo_supporters")
    assert Comment.objects.count() == 12
    assert capsys.readouterr().out == (
        "Demo comments: 0 created; 0 thread(s) opened.\nDemo supporters: 0 created (maya monthly, jun once).\n"
    )


def test_make_run_gives_every_process_the_kept_secret_key_and_checks_once():
    commands = subprocess.run(
        ["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    manage = [line for line in commands if "manage.py" in line]
    assert [re.search(r"manage\.py (\S+)", line).group(1) for line in manage] == [
        "migrate", "seed_demo", "seed_demo_comments", "seed_demo_supporters", "demo_editor", "runserver",
    ]
    assert all('SECRET_KEY="${SECRET_KEY:-$(cat .secret-key)}"' in line for line in manage)
    assert "--skip-checks" in manage[0]
    assert ".secret-key" in (ROOT / ".gitignore").read_text().split()


def test_the_demo_supporters_are_the_same_readers_whichever_seed_runs_first(capsys):
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    call_command("seed_demo_supporters")
    call_command("seed_demo_comments")
    maya = get_user_model().objects.get(username="maya")
    assert (maya.get_full_name(), is_active_supporter(maya)) == ("Maya Okafor", True)
    assert EmailAddress.objects.filter(user=maya, verified=True).exists()
