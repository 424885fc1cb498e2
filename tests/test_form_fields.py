"""Every field a form shows is saved by its service: a field added to a form and not to the
service's list (atip.services.model_save writes only the fields it names) would be posted and
silently dropped."""

import importlib
import inspect

from django import forms

from atip.incidents import FIELDS as INCIDENT_FIELDS
from atip.incidents import IncidentForm
from cases.forms import CaseForm, PresumedVictimForm, SuspectForm
from cases.services import CASE_FIELDS, CASE_SETS, PRESUMED_VICTIM_FIELDS, SUSPECT_FIELDS
from casework.approval_forms import ClosureForm, FollowUpForm, ReturnAssessmentForm
from casework.approvals import CLOSURE_FIELDS
from casework.document_services import DOCUMENT_FIELDS
from casework.forms import AssessmentForm, ConsentForm, GoalForm, PlanForm, ReferralForm, ReviewForm
from casework.notes import NOTE_FIELDS
from casework.notes_forms import DocumentForm, NoteCorrectionForm, NoteForm
from casework.referrals import REFERRAL_FIELDS
from casework.returns import ASSESSMENT_FIELDS as RETURN_ASSESSMENT_FIELDS
from casework.returns import FOLLOW_UP_FIELDS
from casework.services import ASSESSMENT_FIELDS, CONSENT_FIELDS, GOAL_FIELDS, PLAN_FIELDS, REVIEW_FIELDS
from prevention.forms import ActivityForm
from prevention.services import ACTIVITY_FIELDS
from prosecutions.forms import ChargeForm, HearingForm, ProsecutionForm
from prosecutions.services import CHARGE_FIELDS, PROSECUTION_FIELDS, hearing_add
from reports.factsheet_texts import TEXT_FIELDS
from reports.forms import FactsheetTextsForm
from services.forms import EpisodeForm, RepatriationForm
from services.services import EPISODE_FIELDS, REPATRIATION_FIELDS
from tests.atip.test_labels import FORM_MODULES
from victims.forms import DecisionForm, RegistrationForm, VictimForm
from victims.services import VICTIM_FIELDS, VICTIM_SETS, victim_decide
from victims.subject_access_views import SubjectAccessForm, subject_access_produce

# Each form that edits a record, and what its service writes of the form's data.
SAVED = {
    VictimForm: (*VICTIM_FIELDS, *VICTIM_SETS),
    PresumedVictimForm: (*PRESUMED_VICTIM_FIELDS, *VICTIM_SETS),  # through victims' victim_register
    CaseForm: (*CASE_FIELDS, *CASE_SETS),
    SuspectForm: SUSPECT_FIELDS,
    EpisodeForm: EPISODE_FIELDS,
    RepatriationForm: REPATRIATION_FIELDS,
    ConsentForm: CONSENT_FIELDS,
    AssessmentForm: ASSESSMENT_FIELDS,
    PlanForm: PLAN_FIELDS,
    GoalForm: GOAL_FIELDS,
    ReviewForm: (*REVIEW_FIELDS, "closes_plan"),  # closes_plan: an argument of review_add
    ReferralForm: REFERRAL_FIELDS,
    ActivityForm: ACTIVITY_FIELDS,
    ProsecutionForm: PROSECUTION_FIELDS,
    ChargeForm: CHARGE_FIELDS,
    NoteForm: NOTE_FIELDS,
    NoteCorrectionForm: NOTE_FIELDS,  # and correction_reason: an argument of note_correct
    DocumentForm: DOCUMENT_FIELDS,  # and the file: an argument of document_add
    RegistrationForm: (*VICTIM_FIELDS, *VICTIM_SETS),  # and responsible_worker, read by victim_register
    ClosureForm: CLOSURE_FIELDS,
    FollowUpForm: FOLLOW_UP_FIELDS,
    ReturnAssessmentForm: RETURN_ASSESSMENT_FIELDS,
    IncidentForm: INCIDENT_FIELDS,
    FactsheetTextsForm: TEXT_FIELDS,
}
# Forms posted as the service's keyword arguments: a field it does not take is a TypeError.
AS_ARGUMENTS = {DecisionForm: victim_decide, HearingForm: hearing_add}
# Forms whose data is the record's keyword arguments (Model(**data)).
AS_MODEL_ARGUMENTS = {SubjectAccessForm: subject_access_produce}


def test_every_field_of_a_form_is_saved_by_its_service():
    for form, saved in SAVED.items():
        assert set(form._meta.fields) <= set(saved), (form.__name__, set(form._meta.fields) - set(saved))


def test_every_field_of_a_form_posted_as_arguments_is_an_argument():
    for form, service in AS_ARGUMENTS.items():
        taken = {p.name for p in inspect.signature(service).parameters.values() if p.kind == p.KEYWORD_ONLY}
        assert set(form._meta.fields) <= taken, (form.__name__, set(form._meta.fields) - taken)


def test_every_form_of_a_record_is_checked_here():
    checked = {*SAVED, *AS_ARGUMENTS, *AS_MODEL_ARGUMENTS}
    for module_name in FORM_MODULES:
        for _name, form in inspect.getmembers(importlib.import_module(module_name), inspect.isclass):
            if issubclass(form, forms.BaseModelForm) and form.__module__ == module_name and form._meta.model:
                assert form in checked, form.__name__
