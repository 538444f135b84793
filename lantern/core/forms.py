from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.core.models import SiteSettings
from lantern.core.timezones import COMMON_ZONES


class SiteSettingsForm(forms.ModelForm):
    """Settings → Site. The time zone is typed (any IANA name), with the common ones offered by
    the browser as the person types (a datalist: nothing to load, works without JavaScript)."""

    class Meta:
        model = SiteSettings
        fields = ["name", "description", "time_zone", "open_signup"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "time_zone": forms.TextInput(
                attrs={"list": "common-zones", "autocomplete": "off", "spellcheck": "false"}
            ),
        }

    zones = COMMON_ZONES

    def __init__(self, *args, default_zone: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["maxlength"] = 40
        if default_zone:
            self.fields["time_zone"].help_text = _(
                "Used for meetings that name no time zone and for people who have not chosen "
                "one. Blank: %(zone)s."
            ) % {"zone": default_zone}
