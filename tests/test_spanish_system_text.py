"""Issue 21, item 12: text the application writes itself reads in Spanish on Spanish pages —
the notes of registration, report and referral (stored as codes, the old English rows turned
into codes by the data migration), the account-changed message at login, the role names on the
administrator's home, the statistics CSV's columns, and "contraseña", never "clave"."""

import datetime
import importlib

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import AccountChange, LanguagePreference
from atip.roles import Role
from cases.services import case_register_presumed_victim
from reports import exports
from tests.factories import PASSWORD, CaseFactory, UserFactory, VictimFactory

pytestmark = pytest.mark.django_db


def spanish(client, user):
    LanguagePreference.objects.create(user=user, language="es")
    client.force_login(user)


def test_the_notes_of_the_application_are_in_the_readers_language(client):
    worker = UserFactory(role=Role.SOCIAL_WORKER)
    case = CaseFactory(reported_on=datetime.date(2020, 1, 1), reference="C-2020-001")
    victim = case_register_presumed_victim(
        case=case,
        by=UserFactory(role=Role.POLICE),
        data={
            "given_name": "Ana",
            "family_name": "Coc",
            "sex": "female",
            "registered_on": datetime.date(2020, 1, 2),
        },
    )
    registered = VictimFactory()
    spanish(client, worker)
    page = client.get(victim.get_absolute_url()).content.decode()
    assert "Derivada desde el caso C-2020-001." in page and "Referred from case" not in page
    assert "Registrada." in client.get(registered.get_absolute_url()).content.decode()
    officer = UserFactory(role=Role.POLICE)
    spanish(client, officer)
    case_page = client.get(case.get_absolute_url()).content.decode()
    assert "Denunciado." in case_page and "Reported." not in case_page


@pytest.mark.parametrize(
    "app, migration, note, codes, rest",
    [
        ("victims", "0013_system_notes", "Registered.", [["registered", {}]], ""),
        (
            "victims",
            "0013_system_notes",
            "Referred from case C-2020-001. Confirmed as a different person from 2 likely matches.",
            [["referred_from_case", {"case": "C-2020-001"}], ["different_from", {"count": 2}]],
            "",
        ),
        (
            "victims",
            "0013_system_notes",
            "Registered. Confirmed as a different person from V-2020-0001, V-2020-0002.",
            [["registered", {}], ["different_from", {"references": "V-2020-0001, V-2020-0002"}]],
            "",
        ),
        ("victims", "0013_system_notes", "Met her at the border.", [], "Met her at the border."),
        ("cases", "0008_system_notes", "Reported.", [["reported", {}]], ""),
        (
            "cases",
            "0008_system_notes",
            "Prosecution SC-2020-1 filed.",
            [["prosecution_filed", {"reference": "SC-2020-1"}]],
            "",
        ),
    ],
)
def test_the_data_migration_turns_old_english_notes_into_codes(app, migration, note, codes, rest):
    module = importlib.import_module(f"{app}.migrations.{migration}")
    assert module.split(note) == (codes, rest)


def test_the_account_changed_message_is_in_the_account_holders_language(client, settings):
    user = UserFactory(role=Role.SOCIAL_WORKER)
    LanguagePreference.objects.create(user=user, language="es")
    user.last_login = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    user.save()
    admin = UserFactory(role=Role.ADMINISTRATOR, username="ana.admin")
    AccountChange.objects.create(
        account=user,
        username=user.username,
        kind="role",
        status="applied",
        old_role=Role.POLICE,
        new_role=Role.SOCIAL_WORKER,
        requested_by=admin,
        applied_at=datetime.datetime(2020, 6, 1, 12, tzinfo=datetime.UTC),
    )
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD}, follow=True)
    page = response.content.decode()
    assert "Su cuenta fue modificada por ana.admin" in page and "Your account was changed" not in page


def test_the_administrators_home_names_roles_in_words(client):
    UserFactory(role=Role.SOCIAL_WORKER)
    admin = UserFactory(role=Role.ADMINISTRATOR)
    spanish(client, admin)
    page = client.get(reverse("home")).content.decode()
    with translation.override("es"):
        assert str(Role.SOCIAL_WORKER.label) in page
    assert ">social_worker<" not in page and ">administrator<" not in page


def test_a_wrong_password_says_contrasena(client):
    user = UserFactory()
    client.cookies["django_language"] = "es"
    with translation.override("es"):
        from django.contrib.auth.forms import AuthenticationForm

        message = str(AuthenticationForm.error_messages["invalid_login"])
        assert "contraseña" in message and "clave" not in message
        assert "clave" not in translation.gettext("Your password can’t be a commonly used password.")
    assert user.pk


def test_the_statistics_csv_names_its_columns_in_spanish():
    body = exports.render(2020, "csv", public=False, language="es").body
    assert body.lstrip("\ufeff").splitlines()[0] == "año,edición,sección,tabla,fila,columna,valor"


def test_the_data_migration_drops_the_english_line_of_a_referred_cases_summary():
    module = importlib.import_module("cases.migrations.0008_system_notes")
    summary = "Referred by Human Services on 2025-03-10: Wants to report the recruiter."
    assert module.REFERRED.sub("", summary) == "Wants to report the recruiter."
