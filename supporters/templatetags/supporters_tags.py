from django import template

register = template.Library()


@register.inclusion_tag("supporters/_appeal.html", takes_context=True)
def support_appeal(context):
    return {"user": context["user"]}
