"""The load test of scripts/load_test.py: its plan (accounts, ids, pages), gunicorn, the simulated
staff and the results."""

# Locust patches the standard library for gevent when it is imported: it must come first.
import locust  # noqa: F401
