"""The admin site is the emergency superuser's alone (roles.md: not a working role): the
administrator role manages accounts in the application (accounts app), audited and under the
two-person rule, and has no admin-site access (is_staff is off). The site logs in through the
application's login, so the superuser passes two-factor authentication too. No case data is
registered here.

The site is read-only, for every model registered on it, ours and other apps' (issue 19, item 4):
a role, a group's permissions, a password or a two-factor device changed here would need no
second administrator and write no audit row. `read_only_site` (called once the admin modules are
loaded, atip.apps) takes adding, changing and deleting away; a POST that tries answers 403 and is
audited as a refused access (atip.audit.AuditMiddleware). Accounts change in the application
(accounts app) or, in an emergency, with `manage.py create_user` (audited); lockouts are lifted
on the account's page (accounts app, audited) or with `manage.py axes_reset_username`."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from atip.models import AuditEvent

User = get_user_model()
admin.site.unregister(User)


def _superuser_only(request) -> bool:
    return request.user.is_active and request.user.is_superuser


def _application_login(request, extra_context=None):
    if request.user.is_authenticated:  # logged in, but not the superuser: nothing here for them
        return redirect("home")
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"))


admin.site.has_permission = _superuser_only
admin.site.login = _application_login


def _never(request, obj=None) -> bool:
    return False


def read_only_site(site=admin.site) -> None:
    """Take adding, changing and deleting away from every model admin registered on `site`."""
    site.disable_action("delete_selected")
    for model_admin in site._registry.values():
        model_admin.has_add_permission = _never
        model_admin.has_change_permission = _never
        model_admin.has_delete_permission = _never


@admin.register(User)
class RoleUserAdmin(UserAdmin):
    """Users with their one role, to read (read_only_site); no superuser flag or per-user
    permissions shown."""

    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("first_name", "last_name", "email")}),
        (
            _("Access"),
            {"fields": ("is_active", "groups"), "description": _("Give exactly one role (group).")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ("last_login", "date_joined")
    list_display = ("username", "first_name", "last_name", "is_active", "role")
    list_filter = ("is_active", "groups")

    @admin.display(description=_("role"))
    def role(self, user):
        return ", ".join(g.name for g in user.groups.all()) or "—"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):  # read-only as every other (read_only_site)
    list_display = ("at", "username", "role", "action", "object_type", "object_ref", "ip", "path")
    list_filter = ("action", "role")
    search_fields = ("username", "object_ref", "path")
