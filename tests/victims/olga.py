"""Olga Díaz, the person the duplicate tests record more than once, and the registration form
that names her (tests/victims/test_likely_matches.py, test_registration_check.py, …)."""

import datetime

from tests.factories import VictimFactory

D = datetime.date


def olga(**fields):
    data = {
        "given_name": "Olga",
        "family_name": "Díaz",
        "nationality": "HN",
        "date_of_birth": D(2001, 2, 3),
        "registered_on": D(2023, 5, 1),
    }
    return VictimFactory(**{**data, **fields})


def form(**overrides):
    data = {
        "given_name": "Olga",
        "family_name": "Diaz",
        "sex": "female",
        "date_of_birth": "2001-02-03",
        "nationality": "HN",
        "registered_on": "2024-03-01",
    }
    data.update(overrides)
    return data


def person(**overrides):
    """`form()` as the service reads it."""
    data = form(**overrides)
    for name in ("date_of_birth", "registered_on"):
        data[name] = D.fromisoformat(data[name]) if data[name] else None
    data["age_estimate"] = int(data["age_estimate"]) if data.get("age_estimate") else None
    return data
