from django.urls import path

from casework import approval_views, document_views, notes_views, referral_views, views

app_name = "casework"

urlpatterns = [
    path("victim/<int:victim_pk>/consents/new/", views.consent_create, name="consent_create"),
    path("consents/<int:pk>/edit/", views.consent_edit, name="consent_edit"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("victim/<int:victim_pk>/assessments/new/", views.assessment_create, name="assessment_create"),
    path("assessments/<int:pk>/edit/", views.assessment_edit, name="assessment_edit"),
    path("victim/<int:victim_pk>/plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/goals/new/", views.goal_create, name="goal_create"),
    path("goals/<int:pk>/edit/", views.goal_edit, name="goal_edit"),
    path("plans/<int:pk>/reviews/new/", views.review_create, name="review_create"),
    path("reviews/<int:pk>/edit/", views.review_edit, name="review_edit"),
    path("victim/<int:victim_pk>/referrals/new/", referral_views.referral_create, name="referral_create"),
    path("referrals/<int:pk>/", referral_views.referral_status, name="referral_status"),
    path("referrals/<int:pk>/police/", referral_views.police_referral, name="police_referral"),
    path(
        "victim/<int:victim_pk>/police-referral/", referral_views.presumed_referral, name="presumed_referral"
    ),
    path("victim/<int:victim_pk>/summary/", views.case_summary, name="summary"),
    path("worklist/", views.worklists, name="worklists"),
    # Caseloads: closing and reopening a case, approvals (issue 20.1, 20.4).
    path("victim/<int:victim_pk>/close/", approval_views.closure_create, name="closure_create"),
    path("closures/<int:pk>/decide/", approval_views.closure_decide, name="closure_decide"),
    path("closures/<int:pk>/reopen/", approval_views.closure_reopen, name="closure_reopen"),
    path("plans/<int:pk>/approve/", approval_views.plan_approve, name="plan_approve"),
    # Return and reintegration (issue 20.5).
    path("repatriations/<int:pk>/assessment/", approval_views.return_assessment, name="return_assessment"),
    path(
        "repatriations/<int:pk>/follow-up/<int:months>/",
        approval_views.follow_up_create,
        name="follow_up_create",
    ),
    path("worklist/<slug:kind>/", views.worklist, name="worklist"),
    # Contact notes and documents (issue 20).
    path("victim/<int:victim_pk>/notes/", notes_views.note_list, name="notes"),
    path("victim/<int:victim_pk>/notes/new/", notes_views.note_create, name="note_create"),
    path("notes/<int:pk>/", notes_views.note_detail, name="note"),
    path("notes/<int:pk>/correct/", notes_views.note_correct, name="note_correct"),
    path("victim/<int:victim_pk>/documents/new/", document_views.document_create, name="document_create"),
    path("documents/<int:pk>/download/", document_views.document_download, name="document_download"),
    path("documents/<int:pk>/share/", document_views.document_share, name="document_share"),
    path("documents/<int:pk>/archive/", document_views.document_archive, name="document_archive"),
    path("shares/<int:pk>/unshare/", document_views.document_unshare, name="document_unshare"),
]
