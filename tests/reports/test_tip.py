"""TIP Report indicators (docs/tip-indicators.md) at their edges, and their section."""

import datetime

import pytest

from reports.figures import compute_figures
from reports.sections import build
from reports.tip import convicted_by_form, sentences, victims_by_form, victims_referred
from tests.factories import (
    CaseFactory,
    ChargeFactory,
    ProsecutionFactory,
    ServiceEpisodeFactory,
    VictimFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date


JUNE_2020 = D(2020, 6, 1)


def convict(suspect=None, form="sexual", months=None, on=JUNE_2020, **kwargs):
    extra = {"suspect": suspect} if suspect else {}
    return ChargeFactory(
        outcome="convicted",
        verdict_date=on,
        exploitation_form=form,
        sentence_months=months,
        **extra,
        **kwargs,
    )


def test_convicted_persons_by_kind_of_trafficking():
    charge = convict(form="sexual")
    convict(suspect=charge.suspect, form="sexual", prosecution=charge.prosecution)  # same person, once
    convict(form="domestic_servitude")
    convict(form="forced_begging")
    convict(form="organ_removal")
    convict(form="")
    earlier = ProsecutionFactory(case=CaseFactory(reported_on=D(2019, 1, 2)), filed_on=D(2019, 2, 1))
    convict(form="sexual", on=D(2019, 12, 31), prosecution=earlier)  # the year before
    assert convicted_by_form(2020) == {
        "sex_trafficking": 1,
        "labour_trafficking": 2,
        "other_forms": 1,
        "not_specified": 1,
    }


def test_sentences_count_each_person_once_by_the_longest_term():
    first = convict(months=6)
    convict(suspect=first.suspect, months=60, prosecution=first.prosecution)  # 5 years: the longest
    convict(months=11)
    convict(months=12)
    convict(months=59)
    convict(months=120)
    convict(months=None)
    assert sentences(2020) == {
        "none_recorded": 1,
        "under_12_months": 1,
        "12_to_59_months": 2,
        "60_to_119_months": 1,
        "120_months_or_more": 1,
    }


def test_victims_by_kind_and_referred_to_services():
    both = VictimFactory(status="identified", identification_date=D(2020, 3, 1))
    both.exploitation_forms.set(["sexual", "forced_labour"])
    ServiceEpisodeFactory(victim=both, start_date=D(2018, 1, 1))  # any date counts
    labour = VictimFactory(status="identified", identification_date=D(2020, 3, 1))
    labour.exploitation_forms.set(["forced_criminality"])
    VictimFactory(status="identified", identification_date=D(2020, 3, 1))  # no form, no service
    assert victims_by_form(2020, not_specified=1) == {
        "sex_trafficking": 1,
        "labour_trafficking": 2,
        "other_forms": 0,
        "not_specified": 1,
    }
    assert victims_referred(2020) == 1


def test_the_tip_section_suppresses_victims_not_convictions():
    VictimFactory(status="identified", identification_date=D(2020, 3, 1))
    convict(months=30)
    layout = build(compute_figures(2020), public=True)
    shown = layout.display()
    assert shown["tip.persons_convicted"] == 1
    assert shown["tip.sentences.12_to_59_months"] == 1
    assert shown["tip.victims.form.not_specified"] == "<5"
    tip = next(s for s in layout.sections if s.key == "tip")
    assert [t.key for t in tip.tables] == [
        "tip_law_enforcement",
        "tip_convicted_by_form",
        "tip_sentences",
        "tip_victims_identified",
        "tip_victims_by_age",
        "tip_victims_referred",
    ]
