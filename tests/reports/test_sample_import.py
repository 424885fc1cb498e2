"""End to end: the sample import (issue 5's command) gives the figures the Council expects for 2020."""

import io
import json

import pytest
from django.core.management import call_command

from reports.statistics import annual_report
from tests.samples import SAMPLE

pytestmark = [
    pytest.mark.django_db,
]


def test_it_gives_the_expected_2020_figures():
    call_command("import_records", str(SAMPLE), stdout=io.StringIO(), stderr=io.StringIO())
    expected = json.loads((SAMPLE / "expected-2020.json").read_text(encoding="utf-8"))

    report = annual_report(2020)

    for section in expected:
        assert report[section] == expected[section], section
    assert json.loads(json.dumps(report)) == expected
