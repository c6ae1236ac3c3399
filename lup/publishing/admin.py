"""Publications in admin: read-only. No add (publishing is done from the dashboard, with its
own permission), no change, no delete, no bulk action."""

from django.contrib import admin
from django.http import HttpRequest

from .models import FigurePublication


@admin.register(FigurePublication)
class FigurePublicationAdmin(admin.ModelAdmin):
    list_display = ("year", "version", "published_at", "published_by_name", "note")
    list_filter = ("year",)
    search_fields = ("note", "correction_reason", "published_by_name")
    ordering = ("-year", "-version")
    readonly_fields = (
        "year",
        "version",
        "published_at",
        "published_by",
        "published_by_name",
        "note",
        "correction_reason",
        "figures",
        "record_ids",
        "breakdowns",
    )
    fields = readonly_fields
    actions = None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
