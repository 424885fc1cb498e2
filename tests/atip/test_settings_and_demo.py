import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse

from casework.models import Closure, ClosureStatus
from victims.models import Victim

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    """manage.py in a fresh process, with the environment of the tests less DEBUG and
    SECRET_KEY (pytest sets DEBUG=true), plus `env`."""
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, "DATABASE_URL": "sqlite:///:memory:", **env},
        capture_output=True,
        text=True,
    )


def run_check(**env):
    return run_manage("check", **env)


def test_debug_is_off_unless_set():
    code = "from django.conf import settings; print(settings.DEBUG)"
    result = run_manage("shell", "-v", "0", "-c", code, SECRET_KEY="x" * 64)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_without_debug_or_a_secret_key_it_refuses_to_start():
    result = run_check()
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_development_needs_debug_said_explicitly():
    assert run_check(DEBUG="true").returncode == 0


def test_production_refuses_to_start_without_a_secret_key():
    result = run_check(DEBUG="false", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_starts_with_a_real_secret_key():
    assert run_check(DEBUG="false", SECRET_KEY="x" * 64).returncode == 0


def test_the_deploy_check_wants_a_document_key_of_its_own():
    """Documents are encrypted with DOCUMENT_KEY (issue 20.3): production stores and reads none
    without it, and `check --deploy` says so; a malformed key fails every check."""
    production = {"DEBUG": "false", "SECRET_KEY": "x" * 64}
    missing = run_manage("check", "--deploy", **production)
    assert missing.returncode != 0 and "casework.E002" in missing.stderr
    key = "A" * 43 + "="  # 32 bytes in base64
    assert "casework.E00" not in run_manage("check", "--deploy", **production, DOCUMENT_KEY=key).stderr
    malformed = run_check(**production, DOCUMENT_KEY="not-a-key")
    assert malformed.returncode != 0 and "casework.E001" in malformed.stderr


@pytest.mark.django_db
def test_seed_demo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert Victim.objects.count() == 0


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_prints_logins(settings, client):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    count = Victim.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert count > 20
    assert Victim.objects.count() == count
    assert "social.worker" in out.getvalue() and "demo-password-2026" in out.getvalue()
    statuses = set(Victim.objects.values_list("identification_status", flat=True))
    assert statuses == {"presumed", "identified", "not_victim"}
    assert len(set(Victim.objects.values_list("nationality", flat=True))) >= 5
    _the_caseload_demo(client, out.getvalue())


def _the_caseload_demo(client, printed):
    """Issue 20: a supervisor's login, caseloads of two workers, a closure waiting on the
    supervisor's home, a case reassigned to the demo worker, and a 3-month follow-up due."""
    assert "supervisor" in printed and "Supervisor (Department of Human Services)" in printed
    workers = set(Victim.objects.values_list("responsible_worker__username", flat=True))
    assert {"social.worker", "demo.counsellor"} <= workers
    waiting = Closure.objects.get(status=ClosureStatus.WAITING)
    assert Closure.objects.filter(status=ClosureStatus.CLOSED, victim__closed_on__isnull=False).exists()
    client.force_login(User.objects.get(username="supervisor"))
    assert (
        reverse("casework:closure_decide", args=[waiting.pk]) in client.get(reverse("home")).content.decode()
    )
    client.force_login(User.objects.get(username="social.worker"))
    home = client.get(reverse("home")).content.decode()
    assert "The second worker is on leave" in home  # told of the case given to her
    due = client.get(reverse("casework:worklist", args=["follow-ups-due"]), {"caseload": "mine"})
    assert "3-month follow-up after the return" in due.content.decode()
