"""The root URL configuration. atip is the base package and imports no app: each app's routes
are included by the module's name (accounts' sign-in and sign-out at the root of the site)."""

from django.contrib import admin
from django.urls import include, path

from atip import incidents, views

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("accounts.session_urls")),
    path("audit/", views.audit_log, name="audit_log"),
    path("incidents/", incidents.incidents, name="incidents"),
    path("incidents/<int:pk>/", incidents.incident_edit, name="incident_edit"),
    path("session/keep-alive/", views.keep_alive, name="keep_alive"),
    path("accounts/", include("accounts.urls")),
    path("victims/", include("victims.urls")),
    path("services/", include("services.urls")),
    path("cases/", include("cases.urls")),
    path("prosecutions/", include("prosecutions.urls")),
    path("casework/", include("casework.urls")),
    path("prevention/", include("prevention.urls")),
    path("reports/", include("reports.urls")),
    path("admin/", admin.site.urls),
]
