"""Issue 21, item 7, in a real Chromium at phone and desk sizes, with axe-core: a referral refused
for want of consent offers "Record consent for this agency"; the consent form comes pre-filled
(agency, the guardian on the record) and brings her back to the referral with what she typed.
Screenshots in test-results/referral-consent/, to be looked at."""

import datetime
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from casework.models import Consent, Referral
from tests.browser.screens import VIEWPORTS, checked, logged_in
from tests.factories import UserFactory, VictimFactory

SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "referral-consent"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "Necesita una cama esta noche; habla solo k'iche'."


@pytest.mark.parametrize("device", VIEWPORTS)
def test_a_referral_without_consent_goes_on_after_the_consent_is_recorded(live_server, browser, device):
    today = timezone.localdate()
    victim = VictimFactory(
        given_name="Lucía",
        family_name="Tzoc",
        date_of_birth=today - datetime.timedelta(days=16 * 365),
        registered_on=today - datetime.timedelta(days=3),
        guardian_name="Ana Tzoc",
        guardian_relationship="tía",
    )
    UserFactory(username="maria.sw")
    context, page = logged_in(browser, live_server, device, "maria.sw")
    found = {}

    page.goto(live_server.url + f"/casework/victim/{victim.pk}/referrals/new/")
    page.get_by_label("Referred to").select_option("ngo")
    page.get_by_label("Name of the NGO or agency").fill("Casa Esperanza")
    page.get_by_label("Reason for the referral").fill(REASON)
    page.get_by_label("What was shared").fill("Nombre, edad.")
    page.get_by_role("button", name="Record the referral").click()
    expect(
        page.get_by_text("No consent to share with Casa Esperanza (NGO) is recorded.").first
    ).to_be_visible()
    checked(page, SHOTS, device, "1-refused", found)

    page.get_by_role("button", name="Record consent for this agency").click()
    expect(page.get_by_text("The referral is kept as you typed it")).to_be_visible()
    expect(page.get_by_label("Agency (for sharing)")).to_have_value("ngo")
    expect(page.get_by_label("Name of the NGO or agency")).to_have_value("Casa Esperanza")
    expect(page.get_by_label("Parent or guardian who answered")).to_have_value("Ana Tzoc (tía)")
    page.get_by_label("How").select_option("signed_form")
    checked(page, SHOTS, device, "2-consent", found)
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("Consent recorded.")).to_be_visible()
    expect(page.get_by_label("Reason for the referral")).to_have_value(REASON)
    expect(page.get_by_label("Name of the NGO or agency")).to_have_value("Casa Esperanza")
    checked(page, SHOTS, device, "3-back-to-the-referral", found)
    page.get_by_role("button", name="Record the referral").click()
    expect(page.get_by_text(re.compile("Referral to Casa Esperanza \\(NGO\\) recorded."))).to_be_visible()
    context.close()

    referral = Referral.objects.get()
    assert referral.consent == Consent.objects.get() and referral.reason == REASON
    assert found == {}
