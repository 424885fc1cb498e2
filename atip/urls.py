from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import auth_views as accounts_views
from atip import views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", accounts_views.login, name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("audit/", views.audit_log, name="audit_log"),
    path("session/keep-alive/", views.keep_alive, name="keep_alive"),
    path("accounts/", include("accounts.urls")),
    path("victims/", include("victims.urls")),
    path("services/", include("services.urls")),
    path("cases/", include("cases.urls")),
    path("prosecutions/", include("prosecutions.urls")),
    path("prevention/", include("prevention.urls")),
    path("reports/", include("reports.urls")),
    path("admin/", admin.site.urls),
]
