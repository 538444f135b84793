"""Templates ask access.py whether to show the links to a group's management pages."""

from django import template

from lantern.community import access

register = template.Library()


@register.filter
def may_create_space(user) -> bool:
    """`{% if user|may_create_space %}`"""
    return access.can_create_space(user)


@register.filter
def may_edit_space(user, space) -> bool:
    """`{% if user|may_edit_space:space %}`"""
    return access.can_edit_space(user, space)
