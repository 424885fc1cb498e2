"""Every page in Spanish shows no text the catalogue has in English (issue 11.4).

Each page of the URL matrix is fetched by each role that may read it, with Spanish chosen, and
again posted empty (the form with its errors). A piece of text on the page, or a title, label or
placeholder, that is exactly an English msgid with a different Spanish translation was left in
English: a string translated too early (at import), or not looked up in the active language.
"""

import gettext
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import Client

from atip.roles import Role
from prevention.models import Activity
from services.models import Repatriation, ServiceEpisode
from tests.factories import UserFactory
from tests.test_catalogue import MO
from tests.test_http_matrix import ROUTES, WHO, answers_of, url, world  # noqa: F401  (world is a fixture)

pytestmark = pytest.mark.django_db
READABLE_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}


def english_with_spanish():
    with MO.open("rb") as catalogue:
        entries = gettext.GNUTranslations(catalogue)._catalog
    return {
        msgid.split("\x04")[-1]  # without its context
        for msgid, msgstr in entries.items()
        if isinstance(msgid, str) and msgid and msgstr != msgid and len(msgid) > 2
    }


ENGLISH = english_with_spanish()


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Texts(HTMLParser):
    """The text people read, less scripts, styles and what is marked as another language (the
    language switch names each language in itself)."""

    def __init__(self):
        super().__init__()
        self.texts, self.open = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in VOID:
            self.open.append(tag in ("script", "style") or attrs.get("lang", "es") not in ("es", ""))
        if not any(self.open):
            self.texts += [value for name, value in attrs.items() if name in READABLE_ATTRIBUTES and value]

    def handle_endtag(self, tag):
        if tag not in VOID and self.open:
            self.open.pop()

    def handle_data(self, data):
        if not any(self.open) and data.strip():
            self.texts.append(" ".join(data.split()))


def english_on(body: str) -> list[str]:
    parser = Texts()
    parser.feed(body)
    return sorted({text for text in parser.texts if text in ENGLISH or text.rstrip(":*") in ENGLISH})


def spanish_client(role=None):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    if role:
        client.force_login(UserFactory(role=role))
    return client


@pytest.fixture
def spanish_world(world):  # noqa: F811
    """The linked records, with free text (names typed by users) that is no English msgid."""
    ServiceEpisode.objects.update(provider="Casa Esperanza")
    Repatriation.objects.update(assisted_by="OIM Guatemala")
    Activity.objects.update(organiser="Consejo ATIPs")
    return world


# CSV, JSON, zip…: codes
FILES = {
    "reports:export",
    "reports:edition",
    "reports:person_level_file",
    "reports:unodc",
    "reports:person_level_archive_file",
}
PAGES = [name for name, (_, methods, _) in ROUTES.items() if "GET" in methods and name not in FILES]


@pytest.mark.parametrize("name", PAGES)
def test_every_page_each_role_reads_is_in_spanish(spanish_world, name):
    _, methods, _ = ROUTES[name]
    found, read = {}, 0
    for who, answer in zip((*WHO, Role.SUPERVISOR), answers_of(name), strict=True):
        if 200 not in (answer if isinstance(answer, tuple) else (answer,)):
            continue
        client = spanish_client(None if who == "anonymous" else who)
        for method in methods:
            path = url(name, spanish_world)
            response = client.generic(method, path, "", "application/x-www-form-urlencoded")
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                assert 'lang="es"' in response.content.decode()[:200]
                read += 1
                if english := english_on(response.content.decode()):
                    found[f"{who} {method}"] = english
    assert read and found == {}


def test_the_error_pages_are_in_spanish(spanish_world):
    not_found = spanish_client(Role.POLICE).get("/no-such-page/")
    forbidden = spanish_client(Role.POLICE).get(url("victims:edit", spanish_world))
    assert (not_found.status_code, forbidden.status_code) == (404, 403)
    for response in (not_found, forbidden):
        assert english_on(response.content.decode()) == []
    assert "Esta página no existe o no está disponible para usted" in not_found.content.decode()
