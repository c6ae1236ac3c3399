"""The annual report as a PDF: the report's template for A4 (report_pdf.html, with its own
stylesheet), its charts as SVG made on the server (svgcharts.py), drawn by WeasyPrint. Nothing
is fetched: the stylesheet is read from the static files and put in the page."""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.template.loader import render_to_string

STYLESHEET = "dashboard/report-pdf.css"


def report_pdf(request: HttpRequest, context: dict) -> bytes:
    from weasyprint import HTML  # imported here: pango loads with it

    found = finders.find(STYLESHEET)
    css = Path(found).read_text(encoding="utf-8") if found else ""
    html = render_to_string("dashboard/report_pdf.html", {**context, "css": css}, request=request)
    return HTML(string=html, base_url=str(Path(found).parent) if found else None).write_pdf()
