"""Small SVG bar charts drawn by the server (no JavaScript, no chart library, nothing fetched).

A value that is not a number (the public edition's `<5` or `*`) gets no bar, only its text.
"""

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from reports.layout import Ref, Table

COLOURS = ("#1f5fa8", "#e08a1e", "#8a8f98")  # minor, adult, unknown (stacked series)
ROW = 22
LABEL_WIDTH = 210
BAR_WIDTH = 300
VALUE_WIDTH = 50


def _svg(height: int, title: str, body: list[str]) -> SafeString:
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    return mark_safe(  # noqa: S308 -- every text below is escaped
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _number(value) -> int | None:
    return value if isinstance(value, int) else None


def bar_chart(items: list[tuple[str, int | str]], *, title: str) -> SafeString:
    """One horizontal bar per (label, value)."""
    largest = max([_number(v) or 0 for _, v in items] + [1])
    body = []
    for i, (label, value) in enumerate(items):
        y = i * ROW
        body.append(
            format_html('<text x="{}" y="{}" text-anchor="end">{}</text>', LABEL_WIDTH - 6, y + 15, label)
        )
        length = round(BAR_WIDTH * (_number(value) or 0) / largest)
        if length:
            body.append(
                f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{length}" '
                f'height="{ROW - 8}" fill="{COLOURS[0]}"/>'
            )
        body.append(format_html('<text x="{}" y="{}">{}</text>', LABEL_WIDTH + length + 4, y + 15, value))
    return _svg(max(len(items), 1) * ROW, title, body)


def stacked_chart(rows: list[tuple[str, list]], *, series: list[str], title: str) -> SafeString:
    """One bar per row, one segment per series (e.g. sex × minor/adult/unknown), with a legend."""
    largest = max([sum(_number(v) or 0 for v in values) for _, values in rows] + [1])
    body = []
    for i, (label, values) in enumerate(rows):
        y = i * ROW
        body.append(
            format_html('<text x="{}" y="{}" text-anchor="end">{}</text>', LABEL_WIDTH - 6, y + 15, label)
        )
        x = LABEL_WIDTH
        for colour, value in zip(COLOURS, values, strict=False):
            length = round(BAR_WIDTH * (_number(value) or 0) / largest)
            if length:
                body.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}</title></rect>',
                        x,
                        y + 4,
                        length,
                        ROW - 8,
                        colour,
                        value,
                    )
                )
            x += length
        shown = " / ".join(str(v) for v in values)
        body.append(format_html('<text x="{}" y="{}">{}</text>', x + 4, y + 15, shown))
    legend_y = len(rows) * ROW + 14
    x = LABEL_WIDTH
    for colour, name in zip(COLOURS, series, strict=False):
        body.append(f'<rect x="{x}" y="{legend_y - 10}" width="10" height="10" fill="{colour}"/>')
        body.append(format_html('<text x="{}" y="{}">{}</text>', x + 14, legend_y, name))
        x += 14 + 7 * len(name) + 16
    return _svg(legend_y + 8, title, body)


def table_chart(table: Table, display: dict) -> SafeString | None:
    """The chart a table asks for, from the values `display` shows (exact or public)."""

    def shown(cell):
        return display[cell.id] if isinstance(cell, Ref) else cell

    if table.chart == "bars":
        return bar_chart([(row[0], shown(row[1])) for row in table.rows], title=table.title)
    if table.chart == "stacked":
        rows = [(row[0], [shown(c) for c in row[1:-1]]) for row in table.rows if row[0] != "Total"]
        return stacked_chart(rows, series=table.columns[1:-1], title=table.title)
    return None
