from django.urls import path

from services import views

app_name = "services"

urlpatterns = [
    path("victim/<int:victim_pk>/", views.victim_services, name="victim"),
    path("victim/<int:victim_pk>/new/", views.episode_create, name="create"),
    path("<int:pk>/edit/", views.episode_edit, name="edit"),
    path("<int:pk>/close/", views.episode_close, name="close"),
    path("victim/<int:victim_pk>/repatriation/new/", views.repatriation_create, name="repatriation_create"),
    path("repatriation/<int:pk>/edit/", views.repatriation_edit, name="repatriation_edit"),
]
