from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.annual, name="annual"),
    path("<int:year>/export/<str:fmt>/", views.export, name="export"),
]
