import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from prosecutions.models import Charge
from prosecutions.services import charge_save
from tests.factories import CaseFactory, ChargeFactory, ProsecutionFactory, SuspectFactory

pytestmark = pytest.mark.django_db


def create_url(prosecution):
    return reverse("prosecutions:charge_create", args=[prosecution.pk])


def edit_url(charge):
    return reverse("prosecutions:charge_edit", args=[charge.pk])


def data(suspect, **overrides):
    return {
        "suspect": suspect.pk,
        "offence": "tip_trafficking",
        "exploitation_form": "sexual",
        "outcome": "pending",
        "verdict_date": "",
        "sentence_years": "",
        "sentence_extra_months": "",
        "fine_amount": "",
        "notes": "",
        **overrides,
    }


def test_adding_a_charge_works(client, login):
    login(Role.PROSECUTOR)
    prosecution = ProsecutionFactory()
    suspect = SuspectFactory(case=prosecution.case)
    assert client.get(create_url(prosecution)).status_code == 200
    assert client.post(create_url(prosecution), data(suspect)).status_code == 302
    charge = Charge.objects.get()
    assert (charge.prosecution, charge.suspect, charge.outcome) == (prosecution, suspect, "pending")
    assert AuditEvent.objects.filter(action="create", object_type="prosecution").exists()


def test_a_suspect_of_another_case_cannot_be_charged(client, login):
    login(Role.PROSECUTOR)
    prosecution = ProsecutionFactory()
    stranger = SuspectFactory(case=CaseFactory())
    response = client.post(create_url(prosecution), data(stranger))
    assert response.context["form"].errors == {
        "suspect": ["This person is not a suspect of the case this prosecution comes from."]
    }
    assert not Charge.objects.exists()
    # The service refuses it too, whatever the form.
    with pytest.raises(ValidationError) as info:
        charge_save(
            charge=Charge(prosecution=prosecution),
            by=None,
            data=data(stranger) | {"suspect": stranger, "verdict_date": None, "fine_amount": None},
        )
    assert "suspect" in info.value.message_dict


def test_recording_a_conviction_with_a_sentence(client, login):
    login(Role.PROSECUTOR)
    charge = ChargeFactory()
    form = data(charge.suspect, version=charge.version)
    response = client.post(
        edit_url(charge),
        {**form, "outcome": "convicted", "verdict_date": "2021-03-04", "sentence_years": "8"},
    )
    assert response.status_code == 302
    charge.refresh_from_db()
    assert (charge.outcome, charge.verdict_date, charge.sentence_months) == (
        "convicted",
        datetime.date(2021, 3, 4),
        96,
    )
    assert charge.version == 2


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"outcome": "convicted"}, "verdict_date", "Give the date of the verdict."),
        (
            {"outcome": "pending", "verdict_date": "2021-01-01"},
            "verdict_date",
            "A pending charge has no verdict",
        ),
        ({"outcome": "acquitted", "verdict_date": "2999-01-01"}, "verdict_date", "in the future"),
        ({"outcome": "acquitted", "verdict_date": "2020-04-30"}, "verdict_date", "before the filing"),
        (
            {"outcome": "acquitted", "verdict_date": "2021-01-01", "sentence_extra_months": "5"},
            "sentence_years",
            "only",
        ),
        (
            {"outcome": "convicted", "verdict_date": "2021-01-01", "sentence_years": "-1"},
            "sentence_years",
            "greater than or equal to 0",
        ),
        ({"outcome": "guilty"}, "outcome", "not one of the available choices"),
    ],
)
def test_a_verdict_is_checked(client, login, changes, field, message):
    login(Role.PROSECUTOR)
    charge = ChargeFactory(prosecution__filed_on=datetime.date(2020, 5, 1))
    response = client.post(edit_url(charge), {**data(charge.suspect, version=charge.version), **changes})
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert message in errors[field][0]
    charge.refresh_from_db()
    assert (charge.outcome, charge.version) == ("pending", 1)


def test_the_verdict_day_may_be_the_filing_day(client, login):
    login(Role.PROSECUTOR)
    charge = ChargeFactory(prosecution__filed_on=datetime.date(2020, 5, 1))
    form = {
        **data(charge.suspect, version=charge.version),
        "outcome": "withdrawn",
        "verdict_date": "2020-05-01",
    }
    assert client.post(edit_url(charge), form).status_code == 302


def test_social_workers_get_404_when_unlinked(client, login):
    login(Role.SOCIAL_WORKER)
    charge = ChargeFactory()
    assert client.get(edit_url(charge)).status_code == 404
    assert client.get(create_url(charge.prosecution)).status_code == 404


def test_the_charge_page_shows_its_previous_versions(client, login):
    login(Role.PROSECUTOR)
    charge = ChargeFactory()
    form = {
        **data(charge.suspect, version=charge.version),
        "outcome": "acquitted",
        "verdict_date": "2021-01-01",
    }
    client.post(edit_url(charge), form)
    assert "outcome: Pending → Acquitted" in client.get(edit_url(charge)).content.decode()


# --- Issue 21, item 14: a sentence in years and months, or a fine ---------------------------------


@pytest.mark.parametrize(
    "sentence, months, fine, shown",
    [
        ({"sentence_years": "8", "sentence_extra_months": "6"}, 102, None, "8 years 6 months"),
        ({"sentence_extra_months": "9"}, 9, None, "9 months"),
        ({"fine_amount": "5000"}, None, Decimal("5000.00"), "a fine of BZD 5,000.00"),
        (
            {"sentence_years": "1", "fine_amount": "250.5"},
            12,
            Decimal("250.50"),
            "1 year and a fine of BZD 250.50",
        ),
    ],
)
def test_a_sentence_in_years_and_months_or_a_fine(client, login, sentence, months, fine, shown):
    login(Role.PROSECUTOR)
    charge = ChargeFactory()
    form = data(charge.suspect, version=charge.version, outcome="convicted", verdict_date="2021-03-04")
    assert client.post(edit_url(charge), {**form, **sentence}).status_code == 302
    charge.refresh_from_db()
    assert (charge.sentence_months, charge.fine_amount) == (months, fine)
    assert shown in client.get(charge.prosecution.get_absolute_url()).content.decode()
    # The edit form gives the term back in years and months.
    initial = client.get(edit_url(charge)).context["form"].initial
    if months is not None:
        assert (initial["sentence_years"], initial["sentence_extra_months"]) == divmod(months, 12)


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"outcome": "acquitted", "fine_amount": "100"}, "fine_amount"),
        ({"sentence_extra_months": "12"}, "sentence_extra_months"),
        ({"sentence_years": "101"}, "sentence_years"),
        ({"fine_amount": "-5"}, "fine_amount"),
        ({"fine_amount": "abc"}, "fine_amount"),
    ],
)
def test_a_sentence_is_checked(client, login, changes, field):
    login(Role.PROSECUTOR)
    charge = ChargeFactory()
    form = data(charge.suspect, version=charge.version, outcome="convicted", verdict_date="2021-03-04")
    response = client.post(edit_url(charge), {**form, **changes})
    assert response.status_code == 200 and field in response.context["form"].errors
    charge.refresh_from_db()
    assert charge.outcome == "pending" and charge.version == 1
