from django.urls import path

from casework import referral_views, views

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
    path("worklist/<slug:kind>/", views.worklist, name="worklist"),
]
