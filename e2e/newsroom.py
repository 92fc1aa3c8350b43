"""The newsroom side of the browser tests: editors, their way into admin, and the policy's reports."""

from django.contrib.auth.models import Group, User

EDITOR_PASSWORD = "a-long-editor-password"


def make_editor(username="editor"):
    """Staff in the Editors group; the newsroom_groups fixture makes the group."""
    user = User.objects.create_user(username, password=EDITOR_PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def log_in_to_admin(page, user, next_path="/admin/", password=EDITOR_PASSWORD):
    page.goto(f"/admin/login/?next={next_path}")
    page.fill("#id_username", user.get_username())
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(f"**{next_path}")


def csp_violations(page):
    """The Content-Security-Policy reports the page logs from now on, as a list that fills up."""
    found = []
    page.on("console", lambda message: found.append(message.text) if "Content Security Policy" in message.text else None)
    return found
