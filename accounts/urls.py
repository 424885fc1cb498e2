from django.urls import path

from accounts import auth_views, languages, undertaking_views, views

app_name = "accounts"

urlpatterns = [
    path("language/", languages.choose_language, name="language"),
    path("users/", views.account_list, name="list"),
    path("users/new/", views.account_create, name="create"),
    path("users/<int:pk>/", views.account_detail, name="detail"),
    path("users/<int:pk>/role/", views.account_role, name="role"),
    path("users/<int:pk>/edit/", views.account_edit, name="edit"),
    path("users/<int:pk>/deactivate/", views.account_deactivate, name="deactivate"),
    path("users/<int:pk>/reactivate/", views.account_reactivate, name="reactivate"),
    path("users/<int:pk>/reset-two-factor/", views.account_reset_two_factor, name="reset_two_factor"),
    path("users/<int:pk>/unlock/", views.account_unlock, name="unlock"),
    path("users/<int:pk>/password-link/", views.account_password_link, name="password_link"),
    path("changes/<int:pk>/", views.change_decide, name="change"),
    path("undertaking/", undertaking_views.undertaking, name="undertaking"),
    path("undertaking/edit/", undertaking_views.undertaking_edit, name="undertaking_edit"),
    path("login/code/", auth_views.login_code, name="login_code"),
    path("two-factor/", auth_views.two_factor_setup, name="two_factor"),
    path("two-factor/backup-codes/", auth_views.backup_codes, name="backup_codes"),
    path("password/<uidb64>/<token>/", auth_views.PasswordSetView.as_view(), name="password_set"),
    path("password/done/", auth_views.PasswordDoneView.as_view(), name="password_done"),
]
