"""The select of many options (atip.widgets): the same HTML as Django's own select, the chosen
option marked, labels escaped, names in the page's language."""

import pytest
from django import forms
from django.utils import translation

from atip.roles import Role
from atip.widgets import ManyOptionsSelect, country_choices

CHOICES = [("", "---------"), ("BZ", "Belize"), ("GT", "Guatemala"), ("XS", "<script>alert(1)</script>")]
ATTRS = {"id": "id_nationality", "aria-describedby": "help", "required": True, "disabled": False}


@pytest.mark.parametrize("value", [None, "", "GT", "XS", "unknown"])
def test_same_html_as_django_s_select(value):
    expected = forms.Select(choices=CHOICES, attrs={"class": "form-select"}).render("n", value, ATTRS)
    assert (
        ManyOptionsSelect(choices=CHOICES, attrs={"class": "form-select"}).render("n", value, ATTRS)
        == expected
    )


def test_only_the_chosen_option_is_marked_and_labels_are_escaped():
    html = ManyOptionsSelect(choices=CHOICES).render("n", "GT", {})
    assert html.count(" selected") == 1 and '<option value="GT" selected>Guatemala</option>' in html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_countries_in_the_page_s_language_each_time():
    with translation.override("es"):
        spanish = dict(country_choices())
        html = ManyOptionsSelect(choices=country_choices()).render("n", "DE", {})
    with translation.override("en"):
        english = dict(country_choices())
        html_en = ManyOptionsSelect(choices=country_choices()).render("n", "DE", {})
    assert (spanish["DE"], english["DE"]) == ("Alemania", "Germany")
    assert '<option value="DE" selected>Alemania</option>' in html
    assert '<option value="DE" selected>Germany</option>' in html_en


@pytest.mark.django_db
def test_the_victims_list_keeps_the_chosen_nationality(client, login):
    login(Role.SOCIAL_WORKER)
    html = client.get("/victims/?nationality=GT").content.decode()
    assert '<option value="GT" selected>Guatemala</option>' in html
    assert html.count("<option value=") > 240
