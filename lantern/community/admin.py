"""Groups and their memberships, for administrators. Groups are usually started and given peer
moderators on the site's own pages (a new group, a group's settings: views/spaces.py), which also
run the safety net and record each change. Posts, messages, reports and moderator actions are
written only through the services (and read on the moderation pages)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from lantern.core.errors import Refused

from . import services
from .models import Membership, ModerationAction, Space, Topic


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "role", "status"]


class SpaceAdminForm(forms.ModelForm):
    """Topics as checkboxes rather than raw JSON; the same address rules as the groups pages
    (which are the usual way to start a group: /groups/new/)."""

    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Space
        fields = [
            "name",
            "slug",
            "description",
            "guidelines",
            "topics",
            "kind",
            "hold_urgent_posts",
        ]

    def clean_slug(self):
        try:
            return services.clean_slug(
                self.cleaned_data["slug"], "", space=self.instance if self.instance.pk else None
            )
        except Refused as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_topics(self):
        chosen = set(self.cleaned_data["topics"])
        return [t for t in Topic.values if t in chosen]


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    form = SpaceAdminForm
    list_display = ["name", "slug", "kind", "hold_urgent_posts"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]

    # The address never changes once the group exists: links to it would break.
    def get_readonly_fields(self, request, obj=None):
        return ["slug"] if obj else []

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else self.prepopulated_fields


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin):
    """The moderators' record: read-only, as an audit log is."""

    list_display = ["created_at", "moderator", "kind", "person", "space", "reason"]
    list_filter = ["kind"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
