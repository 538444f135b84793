"""Administrators create groups and name their peer moderators here. Posts, messages, reports and
moderator actions are written only through the services (and read on the moderation pages)."""

from django.contrib import admin

from .models import Membership, ModerationAction, Space


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "role", "status"]


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "hold_urgent_posts"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


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
