"""The audit log as people read it (issue 21.11): a display of the rows atip.audit writes, which
it never changes.

- **One line per page view.** The reads of one response are appended together (atip.audit
  `_write`): the same user, moment and page, consecutive in the chain. They are shown as one line,
  "Viewed the victim list, 25 people", with the references behind a disclosure. A line is led by
  its last row: a read is a line's leader when no later read of the filtered rows has the same
  moment, user and page. Pages of lines are pages of leaders, so that the query count stays the
  same whatever the rows: the count, the page's leaders (and the next one, which bounds the
  page), the rows between them.
- **A login redirect is not a refusal.** An anonymous request sent to the login page is written
  as a refusal with the detail LOGIN_REQUIRED; it is shown, and filtered, as what it is.
- **Details in words,** in the reader's language: what is written in codes ("role: role
  secretary → police") is said as a sentence ("role changed from Council secretary to Police
  officer"); a detail the log does not know how to say is shown as written.
"""

import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from atip.audit import LOGIN_REQUIRED
from atip.models import AuditEvent
from atip.roles import Role

Action = AuditEvent.Action
LOGIN_REDIRECT = "login_redirect"  # the action filter's value for LOGIN_REQUIRED refusals


# --- Lines -------------------------------------------------------------------------------------


@dataclass
class Line:
    """One line of the log: an event, or the reads of one page view (`rows`, latest first)."""

    event: AuditEvent  # the latest row: who, when, where
    rows: list[AuditEvent] = field(default_factory=list)

    @property
    def grouped(self) -> bool:
        return self.event.action == Action.VIEW

    @property
    def count(self) -> int:
        return len(self.rows) or 1

    @property
    def references(self) -> list[str]:
        return sorted({row.object_ref for row in self.rows if row.object_ref})

    @property
    def login_redirect(self) -> bool:
        return is_login_redirect(self.event)

    @property
    def action_label(self) -> str:
        if self.login_redirect:
            return str(SENT_TO_LOG_IN)
        return self.event.get_action_display()

    @property
    def role_label(self) -> str:
        return Role(self.event.role).label if self.event.role in Role.values else self.event.role

    @property
    def words(self) -> str:
        if self.grouped:
            places = sorted({row.detail for row in self.rows} or {self.event.detail})
            return viewed(", ".join(str(place_words(place)) for place in places), self.count)
        return detail_words(self.event)


def is_login_redirect(event: AuditEvent) -> bool:
    return event.action == Action.DENIED and event.user_id is None and event.detail == LOGIN_REQUIRED


def _same_view(rows: QuerySet) -> QuerySet:
    """The reads among `rows` of the same page view as the outer row, written after it."""
    return rows.filter(
        action=Action.VIEW,
        at=OuterRef("at"),
        user_id=OuterRef("user_id"),
        path=OuterRef("path"),
        seq__gt=OuterRef("seq"),
    )


def leaders(events: QuerySet) -> QuerySet:
    """The row that leads each line of `events` (filtered): latest first."""
    return events.exclude(Q(action=Action.VIEW) & Exists(_same_view(events))).order_by("-seq")


def _key(event: AuditEvent) -> tuple:
    return (event.at, event.user_id, event.path) if event.action == Action.VIEW else (event.seq,)


def page_of_lines(request, events: QuerySet, *, size: int) -> Page:
    """The page of lines of `events` that ?page= asks for (the last one when out of range), in
    four queries whatever its rows: the lines' count, the page's leaders and the next one, the
    rows of the page's page views."""
    led = leaders(events)
    page = Paginator(led, size).get_page(request.GET.get("page"))
    start = (page.number - 1) * size
    found = list(led.select_related("user")[start : start + size + 1])
    shown, after = found[:size], found[size:]
    lines = [Line(event) for event in shown]
    if any(line.grouped for line in lines):
        by_key = {_key(line.event): line for line in lines if line.grouped}
        rows = events.filter(action=Action.VIEW, seq__lte=shown[0].seq)
        if after:
            rows = rows.filter(seq__gt=after[0].seq)
        for row in rows.order_by("-seq").only(
            "seq", "at", "user", "path", "action", "object_type", "object_id", "object_ref", "detail"
        ):
            if (line := by_key.get(_key(row))) is not None:
                line.rows.append(row)
    page.object_list = _with_accounts(lines)
    return page


def _with_accounts(lines: list[Line]) -> list[Line]:
    """`line.event.account`: the account an event is about, when it is one (one query for the
    page), so that its line shows the full name and e-mail beside the username (issue 19, item 3)."""
    events = [line.event for line in lines]
    ids = {int(e.object_id) for e in events if e.object_type == "user" and e.object_id.isdigit()}
    accounts = get_user_model().objects.in_bulk(ids) if ids else {}
    for event in events:
        event.account = accounts.get(int(event.object_id)) if event.object_type == "user" else None
    return lines


# --- Words ---------------------------------------------------------------------------------------


def viewed(place: str, count: int) -> str:
    if not place:
        return ngettext("Viewed %(count)s person's record", "Viewed %(count)s people's records", count) % {
            "count": count
        }
    return ngettext("Viewed %(place)s, %(count)s person", "Viewed %(place)s, %(count)s people", count) % {
        "place": place,
        "count": count,
    }


# Where a person's record was shown (atip.reads `where=`), as the pages write it.
PLACES = {
    "victim list": gettext_lazy("the victim list"),
    "home page": gettext_lazy("the home page"),
    "services": gettext_lazy("a person's services"),
    "registration": gettext_lazy("the registration form"),
    "edit page": gettext_lazy("a person's edit page"),
    "decision page": gettext_lazy("the identification decision page"),
    "assign page": gettext_lazy("the caseload assignment page"),
    "subject access": gettext_lazy("a subject access request"),
    "possible duplicates": gettext_lazy("the possible duplicates"),
    "case summary": gettext_lazy("a case summary"),
    "link request page": gettext_lazy("the link request page"),
    "contact notes page": gettext_lazy("a person's contact notes"),
    "closure page": gettext_lazy("the closure page"),
    "presumed-victim referral page": gettext_lazy("the presumed-victim referral page"),
}
# Records a page is about ("contact note 12", "new referral page"), by the names people use.
THINGS = {
    "service": gettext_lazy("service"),
    "repatriation": gettext_lazy("repatriation"),
    "document": gettext_lazy("document"),
    "contact note": gettext_lazy("contact note"),
    "referral": gettext_lazy("referral"),
    "consent": gettext_lazy("consent"),
    "assessment": gettext_lazy("assessment"),
    "care plan": gettext_lazy("care plan"),
    "goal": gettext_lazy("goal"),
    "review": gettext_lazy("review"),
    "closure": gettext_lazy("closure"),
}
PAGES = {
    "": gettext_lazy("%(thing)s %(number)s"),
    "edit page": gettext_lazy("the edit page of %(thing)s %(number)s"),
    "close page": gettext_lazy("the closing page of %(thing)s %(number)s"),
    "share page": gettext_lazy("the sharing page of %(thing)s %(number)s"),
    "archive page": gettext_lazy("the archiving page of %(thing)s %(number)s"),
    "correction page": gettext_lazy("the correction page of %(thing)s %(number)s"),
    "withdrawal page": gettext_lazy("the withdrawal page of %(thing)s %(number)s"),
    "decision page": gettext_lazy("the decision page of %(thing)s %(number)s"),
    "reopen page": gettext_lazy("the reopening page of %(thing)s %(number)s"),
    "review page": gettext_lazy("the review page of %(thing)s %(number)s"),
    "new goal page": gettext_lazy("the new goal page of %(thing)s %(number)s"),
    "return assessment": gettext_lazy("the return assessment of %(thing)s %(number)s"),
    "follow-up": gettext_lazy("the follow-up of %(thing)s %(number)s"),
}
_THING = "|".join(sorted(map(re.escape, THINGS), key=len, reverse=True))
_NUMBERED = re.compile(rf"(?P<thing>{_THING}) (?P<number>\d+)(?: (?P<page>.+))?\Z")
_NEW = re.compile(rf"new (?P<thing>{_THING}) page\Z")
_CASE = re.compile(r"(?P<from>registration from )?case (?P<ref>\S+)\Z")
_MATCHES = re.compile(r"likely matches at (?P<place>.+)\Z")
_WORKLIST = re.compile(r"worklist (?P<kind>\S+)\Z")


def place_words(place: str) -> str:
    """Where a read happened, in the reader's language; as written when not known."""
    if place in PLACES:
        return str(PLACES[place])
    if match := _NUMBERED.match(place):
        page = match["page"] or ""
        if page in PAGES:
            return str(PAGES[page]) % {"thing": THINGS[match["thing"]], "number": match["number"]}
    if match := _NEW.match(place):
        return _("the form for a new %(thing)s") % {"thing": THINGS[match["thing"]]}
    if match := _CASE.match(place):
        if match["from"]:
            return _("the registration of a presumed victim from case %(reference)s") % {
                "reference": match["ref"]
            }
        return _("case %(reference)s") % {"reference": match["ref"]}
    if match := _MATCHES.match(place):
        return _("the likely matches on %(place)s") % {"place": place_words(match["place"])}
    if match := _WORKLIST.match(place):
        return _("the worklist (%(kind)s)") % {"kind": match["kind"].replace("_", " ")}
    return place


def role_words(code: str) -> str:
    """A role code of an account's audit row ("-": none) by its name."""
    if code in Role.values:
        return str(Role(code).label)
    return _("no role") if code in ("", "-") else code


# Account changes (accounts.services.audit_change): "<kind>: role <old> → <new>[; <note>]…".
_ACCOUNT = re.compile(r"(?P<kind>\w+): role (?P<old>\S+) → (?P<new>\S+)(?:; (?P<notes>.*))?\Z", re.S)
_COMMAND_ROLE = re.compile(r"manage\.py create_user: role (?P<old>\S+) → (?P<new>\S+)\Z")
_COMMAND_RENAME = re.compile(r"manage\.py rename_user: (?P<old>.+) → (?P<new>\S+)\Z")
_UNKNOWN_USERNAME = re.compile(r"\(unknown username, (?P<n>\d+) characters\)\Z")
_WRONG_CODE = re.compile(r"(?P<username>.+): wrong two-factor code\Z")

ACCOUNT_KINDS = {
    "email": gettext_lazy("e-mail address changed"),
    "name": gettext_lazy("name changed"),
    "deactivate": gettext_lazy("account deactivated"),
    "reactivate": gettext_lazy("account reactivated"),
    "reset_2fa": gettext_lazy("two-factor authentication reset"),
    "password_link": gettext_lazy("password link sent"),
}
PREFIXES = {
    Action.ACCOUNT_REQUEST: gettext_lazy("asked: %(change)s"),
    Action.ACCOUNT_APPROVE: gettext_lazy("approved: %(change)s"),
    Action.ACCOUNT_REJECT: gettext_lazy("rejected: %(change)s"),
}
REFUSALS = {
    "403 forbidden": gettext_lazy("not allowed to this role (403)"),
    "404 not found": gettext_lazy("not found, or not theirs to see (404)"),
    LOGIN_REQUIRED: gettext_lazy("not logged in: sent to the login page"),
}


def _account_change(kind: str, old: str, new: str) -> str:
    if kind == "role":
        return _("role changed from %(old)s to %(new)s") % {"old": role_words(old), "new": role_words(new)}
    if kind == "create":
        return _("account created with the role %(role)s") % {"role": role_words(new)}
    if kind in ACCOUNT_KINDS:
        return str(ACCOUNT_KINDS[kind])
    return f"{kind}: {role_words(old)} → {role_words(new)}"


def _note(note: str) -> str:
    if note.startswith("requested by "):
        return _("asked by %(username)s") % {"username": note.removeprefix("requested by ")}
    if note == "e-mail not sent":
        return _("the e-mail could not be sent")
    if note.startswith("reason: "):
        return _("reason: %(reason)s") % {"reason": note.removeprefix("reason: ")}
    return note


def detail_words(event: AuditEvent) -> str:
    """The event's detail in words, in the reader's language; as written when not known."""
    detail = event.detail
    if event.action == Action.DENIED:
        if detail.startswith("403 CSRF"):
            return _("the form had expired or came from another site (CSRF)")
        return str(REFUSALS.get(detail, detail))
    if event.action == Action.LOGIN_FAILED:
        if match := _UNKNOWN_USERNAME.match(detail):
            return _("an unknown username (%(n)s characters)") % {"n": match["n"]}
        if match := _WRONG_CODE.match(detail):
            return _("as %(username)s: wrong two-factor code") % {"username": match["username"]}
        return _("as %(username)s") % {"username": detail} if detail else ""
    if match := _COMMAND_ROLE.match(detail):
        change = _account_change("role" if match["old"] != "-" else "create", match["old"], match["new"])
        return _("on the server's command line: %(change)s") % {"change": change}
    if match := _COMMAND_RENAME.match(detail):
        return _("on the server's command line: username changed from %(old)s to %(new)s") % {
            "old": match["old"].strip("'\""),
            "new": match["new"],
        }
    if match := _ACCOUNT.match(detail):
        change = _account_change(match["kind"], match["old"], match["new"])
        if event.action in PREFIXES:
            change = str(PREFIXES[event.action]) % {"change": change}
        notes = [_note(note) for note in (match["notes"] or "").split("; ") if note]
        return "; ".join([change, *notes])
    return detail


SENT_TO_LOG_IN = gettext_lazy("Sent to log in")


def action_choices():
    """The action filter's choices: the actions, and login redirects apart from refusals."""
    return [*Action.choices, (LOGIN_REDIRECT, SENT_TO_LOG_IN)]


def action_filter(events: QuerySet, value: str) -> QuerySet:
    """The events of the action `value` (LOGIN_REDIRECT: refusals that were login redirects;
    DENIED: the other refusals)."""
    login_redirects = Q(action=Action.DENIED, user__isnull=True, detail=LOGIN_REQUIRED)
    if value == LOGIN_REDIRECT:
        return events.filter(login_redirects)
    if value == Action.DENIED:
        return events.filter(action=value).exclude(login_redirects)
    return events.filter(action=value)
