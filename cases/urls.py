from django.urls import path

from cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list_view, name="list"),
    path("new/", views.case_create, name="create"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/edit/", views.case_edit, name="edit"),
    path("<int:pk>/status/", views.case_status, name="status"),
    path("<int:pk>/suspects/new/", views.suspect_create, name="suspect_create"),
    path("suspects/<int:pk>/edit/", views.suspect_edit, name="suspect_edit"),
    path("<int:pk>/victims/request/", views.request_victim, name="request_victim"),
    path("<int:pk>/victims/new/", views.case_register_victim, name="register_victim"),
    path("<int:pk>/victims/<int:victim_pk>/unlink/", views.case_unlink_victim, name="unlink_victim"),
    path("request-link/<int:victim_pk>/", views.request_case, name="request_case"),
    path("link-requests/<int:pk>/", views.decide_request, name="decide_request"),
]
