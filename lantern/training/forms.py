from django import forms
from django.utils.translation import gettext_lazy as _

from .models import REQUIRABLE_ROLES, Course
from .services import ANSWER_LIMIT


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("What would you say?"),
        help_text=_("Only you can read this. You can skip it and go straight to the examples."),
        max_length=ANSWER_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class RequirementsForm(forms.Form):
    """One choice per role: the course it requires, or none."""

    def __init__(self, *args, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        courses = list(Course.objects.offered())
        choices = [("", _("No course"))] + [(c.slug, c.title) for c in courses]
        for role in REQUIRABLE_ROLES:
            requirement = current.get(role.value)
            self.fields[role.value] = forms.ChoiceField(
                label=role.label,
                choices=choices,
                required=False,
                initial=requirement.course.slug if requirement else "",
            )

    all_optional = True
