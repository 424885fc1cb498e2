"""The account flows as an administrator drives them over HTTP, for the tests of issue 19."""

from django.urls import reverse

from accounts.models import AccountChange

EVIL = "admin@evil.example"  # an address the attacking administrator reads


def ask_role(client, account, role):
    return client.post(reverse("accounts:role", args=[account.pk]), {"role": role})


def ask_email(client, account, email=EVIL):
    data = {"first_name": account.first_name or "A", "last_name": account.last_name or "B", "email": email}
    return client.post(reverse("accounts:edit", args=[account.pk]), data)


def send_link(client, account):
    return client.post(reverse("accounts:password_link", args=[account.pk]), follow=True)


def reset_two_factor(client, account, reason="Phone lost (ticket 12)"):
    data = {"reason": reason}
    return client.post(reverse("accounts:reset_two_factor", args=[account.pk]), data, follow=True)


def ask_account(client, username, role, email=EVIL):
    data = {"username": username, "first_name": "N", "last_name": "N", "email": email, "role": role}
    return client.post(reverse("accounts:create"), data)


def decide(client, change, decision="approve"):
    return client.post(reverse("accounts:change", args=[change.pk]), {"decision": decision, "reason": "ok"})


def pending():
    return list(AccountChange.objects.filter(status="pending").order_by("id"))
