"""Forms for starting a group and for its settings page. They check shapes and lengths; the rules
(free and allowed addresses, who may change what) live in services/spaces.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.safety.models import SafetySettings

from .models import Audience, Space, Topic
from .services import spaces as space_services

HOLD_CHOICES = {"": None, "hold": True, "publish": False}


def hold_choice(value: bool | None) -> str:
    return {None: "", True: "hold", False: "publish"}[value]


class SpaceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=space_services.NAME_MAX)
    slug = forms.CharField(
        label=_("Web address"),
        max_length=space_services.SLUG_MAX,
        required=False,
        help_text=_(
            "The last part of the group's address: /groups/…/. Letters, numbers and hyphens. "
            "Leave it empty to make it from the name. It cannot be changed later."
        ),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=space_services.DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One or two sentences, shown in the list of groups."),
    )
    guidelines = forms.CharField(
        label=_("Group guidelines"),
        max_length=space_services.GUIDELINES_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Plain text; a blank line starts a new paragraph. Shown on the group's page."),
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    kind = forms.ChoiceField(
        label=_("Who may join"),
        choices=Space.Kind.choices,
        initial=Space.Kind.OPEN,
        widget=forms.RadioSelect,
    )
    audience = forms.ChoiceField(
        label=_("Who it is for"),
        choices=Audience.choices,
        initial=Audience.RECOVERY,
        required=False,  # left out: people in recovery (a new group), unchanged (settings)
        widget=forms.RadioSelect,
        help_text=_(
            "Family and friends find only their groups, and people in recovery only theirs; "
            "either may be invited to the other's. Helpers see both."
        ),
    )
    hold_urgent_posts = forms.ChoiceField(
        label=_("When a post reads as a crisis"),
        required=False,
        initial="",
        widget=forms.RadioSelect,
        help_text=_(
            "Either way, staff on duty are alerted at once and the writer is shown crisis lines."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        site_holds = SafetySettings.current().hold_urgent_posts
        self.fields["hold_urgent_posts"].choices = [
            (
                "",
                _("Follow the site's safety setting (now: hold them for review)")
                if site_holds
                else _("Follow the site's safety setting (now: publish them at once)"),
            ),
            ("hold", _("Hold them until a moderator has looked")),
            ("publish", _("Publish them at once")),
        ]

    def space_data(self) -> dict:
        """The cleaned fields as keyword arguments for services.create_space / update_space."""
        data = {name: value for name, value in self.cleaned_data.items() if name in self.fields}
        if not data.get("audience"):
            data.pop("audience", None)
        if "hold_urgent_posts" in data:
            data["hold_urgent_posts"] = HOLD_CHOICES[data["hold_urgent_posts"]]
        return data


class SpaceSettingsForm(SpaceForm):
    """The same fields but the address; a group's peer moderators (`rules=False`) get only the
    description, guidelines and topics."""

    def __init__(self, *args, space: Space, rules: bool, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "name": space.name,
                "description": space.description,
                "guidelines": space.guidelines,
                "topics": space.topics,
                "kind": space.kind,
                "audience": space.audience,
                "hold_urgent_posts": hold_choice(space.hold_urgent_posts),
            },
        )
        super().__init__(*args, **kwargs)
        del self.fields["slug"]
        if not rules:
            for name in ("name", "kind", "audience", "hold_urgent_posts"):
                del self.fields[name]


class ModeratorForm(forms.Form):
    handle = forms.CharField(label=_("Their handle"), max_length=30)
