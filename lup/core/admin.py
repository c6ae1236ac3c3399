"""Admin building blocks that know no domain: year filters over selectors, links between
changelists, read-only inlines, per-row counts as subqueries, the audit-history admin (whose
history pages only staff with change permission may save from), and lookup-table admins."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import (
    Count,
    DateField,
    Func,
    IntegerField,
    Max,
    Min,
    Model,
    QuerySet,
    Subquery,
)
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.text import smart_split
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .dates import FIRST_YEAR, LAST_YEAR, clamp_year, parse_year
from .inputs import search_terms_problem


def changelist_link(model_label: str, text: Any, **params: Any) -> str:
    """A link to another model's changelist, filtered by `params` (e.g. county__id__exact=3)."""
    url = reverse(f"admin:{model_label.replace('.', '_')}_changelist")
    return format_html('<a href="{}?{}">{}</a>', url, urlencode(params), text)


def subquery_count(queryset: QuerySet[Any]) -> Subquery:
    """COUNT(*) of a queryset filtered on OuterRef, for use as an annotation.

    A correlated subquery rather than Count() over a join: admin search and filters on
    related rows add joins of their own, which would multiply a joined count.
    """
    return Subquery(
        queryset.order_by().annotate(n=Func("pk", function="COUNT")).values("n"),
        output_field=IntegerField(),
    )


class YearListFilter(admin.SimpleListFilter):
    """Filter a changelist to the rows a counting-rule selector gives for one year.

    Subclasses set `title`, `parameter_name` and `year_fields` (the date fields whose earliest
    and latest years bound the choices, read from `year_model` or the admin's model) and
    implement `select(year)`, returning the selector's queryset. The choices run from the first
    year with data to the current year (or the latest year with data, within the plausible
    years of lup.core.dates), newest first, and cost one aggregate query.
    """

    year_fields: tuple[str, ...] = ()
    year_model: type[Model] | None = None

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        model = self.year_model or model_admin.model
        bounds = model._default_manager.aggregate(
            **{f"first_{name}": Min(name) for name in self.year_fields},
            **{f"last_{name}": Max(name) for name in self.year_fields},
        )
        firsts = [v.year for k, v in bounds.items() if k.startswith("first_") and v]
        if not firsts:
            return []
        lasts = [v.year for k, v in bounds.items() if k.startswith("last_") and v]
        last = clamp_year(max([*lasts, timezone.localdate().year]))
        first = clamp_year(min(firsts))
        return [(str(year), str(year)) for year in range(last, first - 1, -1)]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        if value is None:
            return queryset
        try:
            year = parse_year(value)
        except ValidationError as exc:
            raise IncorrectLookupParameters(exc) from exc
        # A subquery on ids keeps the admin's own annotations and ordering intact.
        return queryset.filter(pk__in=self.select(year).values("pk"))

    def select(self, year: int) -> QuerySet[Any]:
        raise NotImplementedError


class BoundedDateFieldListFilter(admin.DateFieldListFilter):
    """Django's date filter (today, past 7 days, ...), refusing a typed-in date outside
    FIRST_YEAR to LAST_YEAR: `created__gte=0001-01-01` on a DateTimeField overflowed while
    Django moved it to UTC (a 500); now it is a bad lookup like any other (?e=1)."""

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        for name in (self.lookup_kwarg_since, self.lookup_kwarg_until):
            value: Any = self.used_parameters.get(name)
            if isinstance(value, list):
                value = value[-1] if value else None
            if value in (None, ""):
                continue
            try:
                day = forms.DateTimeField().to_python(str(value))
            except ValidationError as exc:
                raise IncorrectLookupParameters(exc) from exc
            if day is None or not FIRST_YEAR <= day.year <= LAST_YEAR:
                raise IncorrectLookupParameters(f"{name}: {value}")
        filtered = super().queryset(request, queryset)
        return queryset if filtered is None else filtered


# Every date field of every changelist filters through it, the project's and the libraries'.
admin.FieldListFilter.register(
    lambda field: isinstance(field, DateField), BoundedDateFieldListFilter, take_priority=True
)


class ReadOnlyInline(admin.TabularInline):
    """Rows shown for reference on the parent's page; they are edited on their own pages."""

    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class BoundedSearchMixin:
    """A changelist search of at most MAX_SEARCH_TERMS words: SQLite refuses a query whose
    expression tree is deeper than 1000, which a 1000-word search made (a 500). A longer
    search finds nothing and says why."""

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        refused = search_terms_problem(list(smart_split(search_term)))
        if refused is not None:
            self.message_user(request, refused.message, messages.ERROR)  # type: ignore[attr-defined]
            return queryset.none(), False
        return super().get_search_results(request, queryset, search_term)  # type: ignore[misc]


class HistoryAdmin(BoundedSearchMixin, SimpleHistoryAdmin):
    """The admin of every record type: django-simple-history's, where reading the history
    needs view permission and saving from it (a revert) change permission, its history pages
    answer 404 to an id that is not one (simple-history passed "abc" to the database, a 500),
    and searches have at most MAX_SEARCH_TERMS words (BoundedSearchMixin).

    simple-history's history form saves a POST from anyone who may view the history, so a
    manager with only view permission could write any record through it; here that POST is
    refused with 403, and the page shows the old version without its revert button
    (simple-history's revert_disabled for those who may only view).
    """

    def _valid_id(self, field: Any, value: str) -> None:
        try:
            field.to_python(value)
        except ValidationError as exc:
            raise Http404 from exc

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: Any = None
    ) -> HttpResponse:
        self._valid_id(self.model._meta.pk, unquote(object_id))
        return super().history_view(request, object_id, extra_context)

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> HttpResponse:
        self._valid_id(self.model._meta.pk, unquote(object_id))
        history_model = getattr(self.model, self.model._meta.simple_history_manager_attribute)
        self._valid_id(history_model.model._meta.pk, version_id)
        if request.method not in ("GET", "HEAD") and not self.has_change_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class LookupAdmin(HistoryAdmin):
    """A lookup table staff edit: name, English name, code and position in lists."""

    list_display = ["name", "name_en", "code", "position", "usage_count"]
    list_editable = ["position"]
    search_fields = ["name", "name_en", "code"]
    prepopulated_fields = {"code": ["name"]}
    # The reverse relation whose rows the list counts, e.g. "procurements".
    usage_relation = "procurements"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).annotate(usage_count=Count(self.usage_relation))

    @admin.display(description=_("in use"), ordering="usage_count")
    def usage_count(self, obj: Any) -> int:
        return obj.usage_count


# Django stores a permission's name in English when it is created ("Can add county"), and
# django-simple-history names its shadow models "historical …" without a translation, so the
# permission lists of the user and group pages were English in the bokmål admin.
_ACTIONS = {
    "add": _("Can add %(name)s"),
    "change": _("Can change %(name)s"),
    "delete": _("Can delete %(name)s"),
    "view": _("Can view %(name)s"),
}


def permission_label(permission: Any) -> str:
    """A permission as the admin lists it ("app | model | action"), in the active language."""
    from django.utils.translation import gettext

    content_type = permission.content_type
    model = content_type.model_class()
    if model is None:
        return str(permission)
    original = getattr(model, "instance_type", None)  # a simple-history shadow model
    opts = (original or model)._meta
    name = str(opts.verbose_name)
    if original is not None:
        name = str(_("%(name)s (history)") % {"name": name})
    action, _sep, model_name = permission.codename.partition("_")
    if action in _ACTIONS and model_name == content_type.model:
        text = str(_ACTIONS[action] % {"name": name})
    else:
        text = gettext(permission.name)
    return f"{opts.app_config.verbose_name} | {name} | {text}"


UNGRANTED_APPS = ("axes", "rest_framework_api_key")


class TranslatedPermissionsMixin:
    """For the user and group admins: the permissions listed in the active language."""

    def formfield_for_manytomany(self, db_field: Any, request: Any = None, **kwargs: Any) -> Any:
        field = super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]
        if db_field.name in ("permissions", "user_permissions") and field is not None:
            field.label_from_instance = permission_label
            # The libraries' bookkeeping (login attempts, the unused key model) is no one's to
            # grant: superusers manage it.
            field.queryset = field.queryset.exclude(
                content_type__app_label__in=UNGRANTED_APPS
            ).select_related("content_type")
        return field


@admin.register(LogEntry)
class LogEntryAdmin(admin.ModelAdmin):
    """Every change made in admin or through the API (lup.core.api.base.log_change), for
    superusers only, read-only: the audit trail beside each record's own history."""

    list_display = ["action_time", "user", "content_type", "object_repr", "action", "message"]
    # Only the record types with entries: the full list named the libraries' own models
    # (django-axes, the API-key library) in English.
    list_filter = ["action_flag", ("content_type", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["object_repr", "user__username"]
    list_select_related = ["user", "content_type"]
    date_hierarchy = "action_time"

    @admin.display(description=_("action"), ordering="action_flag")
    def action(self, entry: LogEntry) -> str:
        names = {ADDITION: _("added"), CHANGE: _("changed"), DELETION: _("deleted")}
        return str(names.get(entry.action_flag, ""))

    @admin.display(description=_("change message"))
    def message(self, entry: LogEntry) -> str:
        return str(entry.get_change_message())

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
