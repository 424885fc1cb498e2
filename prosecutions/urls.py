from django.urls import path

from prosecutions import views

app_name = "prosecutions"

urlpatterns = [
    path("", views.prosecution_list_view, name="list"),
    path("new/<int:case_pk>/", views.prosecution_create, name="create"),
    path("<int:pk>/", views.prosecution_detail, name="detail"),
    path("<int:pk>/edit/", views.prosecution_edit, name="edit"),
    path("<int:pk>/hearings/new/", views.hearing_create, name="hearing_create"),
    path("hearings/<int:pk>/edit/", views.hearing_edit, name="hearing_edit"),
    path("<int:pk>/charges/new/", views.charge_create, name="charge_create"),
    path("charges/<int:pk>/edit/", views.charge_edit, name="charge_edit"),
]
