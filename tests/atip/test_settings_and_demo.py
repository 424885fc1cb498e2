import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

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


@pytest.mark.django_db
def test_seed_demo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert Victim.objects.count() == 0


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_prints_logins(settings):
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
