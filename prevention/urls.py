from django.urls import path

from prevention import views

app_name = "prevention"

urlpatterns = [
    path("", views.activity_list_view, name="list"),
    path("new/", views.activity_create, name="create"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/edit/", views.activity_edit, name="edit"),
]
