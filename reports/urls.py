from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.annual, name="annual"),
    path("<int:year>/export/<str:fmt>/", views.export, name="export"),
    path("<int:year>/publish/", views.publish, name="publish"),
    path("<int:year>/editions/<int:number>/<str:fmt>/", views.edition_file, name="edition"),
    path("person-level/", views.person_level, name="person_level"),
    path("person-level/<str:fmt>.csv", views.person_level_file, name="person_level_file"),
]
