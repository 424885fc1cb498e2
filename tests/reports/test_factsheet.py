"""The two-page factsheet: what it says, in words where there is nothing to count, its map, its
honest bars, and that it fits two A4 pages even in a full year."""

import datetime
import re
import shutil
import subprocess

import pytest

from reports import factsheet
from reports.charts import Style, bar_chart
from reports.figures import compute_figures
from reports.sections import build
from tests.factories import (
    ActivityFactory,
    RepatriationFactory,
    ServiceEpisodeFactory,
    VictimFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def html(threshold=5, public=True):
    return factsheet.to_html(build(compute_figures(2020), public=public, threshold=threshold))


def test_an_empty_year_says_so_in_words():
    body = html()
    for words in (
        "No victim was identified and no presumed victim registered in 2020.",
        "No victim received a service in 2020.",
        "No victim was repatriated from Belize in 2020.",
        "No conviction in 2020.",
        "No training recorded in 2020.",
        "No campaign recorded in 2020.",
    ):
        assert words in body
    assert 'class="map"' not in body


def test_the_headline_and_the_text_use_the_edition_counts():
    for _ in range(6):
        victim = VictimFactory(status="identified", identification_date=D(2020, 4, 1), nationality="SV")
        ServiceEpisodeFactory(victim=victim, start_date=D(2019, 4, 2), service_type="shelter")
    VictimFactory(status="identified", identification_date=D(2020, 4, 1), nationality="BZ")
    body = html(threshold=5)
    assert "7 victims officially identified in 2020: &lt;5 Belizean, * foreign" in body
    assert "6 victims received services in 2020: 0 for the first time, 6 in care from earlier years." in body
    assert "victims officially identified<sup>1</sup>" in body
    exact = html(threshold=0)
    assert "7 victims officially identified in 2020: 1 Belizean, 6 foreign" in exact
    assert "Public edition: every count is exact" in exact


def test_the_map_shows_each_destination_with_its_count():
    for country in ("SV", "SV", "GT"):
        victim = VictimFactory(
            status="identified", identification_date=D(2020, 1, 5), registered_on=D(2020, 1, 1)
        )
        RepatriationFactory(
            victim=victim, destination_country=country, status="completed", return_date=D(2020, 6, 1)
        )
    body = html(threshold=0)
    svg = re.search(r'<svg class="map".*?</svg>', body, re.S).group(0)
    assert ">El Salvador</text>" in svg and ">Guatemala</text>" in svg and ">Belize</text>" in svg
    assert re.search(r'font-weight="bold" font-size="9">2</text>', svg)
    assert "3 victims returned home from Belize in 2020: 2 to El Salvador and 1 to Guatemala." in body


def test_bars_share_one_honest_scale():
    chart = bar_chart([("One", 1), ("Ten", 10), ("Hidden", "<5")], title="t", full=20, style=Style(width=400))
    widths = [float(w) for w in re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"', chart)]
    assert len(widths) == 2  # a suppressed count has no bar
    assert widths[1] == pytest.approx(widths[0] * 10, rel=0.02)
    bar_room = 400 - Style(width=400).label_width(["One", "Ten", "Hidden"]) - Style().char * 6
    assert widths[1] == pytest.approx(bar_room / 2, rel=0.02)  # 10 of 20: half the width


def test_long_labels_are_wrapped_never_cut():
    style = Style(font=10, width=330)
    chart = bar_chart(
        [("Immigration (documents, permits)", 2), ("Shelter", 1)], title="t", full=5, style=style
    )
    assert "Immigration (documents," in chart and "permits)" in chart
    assert re.search(r'<text x="([\d.]+)"[^>]*text-anchor="end"', chart)
    for x in re.findall(r'<text x="([\d.]+)" y="[\d.]+" text-anchor="end">', chart):
        start = float(x) - style.measure("Immigration (documents,")
        assert start >= 0  # the label starts inside the drawing


def full_year():
    """A year that fills every chart: 60 victims of 16 nationalities, every form of exploitation
    and service, 12 destinations, 10 campaigns and 10 trainings."""
    countries = ["GT", "SV", "HN", "MX", "NI", "CN", "VE", "CO", "CU", "HT", "JM", "DO", "US", "CR", "PA", ""]
    forms = ["sexual", "forced_labour", "domestic_servitude", "forced_begging", "forced_criminality", "other"]
    services = [
        "shelter",
        "medical",
        "psychological",
        "legal",
        "immigration",
        "education",
        "financial",
        "material",
    ]
    for i in range(60):
        victim = VictimFactory(
            status="identified",
            identification_date=D(2020, 1 + i % 12, 1),
            registered_on=D(2020, 1, 1),
            nationality=countries[i % len(countries)],
            sex=["female", "male", "other"][i % 3],
        )
        victim.exploitation_forms.set(forms[i % len(forms) : i % len(forms) + 2])
        ServiceEpisodeFactory(
            victim=victim, start_date=D(2020, 2, 1), service_type=services[i % len(services)]
        )
        if i < 12:
            RepatriationFactory(
                victim=victim, destination_country=countries[i], status="completed", return_date=D(2020, 9, 1)
            )
    for i in range(10):
        ActivityFactory(
            kind="campaign", date=D(2020, 1 + i, 3), title=f"Campaign against trafficking number {i}"
        )
        ActivityFactory(kind="training", date=D(2020, 1 + i, 4), audience="police", participants=20)


@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="pdfinfo (poppler-utils) is not installed")
def test_a_full_year_fits_two_a4_pages(tmp_path):
    full_year()  # with the texts' defaults (reports.factsheet_texts): the definition, the contact
    path = tmp_path / "f.pdf"
    path.write_bytes(factsheet.to_pdf(build(compute_figures(2020), public=True, threshold=0)))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+2\n", info)
    assert "(A4)" in info
