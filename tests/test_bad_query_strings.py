"""Whatever is typed into a list's address bar, the answer is a page, never a 500."""

import pytest
from django.urls import reverse

from atip.roles import Role
from tests.factories import ActivityFactory, CaseFactory, ChargeFactory, VictimFactory

pytestmark = pytest.mark.django_db

JUNK = [
    "page=abc",
    "page=-1",
    "page=99999999999999999999",
    "year=abc",
    "year=-5",
    "year=0",
    "year=99999999999999999999",
    "year=1e400",
    "year=NaN",
    "status=zzz",
    "sex=%00",
    "q=%00",
    "q=" + "x" * 5000,
    "nationality=ZZ",
    "form=nope",
    "date_from=2020-13-45",
    "date_to=abc",
    "user=abc",
]
LISTS = [
    (Role.SOCIAL_WORKER, "victims:list"),
    (Role.POLICE, "cases:list"),
    (Role.PROSECUTOR, "prosecutions:list"),
    (Role.SECRETARY, "prevention:list"),
    (Role.SECRETARY, "reports:annual"),
    (Role.ADMINISTRATOR, "audit_log"),
]


@pytest.mark.parametrize("role, name", LISTS, ids=[name for _, name in LISTS])
def test_junk_query_strings_get_a_page(client, login, role, name):
    VictimFactory()
    ChargeFactory()
    ActivityFactory()
    CaseFactory()
    login(role)
    for junk in JUNK:
        response = client.get(f"{reverse(name)}?{junk}")
        assert response.status_code in (200, 400), (junk, response.status_code)


def test_an_impossible_year_is_a_message_next_to_the_field(client, login):
    VictimFactory(given_name="Listed")
    login(Role.SOCIAL_WORKER)
    response = client.get(reverse("victims:list"), {"year": "-5"})
    assert response.status_code == 200
    assert response.context["filter"].form.errors["year"] == [
        "Ensure this value is greater than or equal to 1900."
    ]
    assert "greater than or equal to 1900" in response.content.decode()
    assert "Listed" in response.content.decode()  # the rest of the list is still shown
