import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse

from atip.audit import audit
from atip.models import AuditEvent
from atip.roles import Role
from tests.factories import UserFactory, VictimFactory

pytestmark = pytest.mark.django_db
URL = reverse("audit_log")


def test_administrators_browse_it(client, login):
    login(Role.ADMINISTRATOR)
    maria = UserFactory(username="maria")
    audit(action="view", user=maria, object_type="victim", object_ref="V-2020-0001")
    audit(action="view", user=UserFactory(username="pedro"), object_type="victim", object_ref="V-2020-0002")
    response = client.get(URL, {"username": "maria"})
    assert response.status_code == 200
    assert "V-2020-0001" in response.content.decode()
    assert "V-2020-0002" not in response.content.decode()


def test_the_filters_offer_users_record_types_and_actions_to_choose(client, login):
    login(Role.ADMINISTRATOR, username="ana.admin")
    UserFactory(username="maria")
    audit(action="view", object_type="victim", object_ref="V-2020-0001")
    audit(action="view", object_type="case", object_ref="C-2020-001")
    body = client.get(URL).content.decode()
    assert '<option value="maria">maria</option>' in body and '<option value="ana.admin">' in body
    assert '<option value="victim">Victim</option>' in body
    assert '<option value="annual_edition">Published edition</option>' in body
    assert '<option value="view">' in body
    body = client.get(URL, {"object_type": "case"}).content.decode()
    assert "C-2020-001" in body and "V-2020-0001" not in body


@pytest.mark.parametrize("field", ["username", "object_type", "action"])
def test_a_value_not_offered_is_a_message_not_a_500(client, login, field):
    login(Role.ADMINISTRATOR)
    response = client.get(URL, {field: "<script>alert(1)</script>"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body and "Select a valid choice" in body


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.POLICE, Role.PROSECUTOR, Role.SECRETARY])
def test_other_roles_get_404_and_the_refusal_is_logged(client, login, role):
    user = login(role)
    assert client.get(URL).status_code == 404
    refusal = AuditEvent.objects.get(action="denied")
    assert (refusal.user, refusal.path, refusal.role) == (user, URL, role)


def test_it_never_holds_a_victims_name(client, login):
    login()
    victim = VictimFactory(given_name="Esperanza", family_name="Quintero")
    client.get(victim.get_absolute_url())
    for event in AuditEvent.objects.all():
        values = " ".join(str(v) for v in event.__dict__.values())
        assert "Esperanza" not in values and "Quintero" not in values


def test_the_database_refuses_updates():
    event = audit(action="view", object_type="victim", object_id="1")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(object_id="2")
    event.refresh_from_db()
    assert event.object_id == "1"


def test_the_database_refuses_deletes():
    event = audit(action="view", object_type="victim", object_id="1")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_a_row_written_without_the_chain_is_refused():
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.create(seq=1, action="view", object_type="victim", prev_hash="", hash="")


@pytest.mark.parametrize("rows", [5, 50])
def test_query_count_does_not_grow_with_rows(client, login, django_assert_num_queries, rows):
    login(Role.ADMINISTRATOR)
    for n in range(rows):
        audit(action="view", object_type="victim", object_id=str(n))
    # Expect 12 queries whatever the number of rows: savepoint, session, user, groups, the
    # accounts to filter by, count of lines, the page's lines, the rows of its page views
    # (atip.audit_log), release, and the session refresh (savepoint, update, release).
    with django_assert_num_queries(12):
        assert client.get(URL).status_code == 200
