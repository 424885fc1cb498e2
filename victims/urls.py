from django.urls import path

from victims import subject_access_views, views

app_name = "victims"

urlpatterns = [
    path("", views.victim_list_view, name="list"),
    path("new/", views.victim_create, name="create"),
    path("duplicates/", views.victim_duplicates, name="duplicates"),
    path("<int:pk>/duplicate-of/<int:original_pk>/", views.victim_mark_duplicate, name="mark_duplicate"),
    path("<int:pk>/different-from/<int:other_pk>/", views.victim_distinct, name="distinct"),
    path("<int:pk>/", views.victim_detail, name="detail"),
    path("<int:pk>/edit/", views.victim_edit, name="edit"),
    path("<int:pk>/decide/", views.victim_decide, name="decide"),
    path("<int:pk>/archive/", views.victim_archive, name="archive"),
    path("<int:pk>/assign/", views.victim_assign_view, name="assign"),
    path("<int:pk>/retention-hold/", views.victim_retention_hold, name="retention_hold"),
    path("<int:pk>/own-copy/", subject_access_views.subject_access, name="subject_access"),
]
