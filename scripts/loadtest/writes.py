"""What staff write during the day, as the load test does it: through the application's own forms
(GET the form, fill what a person would, POST), each answered by a redirect or counted an error.

The proportions of a working day (one write in about twelve actions of a social worker, one in
about ten of a police officer; issue 24): of a social worker's writes, 30 % a service added,
20 % a service closed, 25 % a contact note, 10 % a consent, 15 % an identification decision; of a
police officer's, 60 % a case reported, 40 % a suspect added to a case.
"""

import datetime
import random
import re
from html import unescape
from html.parser import HTMLParser

SOCIAL_WORKER_WRITES = {"service added": 30, "service closed": 20, "note": 25, "consent": 10, "decision": 15}
POLICE_WRITES = {"case reported": 60, "suspect added": 40}
WRITE_NAMES = [*SOCIAL_WORKER_WRITES, *POLICE_WRITES]
# The form pages, by URL name, with the id they take ("{}").
FORM_URL_NAMES = {
    "service added": "services:create",
    "service closed": "services:close",
    "note": "casework:note_create",
    "consent": "casework:consent_create",
    "decision": "victims:decide",
    "case reported": "cases:create",
    "suspect added": "cases:suspect_create",
}
# The link to close an ongoing service, on a victim's services page.
CLOSE_LINK = re.compile(r'href="(/services/\d+/close/)"')


class FormReader(HTMLParser):
    """The fields of the page's own form: the first <form method="post"> without an action (the
    header's language switch and log-out post elsewhere), with what a person would put in the
    required ones left empty (today for a date, 30 for a number, a short text) and the first
    choice of a list or of radio buttons. Checked boxes of one name make a list."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str | list[str]] = {}
        self._radios: dict[str, str] = {}  # each group's first value, if none is checked
        self._select: str | None = None
        self._state = "before"  # "in" the page's form, then "after"

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and self._state == "before":
            if (a.get("method") or "").lower() == "post" and not a.get("action"):
                self._state = "in"
            return
        if self._state != "in":
            return
        if tag == "option" and self._select:  # an option has no name: its select's
            value = a.get("value", "")
            if value and (self._select not in self.fields or "selected" in a):
                self.fields[self._select] = value
        if not a.get("name"):
            return
        name = a["name"]
        if tag == "input":
            self._input(name, (a.get("type") or "text").lower(), a)
        elif tag == "select":
            self._select = name
        elif tag == "textarea":
            self.fields[name] = "Load test" if "required" in a else ""

    def _input(self, name: str, kind: str, a: dict) -> None:
        if kind == "radio":
            self._radios.setdefault(name, a.get("value", "on"))
            if "checked" in a:
                self.fields[name] = a.get("value", "on")
        elif kind == "checkbox":
            if "checked" in a:
                self.fields.setdefault(name, []).append(a.get("value", "on"))
        elif kind not in ("submit", "button", "file"):
            typed = {"date": datetime.date.today().isoformat(), "number": "30"}.get(kind, "Load test")
            self.fields[name] = a.get("value") or (typed if "required" in a else "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form" and self._state == "in":
            self._state = "after"

    def close(self):
        super().close()
        for name, value in self._radios.items():
            self.fields.setdefault(name, value)


def form_fields(html: str) -> dict[str, str | list[str]]:
    reader = FormReader()
    reader.feed(html)
    reader.close()
    return reader.fields


ERROR_SUMMARY = re.compile(r"<div[^>]*data-error-summary[^>]*>(.*?)</div>", re.S)
TAG = re.compile(r"<[^>]+>")


def form_errors(html: str) -> str:
    """What a refused form says to fix (templates/partials/error_summary.html), on one line."""
    found = ERROR_SUMMARY.search(html)
    if not found:
        return "no error summary on the page"
    items = re.findall(r"<li>(.*?)</li>", found[1], re.S)
    return "; ".join(unescape(" ".join(TAG.sub("", item).split())) for item in items)


SERVICES = ["medical", "psychological", "legal", "material", "education"]


def typed(kind: str, today: str) -> dict[str, str]:
    """What a person types or chooses in a write's form, over what the form already holds (its
    hidden version, its defaults, the first choice of each list)."""
    return {
        "service added": {"service_type": random.choice(SERVICES), "start_date": today, "end_date": ""},
        "service closed": {"end_date": today},
        "note": {"kind": "phone_call", "happened_on": today, "text": "Load test: a call."},
        # The guardian who answered: required for a minor, kept for an adult (the load test does
        # not know the person's age).
        "consent": {
            "purpose": "services",
            "answer": "given",
            "decided_on": today,
            "method": "signed_form",
            "guardian_name": "Load Test",
        },
        "decision": {"status": "identified", "decided_on": today, "identified_by": "human_services"},
        "case reported": {"reported_on": today, "summary": "Load test: a report."},
        "suspect added": {"given_name": "Load", "family_name": "Test", "sex": "male"},
    }[kind]


def filled(kind: str, html: str, today: str) -> dict[str, str | list[str]]:
    """The form of `html` as a person posts it for a write of `kind`."""
    return {**form_fields(html), **typed(kind, today)}


def pick(weights: dict[str, int]) -> str:
    return random.choices(list(weights), weights=list(weights.values()))[0]
