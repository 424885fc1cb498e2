from django.urls import path

from reports import factsheet_texts_views, kpi_views, sharing_views, views

app_name = "reports"

urlpatterns = [
    path("", views.annual, name="annual"),
    path("<int:year>/export/<str:fmt>/", views.export, name="export"),
    path("<int:year>/publish/", views.publish, name="publish"),
    path("<int:year>/editions/<int:number>/<str:fmt>/", views.edition_file, name="edition"),
    path("<int:year>/unodc.<str:fmt>", views.unodc, name="unodc"),
    path(
        "<int:year>/factsheet-texts/<str:language>/",
        factsheet_texts_views.factsheet_texts,
        name="factsheet_texts",
    ),
    path("how-well/", kpi_views.performance, name="performance"),
    path("person-level/", views.person_level, name="person_level"),
    path("person-level/<str:fmt>.csv", views.person_level_file, name="person_level_file"),
    path("person-level/archive/", sharing_views.person_level_archive, name="person_level_archive"),
    path(
        "person-level/archive/<str:token>.zip",
        sharing_views.person_level_archive_file,
        name="person_level_archive_file",
    ),
]
