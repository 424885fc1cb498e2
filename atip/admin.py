"""The admin site is the administrator's: users and their role, and the audit log (read-only).
No case data is registered here (roles.md: the administrator sees no case data)."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from atip.models import AuditEvent

User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class RoleUserAdmin(UserAdmin):
    """Users with their one role; no superuser flag or per-user permissions to hand out."""

    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "email")}),
        ("Access", {"fields": ("is_active", "groups"), "description": "Give exactly one role (group)."}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ("last_login", "date_joined")
    list_display = ("username", "first_name", "last_name", "is_active", "role")
    list_filter = ("is_active", "groups")

    @admin.display(description="role")
    def role(self, user):
        return ", ".join(g.name for g in user.groups.all()) or "—"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "username", "role", "action", "object_type", "object_ref", "ip", "path")
    list_filter = ("action", "role")
    search_fields = ("username", "object_ref", "path")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
