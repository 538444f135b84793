from django.contrib import admin

from .models import OutdatedReport, Resource


class OutdatedReportInline(admin.TabularInline):
    model = OutdatedReport
    extra = 0
    fields = ("note", "reporter", "created_at", "resolved_at")
    readonly_fields = ("reporter", "created_at")


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    """One resource at a time (the CSV import at /resources/import/ does many)."""

    list_display = ("name", "kind", "last_verified", "active", "demo")
    list_filter = ("kind", "active", "demo")
    search_fields = ("name", "address", "description")
    inlines = [OutdatedReportInline]
