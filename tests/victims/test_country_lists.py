"""Issue 11.6: country lists put the region's countries first — where most victims come from — and
use the names people use ("Bahamas", "Nauru"), in the page's language (django-countries)."""

import pytest
from django.urls import reverse
from django.utils import translation

from services.forms import RepatriationForm
from victims.filters import VictimFilter
from victims.forms import VictimForm

pytestmark = pytest.mark.django_db

REGION = ["BZ", "GT", "HN", "SV", "MX", "NI", "CR", "PA"]


def codes(field) -> list[str]:
    return [str(code) for code, _name in field.choices]


def test_the_region_comes_first_in_the_nationality_select(client, login):
    login()
    form = client.get(reverse("victims:create")).context["form"]
    assert codes(form.fields["nationality"])[:10] == ["", *REGION, "AF"]  # blank, the region, A to Z
    body = client.get(reverse("victims:create")).content.decode()
    assert body.index('value="PA"') < body.index('value="AF"')


def test_no_country_is_preselected():
    # Nothing in the list may stand for "blank" but the first choice: a form shown with no
    # nationality chosen must not send Belize.
    for field in (VictimForm().fields["nationality"], RepatriationForm().fields["destination_country"]):
        assert codes(field).count("") == 1 and codes(field)[0] == ""


def test_the_region_comes_first_everywhere_a_country_is_chosen():
    assert codes(RepatriationForm().fields["destination_country"])[1:9] == REGION
    assert codes(VictimFilter().form.fields["nationality"])[1:9] == REGION


def test_common_names_not_official_long_forms():
    names = dict(VictimForm().fields["nationality"].choices)
    assert (names["BS"], names["NR"]) == ("Bahamas", "Nauru")
    assert names["BO"] == "Bolivia"


def test_country_names_follow_the_language():
    with translation.override("es"):
        names = dict(VictimForm().fields["nationality"].choices)
        filter_names = dict(VictimFilter().form.fields["nationality"].choices)
    assert (names["BZ"], names["MX"], names["BS"]) == ("Belice", "México", "Bahamas")
    assert filter_names["BZ"] == "Belice"
