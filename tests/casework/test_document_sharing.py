"""roles.md: "A social worker may share one document with one case (e.g. a medical report for
the prosecution): police and prosecutors who may see that case then read that document, and
nothing else; sharing and unsharing are audited." Each rule both ways."""

import pytest
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from casework.models import DocumentShare
from tests.casework import factories as make
from tests.factories import CaseFactory, ProsecutionFactory, UserFactory, VictimFactory

pytestmark = pytest.mark.django_db
SW, PO, PR, SE, AD = Role.SOCIAL_WORKER, Role.POLICE, Role.PROSECUTOR, Role.SECRETARY, Role.ADMINISTRATOR


@pytest.fixture
def world(today):
    rosa = VictimFactory(given_name="Rosa")
    case = CaseFactory(victims=[rosa])
    ProsecutionFactory(case=case)
    report = make.document(rosa, description="Medical report for the prosecution")
    passport = make.document(rosa, kind="identity_document", description="Passport")
    return {"rosa": rosa, "case": case, "report": report, "passport": passport}


def download(client, document):
    return client.get(reverse("casework:document_download", args=[document.pk]))


def share(client, document, case, reason="The prosecution needs the medical evidence."):
    return client.post(
        reverse("casework:document_share", args=[document.pk]), {"case": case.pk, "reason": reason}
    )


@pytest.mark.parametrize("role", [PO, PR])
def test_police_and_prosecutors_read_the_shared_document_and_nothing_else(client, login, world, role):
    maria = UserFactory(username="maria.sw")
    client.force_login(maria)
    assert share(client, world["report"], world["case"]).status_code == 302
    officer = login(role)
    response = download(client, world["report"])
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert download(client, world["passport"]).status_code == 404  # the same person's other document
    for name in ("casework:note", "casework:notes"):  # nor their notes
        arg = make.note(world["rosa"]).pk if name == "casework:note" else world["rosa"].pk
        assert client.get(reverse(name, args=[arg])).status_code == 404
    case_page = client.get(reverse("cases:detail", args=[world["case"].pk])).content.decode()
    assert "Medical report for the prosecution" in case_page and "Passport" not in case_page
    assert "The prosecution needs the medical evidence." in case_page
    # What they may not do with it: share it further, archive it (they see it: 403).
    assert share(client, world["report"], world["case"]).status_code == 403
    assert client.get(reverse("casework:document_archive", args=[world["report"].pk])).status_code == 403
    assert AuditEvent.objects.filter(
        action="export", user=officer, object_type="document", object_id=str(world["report"].pk)
    ).exists()


def test_before_it_is_shared_the_police_read_nothing(client, login, world):
    login(PO)
    assert download(client, world["report"]).status_code == 404
    assert (
        "Medical report" not in client.get(reverse("cases:detail", args=[world["case"].pk])).content.decode()
    )


@pytest.mark.parametrize("role", [SE, AD])
def test_a_share_opens_nothing_to_the_secretary_or_administrators(client, login, world, role):
    make_share(world)
    login(role)
    assert download(client, world["report"]).status_code == 404


def make_share(world, document=None):
    from casework.document_services import document_share

    return document_share(
        document=document or world["report"], case=world["case"], by=UserFactory(), reason="x"
    )


def test_sharing_and_unsharing_are_audited_and_unsharing_closes_it_again(client, login, world):
    maria = login()
    share(client, world["report"], world["case"])
    record = DocumentShare.objects.get()
    assert (record.shared_by, record.case, record.unshared_at) == (maria, world["case"], None)
    linked = AuditEvent.objects.get(action="link", object_type="document")
    assert linked.detail.startswith(
        f"document {world['report'].pk} shared with case {world['case'].reference}"
    )
    assert linked.object_ref == world["rosa"].reference
    page = client.get(world["rosa"].get_absolute_url()).content.decode()
    assert f"Shared with {world['case'].reference}" in page

    response = client.post(reverse("casework:document_unshare", args=[record.pk]))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.unshared_by == maria and record.unshared_at is not None  # kept, ended
    assert AuditEvent.objects.filter(action="unlink", object_type="document").exists()
    client.force_login(UserFactory(role=PO))
    assert download(client, world["report"]).status_code == 404
    # Ended once: a second unshare finds nothing.
    client.force_login(maria)
    assert client.post(reverse("casework:document_unshare", args=[record.pk])).status_code == 404


def test_only_a_case_that_lists_the_person_is_offered_and_taken(client, login, world):
    login()
    other_case = CaseFactory(victims=[VictimFactory()])
    form = client.get(reverse("casework:document_share", args=[world["report"].pk])).context["form"]
    assert list(form.fields["case"].queryset) == [world["case"]]
    response = share(client, world["report"], other_case)
    assert "case" in response.context["form"].errors and not DocumentShare.objects.exists()


def test_a_document_is_shared_once_with_a_case_at_a_time(client, login, world):
    login()
    share(client, world["report"], world["case"])
    response = share(client, world["report"], world["case"])
    assert "is already shared with" in " ".join(response.context["form"].errors["case"])
    assert DocumentShare.objects.count() == 1


def test_once_the_case_no_longer_lists_the_person_the_share_opens_nothing(client, login, world):
    from cases.links import unlink_victim

    make_share(world)
    officer = login(PO)
    unlink_victim(case=world["case"], victim=world["rosa"], by=officer)
    assert download(client, world["report"]).status_code == 404


def test_unsharing_is_for_those_who_share(client, login, world):
    record = make_share(world)
    # The police and prosecutors read the document (403: not theirs to unshare); the others, nothing.
    for role, answer in ((PO, 403), (PR, 403), (SE, 404), (AD, 404)):
        login(role)
        assert client.post(reverse("casework:document_unshare", args=[record.pk])).status_code == answer, role
    record.refresh_from_db()
    assert record.unshared_at is None
    login()
    assert client.get(reverse("casework:document_unshare", args=[record.pk])).status_code == 405


def test_the_case_page_lists_shared_documents_in_a_fixed_number_of_queries(client, login, world):
    from casework.document_services import document_share
    from tests.test_query_counts import queries_with

    login(PO)

    def build(n):
        for _ in range(n):
            document_share(
                document=make.document(world["rosa"], by=UserFactory()),
                case=world["case"],
                by=UserFactory(),
                reason="x",
            )
        return reverse("cases:detail", args=[world["case"].pk])

    assert queries_with(client, build, 2) == queries_with(client, build, 8)
