"""Issue 21.2: the victim list's eleven filters fold on a phone behind one button that says how
many are given (Bootstrap's collapse: no script of the page's own), and are shown from 576 px
up; the yes/no filters say "Any" (Spanish "Cualquiera") for "no filter", not "Unknown". The
parameters sent and the queries made are those of before."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from atip.roles import Role
from tests.factories import ServiceEpisodeFactory, VictimFactory

pytestmark = pytest.mark.django_db
URL = reverse("victims:list")
YES_NO = ("in_care", "open_stay", "review_overdue")


def options(body: str, name: str) -> list[tuple[str, str]]:
    select = re.search(rf'<select name="{name}".*?</select>', body, re.S).group(0)
    return [
        (value, " ".join(label.split()))
        for value, label in re.findall(r'<option value="([^"]*)"[^>]*>(.*?)</option>', select, re.S)
    ]


def toggle(body: str) -> str:
    """The button that unfolds the filters."""
    return re.search(r'<button[^>]*data-bs-target="#filters".*?</button>', body, re.S)[0]


def panel(body: str) -> str:
    """The opening tag of what the button unfolds."""
    return re.search(r'<div[^>]*id="filters"[^>]*>', body)[0]


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize("name", YES_NO)
def test_a_yes_no_filter_says_any_for_no_filter(client, login, name):
    login()
    body = client.get(URL).content.decode()
    assert options(body, name) == [("unknown", "Any"), ("true", "Yes"), ("false", "No")]


def test_in_spanish_it_says_cualquiera(client, login):
    login()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    body = client.get(URL).content.decode()
    assert [label for _, label in options(body, "in_care")] == ["Cualquiera", "Sí", "No"]
    assert text(toggle(body)) == "Filtros"
    for name in YES_NO:
        assert "Desconocido" not in re.search(rf'<select name="{name}".*?</select>', body, re.S)[0]


def test_the_parameters_are_those_of_before(client, login):
    login()
    in_care = VictimFactory()
    ServiceEpisodeFactory(victim=in_care)
    other = VictimFactory()
    for value, shown in (("true", {in_care}), ("false", {other}), ("unknown", {in_care, other})):
        listed = set(client.get(URL, {"in_care": value}).context["page"])
        assert listed == shown, value


def test_the_filters_fold_behind_one_button_that_counts_them(client, login):
    login()
    body = client.get(URL).content.decode()
    assert text(toggle(body)) == "Filters"
    assert 'aria-controls="filters"' in toggle(body) and 'aria-expanded="false"' in toggle(body)
    assert "d-sm-none" in toggle(body)  # no button from 576 px up, where the filters are shown
    classes = re.search(r'class="([^"]*)"', panel(body))[1].split()
    assert {"collapse", "d-sm-block"} <= set(classes) and "show" not in classes
    assert panel(body) in body.split('<form method="get"')[0]  # the form is inside what folds

    given = {
        "sex": "female",
        "year": "2024",
        "in_care": "true",
        "open_stay": "unknown",
        "q": " ",
        "district": "",
    }
    body = client.get(URL, given).content.decode()
    assert text(toggle(body)) == "Filters (3)"


def test_the_caseload_and_archive_are_not_counted(client, login):
    login(Role.SOCIAL_WORKER)
    body = client.get(URL, {"caseload": "all", "archived": "1"}).content.decode()
    assert text(toggle(body)) == "Filters"


def test_a_filter_with_an_error_is_shown_unfolded(client, login):
    login()
    body = client.get(URL, {"year": "99999"}).content.decode()
    assert "show" in re.search(r'class="([^"]*)"', panel(body))[1].split()
    assert 'aria-expanded="true"' in toggle(body)
    assert text(toggle(body)) == "Filters (1)"


def test_no_script_of_its_own_on_the_page(client, login):
    login()
    body = client.get(URL, {"sex": "female"}).content.decode()
    assert re.findall(r"<script(?![^>]*\bsrc=)", body) == []
    assert not re.search(r"\son[a-z]+=", body)


def test_the_filters_cost_no_query(client, login, django_assert_num_queries):
    login()
    VictimFactory.create_batch(3)
    client.get(URL)  # the session and the caches warmed
    with django_assert_num_queries(13):
        client.get(URL)
    with django_assert_num_queries(13):
        client.get(URL, {"sex": "female", "in_care": "unknown", "open_stay": "false"})


def test_the_other_lists_fold_their_filters_too(client, login):
    login(Role.PROSECUTOR)
    body = client.get(reverse("prosecutions:list"), {"pending": "true"}).content.decode()
    assert text(toggle(body)) == "Filters (1)"
    assert options(body, "pending") == [("unknown", "Any"), ("true", "Yes"), ("false", "No")]
