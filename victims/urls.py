from django.urls import path

from victims import views

app_name = "victims"

urlpatterns = [
    path("", views.victim_list_view, name="list"),
    path("new/", views.victim_create, name="create"),
    path("<int:pk>/", views.victim_detail, name="detail"),
    path("<int:pk>/edit/", views.victim_edit, name="edit"),
    path("<int:pk>/decide/", views.victim_decide, name="decide"),
    path("<int:pk>/archive/", views.victim_archive, name="archive"),
]
