"""`{{ roles|role_badges }}`: the role badges beside a handle (see `lantern.accounts.badges`)."""

from django import template

from lantern.accounts.badges import render_badges

register = template.Library()


@register.filter
def role_badges(roles):
    return render_badges(roles)
