from django.contrib import admin

from .models import Team


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    """Teams are the only support rows an administrator edits here: everything else is a
    member's sensitive record, reached only through an engagement."""

    list_display = ("name", "supervisor")
    filter_horizontal = ("specialists",)
    raw_id_fields = ("supervisor",)
