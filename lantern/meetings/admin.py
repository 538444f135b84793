from django.contrib import admin

from .models import ChangeReport, Group, Location, Meeting, MeetingType


@admin.register(MeetingType)
class MeetingTypeAdmin(admin.ModelAdmin):
    """The standard codes come with Lantern; admins add their own (standard=False)."""

    list_display = ["code", "name_en", "name_es", "standard"]
    list_filter = ["standard"]
    search_fields = ["code", "name_en", "name_es"]

    def get_readonly_fields(self, request, obj=None):
        return ["code", "standard"] if obj is not None and obj.standard else ["standard"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "fellowship"]
    list_filter = ["fellowship"]
    search_fields = ["name"]


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "address", "city", "state", "postal_code", "time_zone"]
    search_fields = ["name", "address", "city", "postal_code"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["name", "start_time", "mode", "language", "active", "source"]
    list_filter = ["active", "mode", "language", "group__fellowship"]
    search_fields = ["name", "slug"]
    raw_id_fields = ["group", "location"]
    readonly_fields = ["updated_at", "source", "source_hash"]


@admin.register(ChangeReport)
class ChangeReportAdmin(admin.ModelAdmin):
    """Reviewed on the moderators' page (staff/meetings/changes/); here to look things up."""

    list_display = ["meeting", "topic", "status", "created_at", "reviewed_by"]
    list_filter = ["status", "topic"]
    readonly_fields = [f.name for f in ChangeReport._meta.fields]

    def has_add_permission(self, request):
        return False
