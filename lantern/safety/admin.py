from django.contrib import admin
from django.db import models

from lantern.core.admin import ReadOnlyAdmin

from .models import Alert, CrisisResource, ReachOut, ReviewItem, SafetySettings, Shift


@admin.register(CrisisResource)
class CrisisResourceAdmin(admin.ModelAdmin):
    list_display = ["name", "locale", "kind", "phone", "sms", "order", "active"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_filter = ["locale", "kind", "active"]
    list_editable = ["order", "active"]


@admin.register(SafetySettings)
class SafetySettingsAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "reach_out_escalation_minutes",
        "alert_response_minutes",
        "review_minutes",
    ]

    def has_add_permission(self, request):
        return not SafetySettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Shift)
class ShiftAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "starts_at", "ends_at"]
    list_filter = ["role"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["person"]


# Alerts and reach-outs change only through the safety services; the admin shows them without
# their sensitive text.
@admin.register(Alert)
class AlertAdmin(ReadOnlyAdmin):
    list_display = ["pk", "level", "context", "status", "tier", "created_at", "owner"]
    list_filter = ["status", "level", "context"]
    fields = ["level", "context", "status", "tier", "created_at", "respond_by", "owner"]


@admin.register(ReachOut)
class ReachOutAdmin(ReadOnlyAdmin):
    list_display = ["pk", "status", "tier", "created_at", "claimed_at"]
    list_filter = ["status", "tier"]
    fields = ["status", "tier", "created_at", "claimed_at", "closed_at"]


@admin.register(ReviewItem)
class ReviewItemAdmin(ReadOnlyAdmin):
    list_display = ["pk", "context", "status", "tier", "created_at", "respond_by", "handled_by"]
    list_filter = ["status", "context"]
    fields = ["context", "status", "tier", "created_at", "respond_by", "handled_by", "handled_at"]
