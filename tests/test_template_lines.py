"""Issue 18.5: no template line over 120 characters, so that a template reads without sideways
scrolling (a Django tag cannot span lines: long translations are bound with {% with %} first)."""

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
LIMIT = 120


def test_no_template_line_is_over_120_characters():
    long = [
        f"{path.relative_to(TEMPLATES)}:{number} ({len(line)})"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if len(line) > LIMIT
    ]
    assert long == []


def test_the_templates_are_found():
    assert len(list(TEMPLATES.rglob("*.html"))) > 50
