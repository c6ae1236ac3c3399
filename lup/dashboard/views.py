"""Dashboard pages. Thin: figures come from lup.figures, record lists from the selectors."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views import View
from django.views.generic import RedirectView, TemplateView

from lup.core.dates import is_year
from lup.reporting import exports, figures
from lup.reporting.summary import Summary, wants_fresh

from .cards import build_sections, coverage_in_words
from .charts import chart_data, chart_tables
from .records import RECORD_LISTS, admin_change_url, api_root, narrowed, sums
from .roles import DASHBOARD_PERMISSION

PAGE_SIZE = 50


def checked_year(year: int) -> int:
    """The year of a dashboard URL, or 404 outside the years the API accepts too."""
    if not is_year(year):
        raise Http404("Year out of range")
    return year


class DashboardAccessMixin(PermissionRequiredMixin):
    """Anonymous users go to the login page; logged-in users without the permission get 403."""

    permission_required = DASHBOARD_PERMISSION


class YearPageMixin(DashboardAccessMixin):
    """Context every per-year page shares: the year, its neighbours and the year selector."""

    url_name = "dashboard:year"

    def year_url(self, year: int) -> str:
        return reverse(self.url_name, kwargs={**self.kwargs, "year": year})

    def year_choices(self, year: int, first: int | None) -> list[dict]:
        today = timezone.localdate().year
        years = set(range(first, today + 1)) if first is not None else {today}
        years.add(year)
        return [
            {"year": str(choice), "url": self.year_url(choice), "selected": choice == year}
            for choice in sorted(years, reverse=True)
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = checked_year(self.kwargs["year"])
        context.update(year=year, previous_year=year - 1)
        return context


class LatestYearView(DashboardAccessMixin, RedirectView):
    """/dashboard/: the latest year with data (or ?year=, the year selector without JavaScript)."""

    def get_redirect_url(self, *args, **kwargs):
        requested = self.request.GET.get("year", "")
        if is_year(requested):
            year = int(requested)
        else:
            year = figures.latest_year_with_data() or timezone.localdate().year
        return reverse("dashboard:year", kwargs={"year": year})


class YearView(YearPageMixin, TemplateView):
    template_name = "dashboard/year.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = context["year"]
        summary = Summary(fresh=wants_fresh(self.request))
        series = summary.annual_series()
        by_year = {row["year"]: row for row in series}
        # The series already holds most years; only years outside it are computed apart.
        apart = summary.years(y for y in (year, year - 1) if y not in by_year)
        current = by_year.get(year) or apart[year]
        previous = by_year.get(year - 1) or apart[year - 1]
        data = chart_data(
            year,
            current,
            summary.outreach_by_month(year),
            summary.municipal_coverage_by_county(year),
            [row for row in series if row["year"] <= year],
        )
        context.update(
            figures=current,
            sections=build_sections(year, current, previous),
            charts=data,
            tables=chart_tables(data),
            years=self.year_choices(year, series[0]["year"] if series else None),
        )
        return context


class ReportView(YearPageMixin, TemplateView):
    """The printable annual-report page (print stylesheet in dashboard.css)."""

    template_name = "dashboard/report.html"
    url_name = "dashboard:report"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = context["year"]
        summary = Summary(fresh=wants_fresh(self.request))
        both = summary.years([year, year - 1])
        current, previous = both[year], both[year - 1]
        data = chart_data(
            year,
            current,
            summary.outreach_by_month(year),
            summary.municipal_coverage_by_county(year),
            [],
        )
        context.update(
            figures=current,
            previous=previous,
            sections=build_sections(year, current, previous),
            coverage_words=coverage_in_words(current["municipal_coverage"]["share"]),
            tables=chart_tables(data),
            years=self.year_choices(year, summary.first_year_with_data()),
            today=timezone.localdate(),
        )
        return context


class RecordsView(YearPageMixin, TemplateView):
    """The records behind one figure, paginated, with links to admin and the API filter."""

    template_name = "dashboard/records.html"
    url_name = "dashboard:records"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = context["year"]
        record_list = RECORD_LISTS.get(self.kwargs["figure"])
        if record_list is None:
            raise Http404("Unknown figure")
        queryset, active, api_params = narrowed(record_list, year, self.request.GET)
        if record_list.related:
            queryset = queryset.select_related(*record_list.related)
        page = Paginator(queryset, PAGE_SIZE).get_page(self.request.GET.get("page"))
        admin_url_name = record_list.admin_url_name(queryset)
        rows = [
            {
                "admin_url": admin_change_url(admin_url_name, record.pk),
                "cells": [
                    {"value": _resolve(record, column.attr), "kind": column.kind}
                    for column in record_list.columns
                ],
            }
            for record in page.object_list
        ]
        context.update(
            record_list=record_list,
            count=page.paginator.count,
            count_text=record_list.describe_count(page.paginator.count, year),
            page=page,
            rows=rows,
            sums=sums(record_list, queryset),
            active=active,
            narrowings=_narrowing_links(record_list, year, active),
            page_query=urlencode(active),
            api_url=api_root() + record_list.api_path + "?" + urlencode(api_params),
            years=self.year_choices(year, figures.first_year_with_data()),
        )
        return context


def _resolve(record, attr: str):
    value = record
    for part in attr.split("."):
        if value is None:
            return None
        value = getattr(value, part)
    return value() if callable(value) else value


def _narrowing_links(record_list, year: int, active: dict) -> list[dict]:
    """For each dimension: chips for its fixed choices (body type) or the active value's name,
    each with the URL that keeps the other active narrowings."""
    base = reverse("dashboard:records", kwargs={"year": year, "figure": record_list.slug})

    def url(**params) -> str:
        query = urlencode({k: v for k, v in params.items() if v})
        return base + ("?" + query if query else "")

    groups = []
    for narrowing in record_list.narrowings:
        others = {k: v for k, v in active.items() if k != narrowing.param}
        selected = active.get(narrowing.param)
        if narrowing.choices is not None:
            options = [
                {
                    "label": label,
                    "url": url(**others, **{narrowing.param: value}),
                    "selected": value == selected,
                }
                for value, label in narrowing.choices()
            ]
        elif selected:
            options = [
                {"label": narrowing.value_label(year, selected), "url": None, "selected": True}
            ]
        else:
            continue
        groups.append(
            {
                "label": narrowing.label,
                "options": options,
                "all_url": url(**others),
                "all_selected": selected is None,
            }
        )
    return groups


class ExportView(DashboardAccessMixin, View):
    """The year's figures as CSV or XLSX (exports.py), with the previous year beside them."""

    def get(self, request, year: int, fmt: str):
        year = checked_year(year)
        both = Summary(fresh=wants_fresh(request)).years([year, year - 1])
        current, previous = both[year], both[year - 1]
        if fmt == "csv":
            response = HttpResponse(
                exports.to_csv(year, current, previous), content_type="text/csv; charset=utf-8"
            )
        else:
            response = HttpResponse(
                exports.to_xlsx(year, current, previous),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="{exports.filename(year, fmt)}"'
        return response
