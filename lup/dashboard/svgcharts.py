"""The report's charts as SVG made on the server: for the printable page and its PDF
(WeasyPrint draws SVG; no browser, no JavaScript). Simple bar and line charts from the numbers
of charts.chart_data; every text is escaped."""

from collections.abc import Sequence

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 480
FONT = 'font-family="DejaVu Sans, Arial, sans-serif" font-size="12"'
COLOURS = ("#1f5f8b", "#e39b2d", "#4b9a6a")
INK = "#1d2733"
GRID = "#d5dbe2"


def _num(value: float, decimals: int | None = None) -> str:
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def _svg(height: int, title: str, body: list[str]) -> SafeString:
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="svg-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>' + "".join(body) + "</svg>"
    )


def _scale_max(values: Sequence[float]) -> float:
    top = max([*values, 0])
    return top if top > 0 else 1


def bar_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    unit: str = "",
    decimals: int | None = None,
) -> SafeString:
    """Horizontal bars: one row per label, one bar per series in it, the value at its end."""
    label_width, bar_height, gap = 150, 15, 8
    row_height = bar_height * len(series) + gap
    legend = 22 if len(series) > 1 else 0
    height = legend + row_height * len(labels) + 10
    top = _scale_max([v for _name, values in series for v in values])
    plot = WIDTH - label_width - 64
    body: list[str] = []
    if legend:
        x = 8
        for index, (name, _values) in enumerate(series):
            body.append(
                f'<rect x="{x}" y="4" width="12" height="12" fill="{COLOURS[index % 3]}"/>'
                f'<text x="{x + 16}" y="14" {FONT} fill="{INK}">{escape(name)}</text>'
            )
            x += 28 + 7 * len(name)
    for row, label in enumerate(labels):
        y0 = legend + row * row_height
        body.append(
            f'<text x="{label_width - 8}" y="{y0 + row_height / 2 + 1}" text-anchor="end" '
            f'dominant-baseline="middle" {FONT} fill="{INK}">{escape(label)}</text>'
        )
        for index, (_name, values) in enumerate(series):
            value = values[row]
            y = y0 + index * bar_height
            width = round(plot * value / top, 1)
            body.append(
                f'<rect x="{label_width}" y="{y}" width="{width}" height="{bar_height - 2}" '
                f'fill="{COLOURS[index % 3]}"><title>{escape(label)}: {_num(value, decimals)}'
                f"{escape(unit)}</title></rect>"
                f'<text x="{label_width + width + 4}" y="{y + bar_height / 2}" '
                f'dominant-baseline="middle" {FONT} fill="{INK}">{_num(value, decimals)}'
                f"{escape(unit)}</text>"
            )
    body.append(
        f'<line x1="{label_width}" y1="{legend}" x2="{label_width}" y2="{height - 10}" '
        f'stroke="{GRID}"/>'
    )
    return _svg(height, title, body)


def month_chart(
    title: str,
    months: Sequence[str],
    bars: tuple[str, Sequence[float]],
    line: tuple[str, Sequence[float]],
) -> SafeString:
    """Vertical bars per month with a line on its own scale (activities and participants)."""
    height, left, right, top_pad, bottom = 240, 8, 40, 30, 24
    plot_w, plot_h = WIDTH - left - right, height - top_pad - bottom
    step = plot_w / max(len(months), 1)
    bar_top, line_top = _scale_max(bars[1]), _scale_max(line[1])
    body = [
        f'<rect x="{left}" y="6" width="12" height="12" fill="{COLOURS[0]}"/>'
        f'<text x="{left + 16}" y="16" {FONT} fill="{INK}">{escape(bars[0])}</text>'
        f'<line x1="{left + 190}" y1="12" x2="{left + 210}" y2="12" stroke="{COLOURS[1]}" '
        f'stroke-width="2"/><text x="{left + 214}" y="16" {FONT} fill="{INK}">'
        f"{escape(line[0])}</text>",
        f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{left + plot_w}" y2="{top_pad + plot_h}" '
        f'stroke="{GRID}"/>',
    ]
    points = []
    for index, month in enumerate(months):
        value = bars[1][index]
        h = round(plot_h * value / bar_top, 1)
        x = left + index * step
        body.append(
            f'<rect x="{x + step * 0.15:.1f}" y="{top_pad + plot_h - h}" width="{step * 0.7:.1f}" '
            f'height="{h}" fill="{COLOURS[0]}"><title>{escape(month)}: {_num(value)}</title></rect>'
            f'<text x="{x + step / 2:.1f}" y="{top_pad + plot_h - h - 3}" text-anchor="middle" '
            f'{FONT} fill="{INK}">{_num(value)}</text>'
            f'<text x="{x + step / 2:.1f}" y="{height - 8}" text-anchor="middle" {FONT} '
            f'fill="{INK}">{escape(month)}</text>'
        )
        y = top_pad + plot_h - plot_h * line[1][index] / line_top
        points.append(f"{x + step / 2:.1f},{y:.1f}")
    body.append(
        f'<polyline points="{" ".join(points)}" fill="none" stroke="{COLOURS[1]}" '
        f'stroke-width="2"/>'
    )
    body.append(
        f'<text x="{WIDTH - 4}" y="{top_pad}" text-anchor="end" {FONT} fill="{COLOURS[1]}">'
        f"{_num(line_top)}</text>"
    )
    return _svg(height, title, body)


def report_charts(data: dict) -> dict[str, SafeString]:
    """The report's four charts from charts.chart_data(): sectors, body types, outreach by
    month, municipal coverage by county."""
    sector, bodies, outreach, coverage = (
        data["sector"],
        data["bodies"],
        data["outreach"],
        data["coverage"],
    )
    return {
        "sector": bar_chart(sector["name"], sector["labels"], [(sector["name"], sector["values"])]),
        "bodies": bar_chart(
            bodies["started_name"],
            bodies["labels"],
            [
                (bodies["started_name"], bodies["started"]),
                (bodies["active_name"], bodies["active"]),
            ],
        ),
        "outreach": month_chart(
            outreach["activities_name"],
            outreach["labels"],
            (outreach["activities_name"], outreach["activities"]),
            (outreach["participants_name"], outreach["participants"]),
        ),
        "coverage": bar_chart(
            coverage["name"],
            coverage["labels"],
            [(coverage["name"], coverage["percent"])],
            unit=" %",
            decimals=1,
        ),
    }
