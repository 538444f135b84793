from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .models import Kind

# About 50,000 resources with long descriptions: more than any region's directory.
MAX_UPLOAD = 10 * 1024 * 1024


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    kind = forms.ChoiceField(
        label=_("Category"), choices=[("", _("Any category")), *Kind.choices], required=False
    )
    language = forms.CharField(
        label=_("Language"),
        max_length=40,
        required=False,
        help_text=_("For example: Spanish."),
    )


class OutdatedForm(forms.Form):
    note = forms.CharField(
        label=_("What is out of date?"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: name, kind, description, address, phone, website, hours, eligibility, "
            "cost, languages, last_verified (YYYY-MM-DD)."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(
                _("The file is larger than %(size)s.") % {"size": filesizeformat(MAX_UPLOAD)}
            )
        return upload
