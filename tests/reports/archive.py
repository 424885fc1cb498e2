"""The encrypted HTCDS archive as a secretary gets it (reports.sharing_views), for the tests."""

import io

import pyzipper
from django.urls import reverse

ARCHIVE = reverse("reports:person_level_archive")


def htcds_archive(client, agreement="DSA-2026-03"):
    """(the response of the page that shows the password, the CSV's text once decrypted)."""
    page = client.post(ARCHIVE, {"agreement": agreement})
    archive = page.context["archive"]
    content = client.get(reverse("reports:person_level_archive_file", args=[archive.token])).content
    with pyzipper.AESZipFile(io.BytesIO(content)) as opened:
        opened.setpassword(archive.password.encode())
        text = opened.read("htcds-victims.csv").decode("utf-8-sig")
    return page, text
