"""The admin side of the transfer: an import page (upload, preview, confirm, error report) over
the same importer as import_portfolio, and an export action on every admin list."""

import secrets
import tempfile
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lup.core.spreadsheets import safe_cell

from . import export
from .columns import KINDS, kind_by_headers, kind_named
from .files import FileError, Sheet, Table, read_upload, write_xlsx
from .importer import Report, import_tables
from .report import error_report_csv, problem_headers, summary_lines

UPLOADS = Path(tempfile.gettempdir()) / "lup-transfer"
SESSION_KEY = "transfer_uploads"
MAX_UPLOAD = 20 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Workbook or CSV file"),
        help_text=gettext_lazy("An XLSX workbook or a CSV file in the import format."),
    )
    create_bodies = forms.BooleanField(
        label=gettext_lazy("Create unknown public bodies"),
        required=False,
        help_text=gettext_lazy(
            "Bodies that rows name but that are neither in the file's sheet of bodies nor in "
            "the database are created from the row's name, organisation number and type."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        if Path(upload.name).suffix.lower() not in (".xlsx", ".xlsm", ".csv", ".txt"):
            raise forms.ValidationError(_("Give an XLSX workbook or a CSV file."))
        return upload


def _models_in(tables: list[Table]) -> set[type[models.Model]]:
    found = set()
    for table in tables:
        kind = kind_named(table.name) or kind_by_headers(table.headers)
        if kind is not None:
            found.add(kind.model)
    return found


def _check_permissions(request: HttpRequest, tables: list[Table]) -> None:
    """Importing a kind of record needs the permissions to add and to change it."""
    for model in _models_in(tables):
        opts = model._meta
        for action in ("add", "change"):
            if not request.user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}"):
                raise PermissionDenied


def _stored(request: HttpRequest, token: str) -> tuple[bytes, str]:
    uploads = request.session.get(SESSION_KEY, {})
    if token not in uploads or not token.isalnum():
        raise PermissionDenied
    name = uploads[token][0]
    path = UPLOADS / token
    if not path.exists():
        raise PermissionDenied
    return path.read_bytes(), name


def _run(request: HttpRequest, token: str, dry_run: bool) -> tuple[Report, str]:
    data, name = _stored(request, token)
    create_bodies = request.session[SESSION_KEY][token][1]
    tables = read_upload(data, name)
    _check_permissions(request, tables)
    language = "en" if (request.LANGUAGE_CODE or "nb").startswith("en") else "nb"
    report = import_tables(
        tables,
        dry_run=dry_run,
        create_bodies=create_bodies,
        user=request.user,
        reason=f"Import: {name}",
        language=language,
    )
    return report, name


def import_view(request: HttpRequest) -> HttpResponse:
    """Upload (GET, POST), preview (a dry run of the upload), confirm (POST with the token)."""
    context: dict[str, Any] = {
        **admin.site.each_context(request),
        "title": _("Import from a spreadsheet"),
        "kinds": [kind.sheet_name(True) for kind in KINDS],
    }
    token = request.POST.get("token") or request.GET.get("token")
    if request.method == "POST" and token and "confirm" in request.POST:
        report, name = _run(request, token, dry_run=False)
        if report.written:
            request.session[SESSION_KEY].pop(token, None)
            request.session.modified = True
            (UPLOADS / token).unlink(missing_ok=True)
            messages.success(request, " ".join(summary_lines(report)))
            return redirect("transfer:import")
        context.update(report=report, token=token, name=name, summary=summary_lines(report))
        context["form"] = UploadForm()
        return TemplateResponse(request, "transfer/import.html", context)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            tables = read_upload(data, upload.name)
        except FileError as exc:
            form.add_error("file", str(exc))
        else:
            _check_permissions(request, tables)
            token = secrets.token_hex(16)
            UPLOADS.mkdir(parents=True, exist_ok=True)
            (UPLOADS / token).write_bytes(data)
            uploads = request.session.get(SESSION_KEY, {})
            uploads[token] = (upload.name, form.cleaned_data["create_bodies"])
            request.session[SESSION_KEY] = uploads
            return redirect(f"{request.path}?token={token}")
    if request.method == "GET" and token:
        report, name = _run(request, token, dry_run=True)
        context.update(report=report, token=token, name=name, summary=summary_lines(report))
    context["form"] = form
    context["headers"] = problem_headers()
    return TemplateResponse(request, "transfer/import.html", context)


def error_report_view(request: HttpRequest) -> HttpResponse:
    """The preview's problems as a CSV file (sheet, row, column, value, reason)."""
    report, name = _run(request, request.GET.get("token", ""), dry_run=True)
    response = HttpResponse(error_report_csv(report), content_type="text/csv; charset=utf-8")
    stem = Path(name).stem
    response["Content-Disposition"] = f'attachment; filename="{stem}-feil.csv"'
    return response


def _generic_sheet(model: type[models.Model], queryset: Any) -> Sheet:
    """Any model's rows with its concrete fields (the lookup tables, code lists, users...)."""
    fields = [f for f in model._meta.concrete_fields if f.name != "password"]
    headers = [str(f.verbose_name) for f in fields]
    rows = [[safe_cell(getattr(obj, f.attname)) for f in fields] for obj in queryset.order_by("pk")]
    return Sheet(str(model._meta.verbose_name_plural)[:31], headers, rows, [])


@admin.action(description=gettext_lazy("Export the selected rows to a spreadsheet (XLSX)"))
def export_selected(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: Any
) -> HttpResponse:
    """The selected rows as XLSX; for the kinds of records of the import format, in that
    format (so the file can be edited and imported again)."""
    model = queryset.model
    kind = next((k for k in KINDS if k.model is model), None)
    if kind is not None:
        rows = export.records(kind)
        if hasattr(rows, "filter"):
            rows = rows.filter(pk__in=queryset.values("pk"))
        else:
            wanted = set(queryset.values_list("pk", flat=True))
            rows = [row for row in rows if row.pk in wanted]
        sheet = export.sheet(kind, rows=rows)
    else:
        sheet = _generic_sheet(model, queryset)
    response = HttpResponse(
        write_xlsx([sheet]),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="{model._meta.model_name}-{stamp}.xlsx"'
    )
    return response


# On every admin list (a site-wide action).
admin.site.add_action(export_selected, "export_selected")


def export_all_view(request: HttpRequest) -> HttpResponse:
    """The whole portfolio as one workbook in the import format (as export_portfolio)."""
    for kind in KINDS:
        opts = kind.model._meta
        if not request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            raise PermissionDenied
    response = HttpResponse(
        export.export_workbook(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="portefolje-{stamp}.xlsx"'
    return response
