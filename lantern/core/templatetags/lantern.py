from django import template

register = template.Library()


@register.filter
def described(field):
    """Render a form field's widget with aria-describedby naming its errors and help text, and
    aria-invalid when it has errors (Django 5.2 links only the help text)."""
    ids = []
    if field.errors:
        ids.append(f"{field.auto_id}_errors")
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    attrs = {}
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)
