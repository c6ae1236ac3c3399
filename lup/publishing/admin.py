"""Publications in admin: read-only. No add (publishing is done from the dashboard, with its
own permission), no change, no delete, no bulk action."""

from django.contrib import admin
from django.http import HttpRequest
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from lup.reporting import registry

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
        "figures_table",
        "records_table",
    )
    fields = readonly_fields
    actions = None

    @admin.display(description=_("figures"))
    def figures_table(self, obj: FigurePublication) -> str:
        rows = registry.rows(obj.figures)
        return format_html(
            "<table>{}</table>",
            format_html_join(
                "",
                "<tr><th>{}</th><td>{}</td></tr>",
                ((label, number_format(value, force_grouping=True)) for _k, label, value in rows),
            ),
        )

    @admin.display(description=_("counted records"))
    def records_table(self, obj: FigurePublication) -> str:
        rows = [
            (registry.BY_KEY[key].label, len(ids), ", ".join(map(str, ids)))
            for key, ids in obj.record_ids.items()
            if key in registry.BY_KEY
        ]
        return format_html(
            "<table>{}</table>",
            format_html_join("", "<tr><th>{}</th><td>{}</td><td>{}</td></tr>", rows),
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
