"""The import's report as text (command line) and as a CSV error report (admin download)."""

from django.utils.translation import gettext as _

from . import values as v
from .files import Sheet, write_csv
from .importer import Report


def summary_lines(report: Report) -> list[str]:
    """One line per sheet (created, changed, unchanged), then the verdict."""
    lines = []
    for sheet, counts in report.counts.items() if report.ok else ():
        lines.append(
            _("%(sheet)s: %(created)d created, %(changed)d changed, %(unchanged)d unchanged")
            % {
                "sheet": sheet,
                "created": counts.created,
                "changed": counts.changed,
                "unchanged": counts.unchanged,
            }
        )
    if report.problems:
        lines.append(
            _("Nothing was imported: %(count)d problems. Fix them and import the file again.")
            % {"count": len(report.problems)}
        )
    elif report.changes == 0:
        lines.append(_("No changes: the database already holds everything in the file."))
    elif report.dry_run:
        lines.append(_("Dry run: nothing was written."))
    else:
        lines.append(_("Imported."))
    return lines


def problem_headers() -> list[str]:
    return [_("sheet"), _("row"), _("column"), _("value"), _("reason")]


def error_report_csv(report: Report, norwegian: bool = True) -> bytes:
    """The problems as a CSV file, one line each: sheet, row, column, value, reason."""
    rows = [
        [
            v.safe_cell(problem.sheet),
            str(problem.row or ""),
            v.safe_cell(problem.column),
            v.safe_cell(problem.value),
            v.safe_cell(problem.reason),
        ]
        for problem in report.problems
    ]
    return write_csv(Sheet("", problem_headers(), rows, rows), norwegian)
