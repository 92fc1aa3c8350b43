from django import template

register = template.Library()


@register.inclusion_tag("comments/_comments.html", takes_context=True)
def comments_for(context, article):
    return {"article": article, "user": context["user"], "request": context["request"]}
