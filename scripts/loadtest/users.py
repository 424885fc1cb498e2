"""The simulated staff: each role's pages, weighted as they use them, 1–3 s apart."""

import itertools
import math
import random
import re
from urllib.parse import urlencode

from locust import FastHttpUser, between, task

from .plan import (
    CASE_FILTERS,
    DEEP_PAGE_FROM,
    NAME_SEARCHES,
    PROSECUTION_FILTERS,
    REPORT_YEARS,
    VICTIM_FILTERS,
    Plan,
)
from .writes import CLOSE_LINK, POLICE_WRITES, SOCIAL_WORKER_WRITES, filled, form_errors, pick

PLAN = Plan()
_ACCOUNTS: dict[str, itertools.cycle] = {}
WAITED = [0.0]  # seconds the simulated staff have spent between pages in this run
LOGGED_IN = [0]  # staff of this run who have logged in and opened their home page


def use(plan: Plan) -> None:
    """The plan the simulated staff follow (set once, before the first run)."""
    global PLAN
    PLAN = plan
    for role, accounts in plan.accounts.items():
        _ACCOUNTS[role] = itertools.cycle(accounts)


CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Staff(FastHttpUser):
    abstract = True
    role = ""
    home = ""  # the name of its home page's row
    think = between(1, 3)

    def wait_time(self) -> float:
        """1–3 s between pages; the seconds waited are added up (the scenario's ceiling)."""
        seconds = self.think()
        WAITED[0] += seconds
        return seconds

    def page(self, path: str, name: str):
        """GET one page by its path on HOST; anything but 200 (a redirect to the login page, a 404,
        a 500) is an error."""
        assert path.startswith("/") and not path.startswith("//")
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {path}")
            return response

    def write(self, name: str, path: str) -> str | None:
        """Open a form (its GET a page of its own, "… (form)"), fill it as a person would, post it:
        anything but a redirect (the form again with an error, a 403, a 500) is an error, reported
        with what the page said to fix. The redirect's target, or None."""
        form = self.page(path, f"{name} (form)")
        if form.status_code != 200:
            return None
        fields = filled(name, form.text or "", today())
        self.wait()  # filling it in
        with self.client.post(
            path,
            name=f"write: {name}",
            data=urlencode(fields, doseq=True),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": self.host + path},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 200:
                response.failure(f"form refused: {form_errors(response.text or '')}")
                return None
            if response.status_code != 302:
                response.failure(f"{response.status_code} for POST {path}")
                return None
            return response.headers.get("Location")

    def on_start(self):
        username, password = next(_ACCOUNTS[self.role])
        urls = PLAN.urls
        form = self.page(urls["login"], "login form")
        token = CSRF_INPUT.search(form.text or "")
        self.wait()  # typing
        body = urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token[1] if token else ""}
        )
        with self.client.post(
            urls["login"],
            name="login",
            data=body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or response.headers.get("Location") != urls["home"]:
                response.failure(f"login as {username} refused ({response.status_code})")
        self.page(PLAN.urls["home"], self.home)  # where the login redirects
        LOGGED_IN[0] += 1


def today() -> str:
    """Today where the application is (TIME_ZONE): a date past it is refused."""
    from django.utils import timezone

    return timezone.localdate().isoformat()


class SocialWorker(Staff):
    role, home = "social_worker", "sw home"
    # Reads weigh 22: two writes in 24 actions, one in twelve (loadtest.writes).

    def on_start(self):
        self.cared_for: list[int] = []  # victims this person added a service to
        super().on_start()

    @task(2)
    def writes(self):
        kind = pick(SOCIAL_WORKER_WRITES)
        if kind == "service closed" and not self.cared_for:
            kind = "service added"
        if kind == "decision" and not PLAN.presumed:
            kind = "note"
        getattr(self, "write_" + kind.replace(" ", "_"))()

    def write_service_added(self):
        pk = random.choice(PLAN.victims)
        if self.write("service added", PLAN.urls["service added"].format(pk)):
            self.cared_for.append(pk)

    def write_service_closed(self):
        pk = self.cared_for.pop(0)
        links = CLOSE_LINK.findall(
            self.page(PLAN.urls["victim services"].format(pk), "victim services").text or ""
        )
        if links:
            self.wait()
            self.write("service closed", random.choice(links))

    def write_note(self):
        pk = random.choice(PLAN.victims)
        self.write("note", PLAN.urls["note"].format(pk))

    def write_consent(self):
        self.write("consent", PLAN.urls["consent"].format(random.choice(PLAN.victims)))

    def write_decision(self):
        pk = PLAN.presumed.pop()
        self.write("decision", PLAN.urls["decision"].format(pk))

    @task(4)
    def home_page(self):
        self.page(PLAN.urls["home"], self.home)

    @task(4)
    def victim_list(self):
        self.page(PLAN.urls["victims"], "victim list")

    @task(2)
    def victim_list_filtered(self):
        self.page(f"{PLAN.urls['victims']}?{random.choice(VICTIM_FILTERS)}", "victim list filtered")

    @task(2)
    def victim_search_reference(self):
        self.page(
            f"{PLAN.urls['victims']}?{urlencode({'q': random.choice(PLAN.references)})}",
            "victim list search (reference)",
        )

    @task(2)
    def victim_search_name(self):
        query = urlencode({"q": random.choice(NAME_SEARCHES)})
        self.page(f"{PLAN.urls['victims']}?{query}", "victim list search (name)")

    @task(2)
    def victim_deep_page(self):
        last = PLAN.victim_pages
        self.page(
            f"{PLAN.urls['victims']}?page={random.randint(min(DEEP_PAGE_FROM, last), last)}",
            "victim list deep page",
        )

    @task(6)
    def victim_and_services(self):
        pk = random.choice(PLAN.victims)
        self.page(PLAN.urls["victim"].format(pk), "victim detail")
        self.wait()
        self.page(PLAN.urls["victim services"].format(pk), "victim services")


class PoliceOfficer(Staff):
    role, home = "police", "police home"
    # Reads weigh 16: two writes in 18 actions, one in nine (loadtest.writes).

    @task(2)
    def writes(self):
        if pick(POLICE_WRITES) == "case reported":
            self.write("case reported", PLAN.urls["case reported"])
        else:
            self.write("suspect added", PLAN.urls["suspect added"].format(random.choice(PLAN.cases)))

    @task(4)
    def home_page(self):
        self.page(PLAN.urls["home"], self.home)

    @task(4)
    def case_list(self):
        self.page(PLAN.urls["cases"], "case list")

    @task(2)
    def case_list_filtered(self):
        self.page(f"{PLAN.urls['cases']}?{random.choice(CASE_FILTERS)}", "case list filtered")

    @task(6)
    def case_and_victim(self):
        case = random.choice(PLAN.cases)
        self.page(PLAN.urls["case"].format(case), "case detail (police)")
        self.wait()
        self.page(
            PLAN.urls["victim"].format(random.choice(PLAN.case_victims[case])), "victim detail (police)"
        )


class Prosecutor(Staff):
    role, home = "prosecutor", "prosecutor home"

    @task(2)
    def home_page(self):
        self.page(PLAN.urls["home"], self.home)

    @task(2)
    def prosecution_list(self):
        self.page(PLAN.urls["prosecutions"], "prosecution list")

    @task
    def prosecution_list_filtered(self):
        self.page(
            f"{PLAN.urls['prosecutions']}?{random.choice(PROSECUTION_FILTERS)}", "prosecution list filtered"
        )

    @task(3)
    def prosecution_and_case(self):
        prosecution, case = random.choice(PLAN.prosecutions)
        self.page(PLAN.urls["prosecution"].format(prosecution), "prosecution detail")
        self.wait()
        self.page(PLAN.urls["case"].format(case), "case detail (prosecutor)")


class Secretary(Staff):
    role, home = "secretary", "secretary home"

    @task(1)
    def home_page(self):
        self.page(PLAN.urls["home"], self.home)

    @task
    def statistics(self):
        self.page(f"{PLAN.urls['statistics']}?year={random.choice(REPORT_YEARS)}", "statistics")

    @task
    def prevention(self):
        pages = max(1, math.ceil(PLAN.activities / 25))
        suffix = "" if random.random() < 0.7 else f"?page={random.randint(2, max(2, pages))}"
        self.page(f"{PLAN.urls['prevention']}{suffix}", "prevention list")


USER_CLASSES = [SocialWorker, PoliceOfficer, Prosecutor, Secretary]


def weigh_writes(times: int) -> None:
    """Writes `times` as often as a working day has them (load_test.py --write-weight)."""
    for cls in (SocialWorker, PoliceOfficer):
        cls.tasks = [task for task in cls.tasks if task is not cls.writes] + [cls.writes] * (2 * times)


ROW_ORDER = [
    "login form",
    "login",
    "sw home",
    "victim list",
    "victim list filtered",
    "victim list search (reference)",
    "victim list search (name)",
    "victim list deep page",
    "victim detail",
    "victim services",
    "police home",
    "case list",
    "case list filtered",
    "case detail (police)",
    "victim detail (police)",
    "prosecutor home",
    "prosecution list",
    "prosecution list filtered",
    "prosecution detail",
    "case detail (prosecutor)",
    "secretary home",
    "statistics",
    "prevention list",
]
