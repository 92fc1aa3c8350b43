from django import template

from portal import dashboard

register = template.Library()


@register.inclusion_tag("admin/_editors_desk.html", takes_context=True)
def editors_desk(context):
    """The dashboard's panels, for the admin index (staff only, as admin is)."""
    return {**dashboard.panels(), "perms": context.get("perms")}
