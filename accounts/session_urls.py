"""Signing in and out, at the root of the site: /login/ and /logout/, named "login" and
"logout" without a namespace (settings.LOGIN_URL, the templates and the tests name them so).
accounts registers them itself, so that the root URL configuration (atip.urls) imports no app:
it includes this module by name, as it includes each app's urls."""

from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import auth_views as accounts_views

urlpatterns = [
    path("login/", accounts_views.login, name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
