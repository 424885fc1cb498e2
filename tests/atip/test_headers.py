"""Least privilege in the browser (issue 8, point 2): no inline script anywhere, a strict
Content-Security-Policy, a Permissions-Policy, and nothing cached for a logged-in user."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from atip.roles import Role
from tests.factories import CaseFactory, VictimFactory

pytestmark = pytest.mark.django_db
TEMPLATES = Path(settings.BASE_DIR) / "templates"
EVENT_HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)


@pytest.mark.parametrize(
    "path", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: str(p.relative_to(TEMPLATES))
)
def test_no_template_holds_inline_script(path):
    text = path.read_text()
    assert not EVENT_HANDLER.search(text)
    assert not INLINE_SCRIPT.search(text)
    assert "javascript:" not in text


def test_every_response_has_the_policy(client, login):
    login(Role.POLICE)
    response = client.get(reverse("cases:list"))
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert "unsafe" not in policy
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "camera=()" in response["Permissions-Policy"]
    assert "no-store" in response["Cache-Control"]


def test_the_stored_xss_of_issue_8_cannot_run(client, login):
    """A reference `'+alert(document.domain)+'` ran in the police officer's browser from an
    onsubmit attribute. References now have one shape, and no attribute holds script."""
    login(Role.POLICE)
    victim = VictimFactory(given_name="'+alert(document.domain)+'")
    case = CaseFactory(victims=[victim])
    body = client.get(case.get_absolute_url()).content.decode()
    assert "onsubmit" not in body
    assert "'+alert(document.domain)+'" not in body  # escaped as &#x27;
    assert 'data-confirm="Unlink ' in body
