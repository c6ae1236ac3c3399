"""Dashboard pages. Thin: figures come from lup.reporting, record lists from the selectors,
record pages from details.py."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import RedirectView, TemplateView

from lup.core.dates import is_year
from lup.publishing import selectors as publishing
from lup.publishing.models import PUBLISH_PERMISSION, FigurePublication
from lup.publishing.services import publish
from lup.reporting import exports, figures, registry
from lup.reporting.summary import Summary, wants_fresh

from . import details, pdf, svgcharts
from .cards import build_sections, coverage_in_words
from .changes import diff_rows
from .charts import chart_data, chart_tables
from .periods import YearPeriod, offered_years
from .records import RECORD_LISTS, api_root, narrowed, sums
from .roles import DASHBOARD_PERMISSION

PAGE_SIZE = 50


class DashboardAccessMixin(PermissionRequiredMixin):
    """Anonymous users go to the login page; logged-in users without the permission get 403."""

    permission_required = DASHBOARD_PERMISSION


def no_year_page(request, year: int, first: int | None, today: datetime.date) -> HttpResponse:
    """A clear page for a year with no figures (before the first year with data, or after the
    current year), instead of a page of zeros. 404: there is nothing at this address."""
    years = offered_years(first, today)
    return render(
        request,
        "dashboard/no_year.html",
        {
            "year": None,
            "asked": year,
            "first": years[0],
            "last": years[-1],
            "in_future": year > today.year,
            "latest_url": reverse("dashboard:year", kwargs={"year": years[-1]}),
        },
        status=404,
    )


class YearPageMixin(DashboardAccessMixin):
    """Every per-year page: the year's period (a whole year, or the year so far), the years
    offered, and the clear page for a year outside them."""

    url_name = "dashboard:year"

    def check_year(self) -> HttpResponse | None:
        """Set the page's period; the clear page instead for a year that is not offered."""
        self.today = timezone.localdate()
        # One summary per request: the data version is read once, every figure cached.
        self.summary = Summary(fresh=wants_fresh(self.request))
        self.first = self.summary.first_year_with_data()
        year = self.kwargs["year"]
        if year not in offered_years(self.first, self.today):
            return no_year_page(self.request, year, self.first, self.today)
        self.period = YearPeriod.of(year, self.today)
        return None

    def get(self, request, *args, **kwargs):
        return self.check_year() or super().get(request, *args, **kwargs)

    def year_url(self, year: int) -> str:
        return reverse(self.url_name, kwargs={**self.kwargs, "year": year})

    def year_choices(self) -> list[dict]:
        return [
            {
                "year": str(choice),
                "label": YearPeriod.of(choice, self.today).choice_label,
                "url": self.year_url(choice),
                "selected": choice == self.period.year,
            }
            for choice in reversed(offered_years(self.first, self.today))
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            year=self.period.year,
            previous_year=self.period.year - 1,
            period=self.period,
            years=self.year_choices(),
        )
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
        period = self.period
        year = period.year
        summary = self.summary
        # The whole years up to this one for the trends; a year in progress is not whole, so
        # the series stops the year before it and the year so far is counted apart.
        last = year - 1 if period.partial else year
        series = summary.annual_series(first=self.first, last=last) if self.first else []
        by_year = {row["year"]: row for row in series}
        if period.partial:
            # A year in progress against the same part of the year before (1.1. to today).
            current, previous = summary.year_and_year_before(year, until=period.until)
            series.append(current)
        else:
            # The series holds most years; only years outside it are counted apart.
            apart = summary.years(y for y in (year, year - 1) if y not in by_year)
            current = by_year.get(year) or apart[year]
            previous = by_year.get(year - 1) or apart[year - 1]
        data = chart_data(
            year,
            current,
            summary.outreach_by_month(year),
            summary.municipal_coverage_by_county(year),
            series,
            partial=period.partial,
        )
        # A year in progress is never published; a whole year's latest publication is shown
        # beside the live figures.
        publication = None if period.partial else publishing.latest(year)
        context.update(
            figures=current,
            sections=build_sections(
                year, current, previous, publication.figures if publication else None
            ),
            charts=data,
            tables=chart_tables(data),
            publication=publication,
            published_unchanged=publication is not None and publication.figures == current,
            can_publish=can_publish(self.request.user, period, self.today),
        )
        return context


def can_publish(user, period: YearPeriod, today: datetime.date) -> bool:
    """A whole year that is over, and a user with the permission to publish it."""
    return not period.partial and period.year < today.year and user.has_perm(PUBLISH_PERMISSION)


def requested_version(request) -> int | None:
    """?version=N (a whole number), or None."""
    value = request.GET.get("version", "")
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 5 else None


def requested_publication(request, year: int) -> FigurePublication | None:
    """The publication a page is asked to show: ?version=N, or ?published=1 for the latest;
    None when neither is asked. Http404 when the year (or that version) is not published."""
    version = requested_version(request)
    if version is None and request.GET.get("published") != "1":
        return None
    publication = publishing.version_of(year, version)
    if publication is None:
        raise Http404("Not published")
    return publication


def report_context(summary: Summary, period: YearPeriod, publication) -> dict:
    """What the annual report shows: the live figures of the period, or a publication's (its
    figures, breakdowns and year before as they were when it was published)."""
    year = period.year
    if publication is not None:
        current = publication.figures
        previous = publication.breakdowns["previous_year"]
        by_month = publication.breakdowns["outreach_by_month"]
        by_county = publication.breakdowns["municipal_coverage_by_county"]
    else:
        current, previous = summary.year_and_year_before(year, until=period.until)
        by_month = summary.outreach_by_month(year)
        by_county = summary.municipal_coverage_by_county(year)
    data = chart_data(year, current, by_month, by_county, [])
    return {
        "figures": current,
        "previous": previous,
        "sections": build_sections(year, current, previous),
        "coverage_words": coverage_in_words(current["municipal_coverage"]["share"]),
        "tables": chart_tables(data),
        "svg": svgcharts.report_charts(data),
        "publication": publication,
    }


class ReportView(YearPageMixin, TemplateView):
    """The printable annual-report page (print stylesheet in dashboard.css): the live figures,
    or a published version's (?version=N, ?published=1 for the latest)."""

    template_name = "dashboard/report.html"
    url_name = "dashboard:report"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        publication = requested_publication(self.request, self.period.year)
        context.update(report_context(self.summary, self.period, publication))
        context.update(
            today=self.today,
            versions=publishing.versions(self.period.year) if not self.period.partial else [],
            pdf_query=f"?version={publication.version}" if publication else "",
        )
        return context


class ReportPdfView(YearPageMixin, View):
    """The annual report as a PDF (A4, WeasyPrint, the charts as SVG): live or a version."""

    url_name = "dashboard:report-pdf"

    def get(self, request, *args, **kwargs):
        refused = self.check_year()
        if refused is not None:
            return refused
        publication = requested_publication(request, self.period.year)
        context = {
            "year": self.period.year,
            "period": self.period,
            "today": self.today,
            **report_context(self.summary, self.period, publication),
        }
        document = pdf.report_pdf(request, context)
        response = HttpResponse(document, content_type="application/pdf")
        suffix = f"-v{publication.version}" if publication else ""
        response["Content-Disposition"] = (
            f'attachment; filename="lup-arsrapport-{self.period.year}{suffix}.pdf"'
        )
        return response


class PublishForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Optional, e.g. “Årsrapport 2023”."),
    )
    correction_reason = forms.CharField(
        label=gettext_lazy("Reason for the correction"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, correction: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.correction = correction
        if correction:
            self.fields["correction_reason"].required = True
            self.fields["correction_reason"].help_text = gettext_lazy(
                "The year is already published: this is a corrected version, and needs a reason."
            )
        else:
            del self.fields["correction_reason"]


class PublishView(YearPageMixin, TemplateView):
    """ "Publish the figures for 2023": the figures as they would be published, and a POST
    (with its CSRF token) that publishes them as a new version."""

    template_name = "dashboard/publish.html"
    url_name = "dashboard:publish"
    permission_required = (DASHBOARD_PERMISSION, PUBLISH_PERMISSION)

    def check_year(self) -> HttpResponse | None:
        refused = super().check_year()
        if refused is not None:
            return refused
        if not can_publish(self.request.user, self.period, self.today):
            raise Http404("This year cannot be published yet")
        self.latest = publishing.latest(self.period.year)
        return None

    def post(self, request, *args, **kwargs):
        refused = self.check_year()
        if refused is not None:
            return refused
        form = PublishForm(request.POST, correction=self.latest is not None)
        if form.is_valid():
            try:
                publication = publish(
                    self.period.year,
                    request.user,
                    note=form.cleaned_data["note"],
                    correction_reason=form.cleaned_data.get("correction_reason", ""),
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(
                    request,
                    _("The figures for %(year)s are published (version %(version)s).")
                    % {"year": publication.year, "version": publication.version},
                )
                return redirect("dashboard:year", year=publication.year)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        current = self.summary.annual_figures(self.period.year)
        context.update(
            form=kwargs.get("form") or PublishForm(correction=self.latest is not None),
            latest=self.latest,
            rows=registry.rows(current),
            figures=current,
        )
        return context


class PublishedChangesView(YearPageMixin, TemplateView):
    """ "What has changed since publication?": per figure, the records that count now and did
    not, and those that counted and now do not, each with its history since then; the
    versions of the year's publication."""

    template_name = "dashboard/published.html"
    url_name = "dashboard:published"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = self.period.year
        version = requested_version(self.request)
        publication = publishing.version_of(year, version)
        if publication is None:
            raise Http404("Not published")
        diff = publishing.diff(publication, self.summary)
        context.update(
            publication=publication,
            versions=publishing.versions(year),
            diff=diff,
            rows=diff_rows(diff, year),
        )
        return context


class RecordsView(YearPageMixin, TemplateView):
    """The records behind one figure, paginated, each linking to its record page."""

    template_name = "dashboard/records.html"
    url_name = "dashboard:records"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = context["year"]
        record_list = RECORD_LISTS.get(self.kwargs["figure"])
        if record_list is None:
            raise Http404("Unknown figure")
        publication = requested_publication(self.request, year)
        base = None
        missing = 0
        if publication is not None:
            # The records the published figure counted: exactly its stored ids (those since
            # deleted are counted apart).
            ids = publication.ids_of(record_list.figure.key)
            base = record_list.queryset(self.period.span).model._default_manager.filter(pk__in=ids)
            missing = len(ids) - base.count()
        queryset, active, api_params = narrowed(
            record_list, self.period.span, self.request.GET, base=base
        )
        if record_list.related:
            queryset = queryset.select_related(*record_list.related)
        page = Paginator(queryset, PAGE_SIZE).get_page(self.request.GET.get("page"))
        rows = [
            {
                "url": details.record_url(queryset.model, record.pk, year),
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
            count_text=record_list.describe_count(page.paginator.count, self.period.count_label),
            page=page,
            rows=rows,
            sums=sums(record_list, queryset),
            active=active,
            narrowings=_narrowing_links(
                record_list,
                year,
                {**active, **({"version": publication.version} if publication else {})},
            ),
            page_query=urlencode(
                {**active, **({"version": publication.version} if publication else {})}
            ),
            api_url=api_root() + record_list.api_path + "?" + urlencode(api_params),
            publication=publication,
            missing=missing,
        )
        if publication is not None:
            context["count_text"] = record_list.describe_count(
                page.paginator.count + missing, self.period.count_label
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


class ExportView(YearPageMixin, View):
    """The year's figures as CSV or XLSX (lup.reporting.exports), in the active language."""

    url_name = "dashboard:export-xlsx"

    def get(self, request, *args, **kwargs):
        refused = self.check_year()
        if refused is not None:
            return refused
        data = exports.export_data(self.period.year, until=self.period.until, source=self.summary)
        fmt = self.kwargs["fmt"]
        if fmt == "csv":
            response = HttpResponse(exports.to_csv(data), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(
                exports.to_xlsx(data),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="{exports.filename(data, fmt)}"'
        return response


class RecordPageView(DashboardAccessMixin, TemplateView):
    """A record's own page (details.py): read-only, with its history; staff also get a link
    to edit it in admin."""

    page = None  # a details.*_page function

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(type(self).page(self.kwargs["pk"]))
        record = context["record"]
        requested = self.request.GET.get("year", "")
        context.update(
            # The year the reader came from, for the breadcrumb and the header's links.
            year=int(requested) if is_year(requested) else None,
            admin_url=details.admin_url(record) if self.request.user.is_staff else None,
            verbose_name=record._meta.verbose_name,
        )
        return context


class ProcurementView(RecordPageView):
    template_name = "dashboard/procurement.html"
    page = details.procurement_page


class BodyView(RecordPageView):
    template_name = "dashboard/body.html"
    page = details.body_page


class PartnershipView(RecordPageView):
    template_name = "dashboard/partnership.html"
    page = details.partnership_page


class ActivityView(RecordPageView):
    template_name = "dashboard/activity.html"
    page = details.activity_page


class SolutionView(RecordPageView):
    template_name = "dashboard/solution.html"
    page = details.solution_page


class SearchView(DashboardAccessMixin, TemplateView):
    """Search across records by title, name or organisation number (the header's search box)."""

    template_name = "dashboard/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:100]
        results = details.search(query)
        context.update(
            query=query,
            too_short=bool(query) and not results,
            results=results,
            found=sum(len(group["rows"]) for group in results),
            min_length=details.MIN_SEARCH_LENGTH,
        )
        return context
