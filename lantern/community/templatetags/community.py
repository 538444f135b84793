from django import template

register = template.Library()


@register.filter
def get(mapping, key):
    """`counts|get:kind`: a dictionary lookup with a variable key."""
    return mapping.get(key) if mapping else None
