"""What a social worker needs on the page (issue 10, point 7): the age today and a Minor badge
wherever a victim appears, the guardian of a minor, languages and interpreter, who referred the
person; a date of birth and an age estimate that disagree are refused next to the field.

No test depends on today's date: ages are checked on fixed days, and a person shown as a minor
is born ten years before whatever day the test runs."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from atip.codes import Language
from atip.roles import Role
from tests.factories import CaseFactory, ServiceEpisodeFactory, VictimFactory
from victims.ages import add_years
from victims.models import SpokenLanguage, Victim
from victims.services import victim_update

pytestmark = pytest.mark.django_db
D = datetime.date


def a_minor(**fields):
    """Ten years old, registered today, whatever the day the test runs."""
    today = timezone.localdate()
    return VictimFactory(date_of_birth=add_years(today, -10), registered_on=today, **fields)


# --- the age, on a given day -------------------------------------------------------------------


@pytest.mark.parametrize(
    "born, estimate, registered, day, age",
    [
        (D(2006, 5, 10), None, D(2020, 1, 1), D(2024, 5, 9), 17),  # the day before the birthday
        (D(2006, 5, 10), None, D(2020, 1, 1), D(2024, 5, 10), 18),
        (D(2004, 2, 29), None, D(2020, 1, 1), D(2022, 2, 28), 17),
        (D(2004, 2, 29), None, D(2020, 1, 1), D(2022, 3, 1), 18),
        (None, 15, D(2020, 3, 1), D(2020, 3, 1), 15),
        (None, 15, D(2020, 3, 1), D(2023, 2, 28), 17),
        (None, 15, D(2020, 3, 1), D(2023, 3, 1), 18),
        (None, None, D(2020, 3, 1), D(2023, 3, 1), None),
    ],
)
def test_age_on_a_day(born, estimate, registered, day, age):
    victim = Victim(date_of_birth=born, age_estimate=estimate, registered_on=registered)
    victim.adult_on = victim.derive_adult_on()
    assert victim.age_on(day) == age
    assert victim.is_minor_on(day) is (age is not None and age < 18)


# --- minor badge and age, wherever the person appears ---------------------------------------


def test_the_list_shows_the_age_and_a_minor_badge(client, login):
    login()
    minor = a_minor(given_name="Kenia")
    adult = VictimFactory(given_name="Rosa", date_of_birth=D(1990, 1, 1))
    body = client.get(reverse("victims:list")).content.decode()
    rows = {victim.reference: body.split(victim.reference)[1].split("</tr>")[0] for victim in (minor, adult)}
    assert "Minor" in rows[minor.reference] and ">10<" in rows[minor.reference]
    assert "Minor" not in rows[adult.reference]


def test_an_estimated_age_says_so(client, login):
    login()
    today = timezone.localdate()
    victim = VictimFactory(date_of_birth=None, age_estimate=16, registered_on=today)
    body = client.get(victim.get_absolute_url()).content.decode()
    assert "about 16" in body
    assert "Minor" in body


@pytest.mark.parametrize(
    "where",
    [
        lambda victim: victim.get_absolute_url(),
        lambda victim: reverse("services:victim", args=[victim.pk]),
        lambda victim: reverse("victims:decide", args=[victim.pk]),
    ],
    ids=["detail", "services", "decision"],
)
def test_the_minor_badge_on_the_persons_pages(client, login, where):
    login()
    minor = a_minor()
    ServiceEpisodeFactory(victim=minor, start_date=minor.registered_on)
    assert 'title="Under 18 today">Minor<' in client.get(where(minor)).content.decode()
    adult = VictimFactory(date_of_birth=D(1990, 1, 1))
    assert 'title="Under 18 today">Minor<' not in client.get(where(adult)).content.decode()


@pytest.mark.parametrize("role", [Role.POLICE, Role.SOCIAL_WORKER])
def test_the_minor_badge_on_the_case_page(client, login, role):
    login(role)
    minor = a_minor()
    case = CaseFactory(victims=[minor])
    body = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'title="Under 18 today">Minor<' in body


# --- guardian, languages, interpreter, referral ----------------------------------------------


def valid(**overrides):
    data = {
        "given_name": "Kenia",
        "family_name": "Pop",
        "sex": "female",
        "date_of_birth": "2010-04-02",
        "nationality": "GT",
        "registered_on": "2024-03-01",
        "languages": ["es", "kek"],
        "interpreter_needed": "on",
        "guardian_name": "Marta Pop",
        "guardian_relationship": "Mother",
        "guardian_contact": "+501 600-0000",
        "referred_by": "ngo",
        "referred_by_name": "Women's shelter",
    }
    data.update(overrides)
    return data


def test_the_facts_are_recorded_and_shown(client, login):
    login()
    response = client.post(reverse("victims:create"), valid())
    victim = Victim.objects.get()
    assert response.status_code == 302
    assert set(victim.languages.values_list("code", flat=True)) == {"es", "kek"}
    assert (victim.interpreter_needed, victim.referred_by) == (True, "ngo")
    body = client.get(victim.get_absolute_url()).content.decode()
    for text in (
        "Spanish",
        "Q&#x27;eqchi&#x27;",
        "Interpreter needed",
        "Marta Pop (Mother)",
        "+501 600-0000",
    ):
        assert text in body
    assert "NGO (named) — Women&#x27;s shelter" in body


def test_the_languages_are_one_code_list():
    assert sorted(SpokenLanguage.objects.values_list("code", flat=True)) == sorted(Language.values)


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"languages": ["xx"]}, "languages", "not one of the available choices"),
        ({"referred_by": "mi6"}, "referred_by", "not one of the available choices"),
    ],
)
def test_unknown_codes_are_refused_next_to_the_field(client, login, overrides, field, message):
    login()
    response = client.post(reverse("victims:create"), valid(**overrides))
    assert message in " ".join(response.context["form"].errors[field])
    assert not Victim.objects.exists()


def test_a_minor_without_a_guardian_is_a_warning_not_a_refusal(client, login):
    login()
    today = timezone.localdate()
    data = valid(
        guardian_name="",
        guardian_relationship="",
        guardian_contact="",
        date_of_birth=add_years(today, -12).isoformat(),
        registered_on=today.isoformat(),
    )
    response = client.post(reverse("victims:create"), data, follow=True)
    victim = Victim.objects.get()
    assert victim.needs_guardian
    body = response.content.decode()
    assert "record their parent or guardian" in body  # the message after saving
    assert 'id="guardian-warning"' in body  # and on the person's page


def test_an_adult_or_a_minor_with_a_guardian_has_no_warning(client, login):
    login()
    with_guardian = a_minor(guardian_name="Marta Pop")
    adult = VictimFactory(date_of_birth=D(1990, 1, 1))
    for victim in (with_guardian, adult):
        assert not victim.needs_guardian
        assert 'id="guardian-warning"' not in client.get(victim.get_absolute_url()).content.decode()


# --- a date of birth and an estimate that disagree --------------------------------------------


@pytest.mark.parametrize(
    "born, estimate, refused",
    [
        ("2008-03-01", "16", False),  # 16 at registration (2024-03-01): the same
        ("2008-03-02", "16", False),  # 15 by the date of birth: one year apart
        ("2008-03-02", "17", True),  # two years apart
        ("2008-03-01", "17", False),
        ("2008-03-01", "18", True),
        ("2008-03-01", "14", True),
    ],
)
def test_a_birth_date_and_an_estimate_that_disagree_are_refused(client, login, born, estimate, refused):
    login()
    response = client.post(reverse("victims:create"), valid(date_of_birth=born, age_estimate=estimate))
    if refused:
        assert response.status_code == 200
        assert "at registration, not" in " ".join(response.context["form"].errors["age_estimate"])
        assert not Victim.objects.exists()
    else:
        assert response.status_code == 302
        assert Victim.objects.get().age_estimate == int(estimate)


def test_the_disagreement_is_refused_on_an_edit_too(client, login):
    login()
    victim = VictimFactory(date_of_birth=D(2000, 1, 1), registered_on=D(2020, 3, 1))
    data = {**valid(), "date_of_birth": "2000-01-01", "registered_on": "2020-03-01", "age_estimate": "25"}
    response = client.post(reverse("victims:edit", args=[victim.pk]), {**data, "version": victim.version})
    assert "makes the person 20 at registration" in " ".join(response.context["form"].errors["age_estimate"])
    victim.refresh_from_db()
    assert victim.age_estimate is None


def test_a_change_of_languages_is_kept_in_the_previous_versions(client, login):
    user = login()
    victim = VictimFactory(languages=["es"])
    victim_update(victim=victim, by=user, data={"languages": ["es", "kek"]}, expected_version=victim.version)
    body = client.get(victim.get_absolute_url()).content.decode()
    assert "languages spoken: Spanish → Q&#x27;eqchi&#x27;, Spanish" in body
