"""Small SVG bar charts drawn by the server (no JavaScript, no chart library, nothing fetched).

Bars are honest: they start at zero and share one scale per kind of count (UNITS), so that a
victim is the same length in every chart of victims, and the full width is the largest total
shown (never the largest bar of one chart: a count of 1 does not fill the width). A value that
is not a number (the public edition's `<5` or `*`) gets no bar, only its text. Labels are
measured and wrapped, never cut.
"""

from functools import lru_cache

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from reports.layout import Ref, Table

COLOURS = ("#1f5fa8", "#e08a1e", "#8a8f98")  # minor, adult, unknown (stacked series)
# The kind of count of each chart, and the totals whose largest is the full width of its bars.
UNITS = {
    "victims": (
        "identification.identified_total",
        "identification.presumed_total",
        "assistance.assisted_total",
        "repatriation.repatriated_total",
    ),
    "convicted": ("prosecution.persons_convicted",),
    "trained": ("prevention.people_trained",),
}
UNIT_OF = {
    "convictions_by_exploitation": "convicted",
    "trained_by_audience": "trained",
}


def unit_of(table: Table) -> str:
    return UNIT_OF.get(table.key, "victims")


def scales(display: dict) -> dict[str, int]:
    """The full width of each kind of bar: the largest of its totals that is shown as a number."""
    return {
        unit: max([display[c] for c in totals if isinstance(display.get(c), int)] + [1])
        for unit, totals in UNITS.items()
    }


@lru_cache(maxsize=1)
def _font():
    """DejaVu Sans, the factsheet's font, to measure labels; None where it is not installed."""
    try:
        from PIL import ImageFont  # Pillow comes with WeasyPrint

        return ImageFont.truetype("DejaVuSans.ttf", 100)
    except (ImportError, OSError):
        return None


def text_width(text: str, size: float) -> float:
    """The width of `text` in pixels at font size `size` (measured, or a generous estimate)."""
    font = _font()
    if font is None:
        return len(text) * size * 0.66
    return font.getlength(text) * size / 100


class Style:
    """Sizes of one medium: the page (12 px text) or the printed factsheet (smaller)."""

    def __init__(self, font: float = 12, row: int = 22, width: int = 560):
        self.font, self.row, self.width = font, row, width
        self.char = font * 0.62  # room for a digit or a letter, on average

    def measure(self, text) -> float:
        return text_width(str(text), self.font)

    def wrap(self, label: str, room: float) -> list[str]:
        """`label` in lines that fit `room` pixels (at most two; words are never cut)."""
        lines, line = [], ""
        for word in str(label).split():
            candidate = f"{line} {word}".strip()
            if line and self.measure(candidate) > room:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
        return lines if len(lines) <= 2 else [lines[0], " ".join(lines[1:])]

    def label_width(self, labels) -> float:
        """Room for the labels, then 10 pixels before the bars: a label never starts left of 0,
        and one longer than 45 % of the chart is wrapped."""
        longest = max((self.measure(label) for label in labels), default=20)
        return min(longest, self.width * 0.45) + 10


def _number(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _all_hidden(values: list) -> bool:
    """Every value is the public edition's `<5` or `*`: a chart would be a legend with no bars."""
    return bool(values) and all(_number(v) is None and v not in (None, "") for v in values)


def _hidden_sentence(title: str) -> SafeString:
    """What stands where a chart of hidden values would (issue 21.13)."""
    return format_html(
        '<p class="small text-muted chart-hidden">{}</p>',
        gettext("%(title)s: every figure is too small to be shown, so no chart is drawn.") % {"title": title},
    )


def _svg(width: float, height: float, title: str, body: list[str], style: Style) -> SafeString:
    return mark_safe(  # noqa: S308 -- every text below is escaped
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" width="{width:.0f}" '
        f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" font-family="DejaVu Sans, sans-serif" '
        f'font-size="{style.font}"><title>{escape(title)}</title>{"".join(body)}</svg>'
    )


def _label(style: Style, x: float, y: float, label: str, room: float) -> str:
    lines = style.wrap(label, room)
    if len(lines) == 1:
        return format_html('<text x="{}" y="{}" text-anchor="end">{}</text>', f"{x:.1f}", f"{y:.1f}", label)
    top = y - style.font * 0.55
    return format_html(
        '<text x="{}" y="{}" text-anchor="end">{}<tspan x="{}" dy="{}">{}</tspan></text>',
        f"{x:.1f}",
        f"{top:.1f}",
        lines[0],
        f"{x:.1f}",
        f"{style.font * 1.1:.1f}",
        lines[1],
    )


def _rows_at(style: Style, labels: list[str], room: float) -> tuple[list[float], float]:
    """The top of each row (a label on two lines takes a taller row) and the total height."""
    tops, y = [], 0.0
    for label in labels:
        tops.append(y)
        y += style.row + (style.font * 1.1 if len(style.wrap(label, room)) > 1 else 0)
    return tops, y


def bar_chart(items: list[tuple[str, int | str]], *, title: str, full: int, style: Style) -> SafeString:
    """One horizontal bar per (label, value); `full` counts fill the bars' width."""
    if _all_hidden([value for _label, value in items]):
        return _hidden_sentence(title)
    label_width = style.label_width(label for label, _ in items)
    value_width = style.char * 6
    bar_width = style.width - label_width - value_width
    tops, height = _rows_at(style, [label for label, _ in items], label_width - 10)
    body = []
    for i, ((label, value), y) in enumerate(zip(items, tops, strict=True)):
        bottom = tops[i + 1] if i + 1 < len(tops) else height
        middle = (y + bottom) / 2 + style.font * 0.35
        body.append(_label(style, label_width - 6, middle, label, label_width - 10))
        length = bar_width * min((_number(value) or 0) / max(full, 1), 1)
        if length:
            body.append(
                f'<rect x="{label_width:.1f}" y="{middle - style.font * 0.35 - (style.row - 8) / 2:.1f}" '
                f'width="{max(length, 1.5):.1f}" height="{style.row - 8}" fill="{COLOURS[0]}"/>'
            )
        body.append(
            format_html(
                '<text x="{}" y="{}">{}</text>', f"{label_width + length + 4:.1f}", f"{middle:.1f}", value
            )
        )
    return _svg(style.width, max(height, style.row), title, body, style)


def stacked_chart(
    rows: list[tuple[str, list]], *, series: list[str], title: str, full: int, style: Style
) -> SafeString:
    """One bar per row, one segment per series (e.g. sex × minor/adult/unknown), with a legend."""
    if _all_hidden([value for _label, values in rows for value in values if value != 0]):
        return _hidden_sentence(title)
    label_width = style.label_width(label for label, _ in rows)
    value_width = style.char * 14
    bar_width = style.width - label_width - value_width
    body = []
    for i, (label, values) in enumerate(rows):
        y = i * style.row
        middle = y + style.row / 2 + style.font * 0.35
        body.append(_label(style, label_width - 6, middle, label, label_width - 10))
        x = label_width
        for colour, value in zip(COLOURS, values, strict=False):
            length = bar_width * (_number(value) or 0) / max(full, 1)
            if length:
                body.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}</title></rect>',
                        f"{x:.1f}",
                        y + 4,
                        f"{length:.1f}",
                        style.row - 8,
                        colour,
                        value,
                    )
                )
            x += length
        shown = " / ".join(str(v) for v in values)
        body.append(format_html('<text x="{}" y="{}">{}</text>', f"{x + 4:.1f}", f"{middle:.1f}", shown))
    legend_y = len(rows) * style.row + style.font + 2
    size, gap = style.font * 0.8, 12
    widths = [size + 3 + style.measure(name) for name in series]  # a key and its name
    # Under the bars, or further left when the names are longer (another language) than fits.
    x = min(label_width, max(0, style.width - sum(widths) - gap * (len(widths) - 1)))
    for colour, name, width in zip(COLOURS, series, widths, strict=False):
        body.append(
            f'<rect x="{x:.1f}" y="{legend_y - size:.1f}" width="{size:.1f}" height="{size:.1f}" '
            f'fill="{colour}"/>'
        )
        body.append(format_html('<text x="{}" y="{}">{}</text>', f"{x + size + 3:.1f}", legend_y, name))
        x += width + gap
    return _svg(style.width, legend_y + 4, title, body, style)


def table_chart(
    table: Table, display: dict, full: dict[str, int], style: Style | None = None
) -> SafeString | None:
    """The chart a table asks for, from the values `display` shows (exact or public), on the
    common scale `full` (scales())."""
    style = style or Style()

    def shown(cell):
        return display[cell.id] if isinstance(cell, Ref) else cell

    if table.chart == "bars":
        items = [(row[0], shown(row[1])) for row in table.rows]
        return bar_chart(items, title=table.title, full=full[unit_of(table)], style=style)
    if table.chart == "stacked":
        rows = [(row[0], [shown(c) for c in row[1:-1]]) for row in table.counted_rows]
        return stacked_chart(
            rows, series=table.columns[1:-1], title=table.title, full=full["victims"], style=style
        )
    return None
