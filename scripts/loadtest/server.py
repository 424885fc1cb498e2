"""gunicorn with production settings on 127.0.0.1, started and stopped by the load test."""

import contextlib
import ctypes
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import gevent
import psutil  # a dependency of Locust

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"  # the only address the load test ever sends a request to


def production_env(url: str) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "atip.settings",
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),  # 86 characters, new for every run
        "ALLOWED_HOSTS": HOST,
        # No TLS on 127.0.0.1: no redirect to HTTPS, cookies without the Secure flag.
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        # Axes stays on (its work on every login is part of the load); 30+ logins come from one address.
        "AXES_FAILURE_LIMIT": "100000",
        "AXES_ADDRESS_FAILURE_LIMIT": "100000",
        # The simulated staff log in with a password only: no authenticator app to read a code from.
        "TWO_FACTOR_REQUIRED": "false",
        # Kept figures shared by gunicorn's processes, as docker-compose.yml sets it.
        "CACHE_URL": f"filecache://{tempfile.gettempdir()}/atip-load-test-cache-{os.getpid()}",
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    """In the child: get SIGTERM if this script dies without cleaning up (Linux)."""
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _has_gunicorn_option(option: str) -> bool:
    from gunicorn.config import KNOWN_SETTINGS

    return any(option in setting.cli for setting in KNOWN_SETTINGS if setting.cli)


class Gunicorn:
    def __init__(self, *, env: dict[str, str], workers: int, threads: int, log_path: Path):
        self.env, self.workers, self.threads, self.log_path = env, workers, threads, log_path
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self, ready_path: str, timeout: float = 60) -> None:
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "atip.wsgi:application",
            "--config",
            str(ROOT / "gunicorn.conf.py"),
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(self.workers),
            "--threads",
            str(self.threads),
            "--chdir",
            str(ROOT),
        ]
        if _has_gunicorn_option("--no-control-socket"):  # newer gunicorn: its default path is shared
            command.append("--no-control-socket")
        self.log = open(self.log_path, "w")  # closed in stop()
        self.proc = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**os.environ, **self.env},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped as one, not by the terminal's Ctrl-C
            preexec_fn=_die_with_parent,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.proc.returncode}); see {self.log_path}")
            with contextlib.suppress(OSError):
                connection = http.client.HTTPConnection(HOST, self.port, timeout=5)
                connection.request("GET", ready_path)
                if connection.getresponse().status == 200:
                    connection.close()
                    return
                connection.close()
            gevent.sleep(0.5)
        raise RuntimeError(
            f"gunicorn did not answer {ready_path} within {timeout:.0f} s; see {self.log_path}"
        )

    def cpu_seconds(self) -> float:
        """CPU time used so far by the gunicorn master and its workers."""
        if self.proc is None or self.proc.poll() is not None:
            return 0.0
        total = 0.0
        with contextlib.suppress(psutil.Error):
            master = psutil.Process(self.proc.pid)
            for process in [master, *master.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    times = process.cpu_times()
                    total += times.user + times.system
        return total

    def stop(self) -> None:
        """Stop gunicorn and its workers (its process group): TERM, then KILL after 15 s."""
        if self.proc is None:
            return
        proc, self.proc = self.proc, None
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
        self.log.close()


class FiguresService:
    """docker-compose.yml's `figures` beside the server: `manage.py keep_figures` every
    FIGURES_EVERY seconds (the settings' default, 300), the first time after one interval (the load
    test has just run it). Without it, a run longer than the interval finds the figures overdue
    and the statistics page computes them itself after every write."""

    def __init__(self, *, env: dict[str, str], log_path: Path):
        self.env, self.log_path = env, log_path
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        from django.conf import settings

        every = int(self.env.get("FIGURES_EVERY", settings.FIGURES_EVERY))
        loop = f"while true; do sleep {every}; '{sys.executable}' manage.py keep_figures; done"
        self.log = open(self.log_path, "w")  # closed in stop()
        self.proc = subprocess.Popen(
            ["sh", "-c", loop],
            cwd=ROOT,
            env={**os.environ, **self.env},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )

    def stop(self) -> None:
        if self.proc is None:
            return
        proc, self.proc = self.proc, None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # a computation cut short keeps nothing half-done
        proc.wait(timeout=5)
        self.log.close()
