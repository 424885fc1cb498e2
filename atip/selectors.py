from django.contrib.auth import get_user_model
from django.db.models import Count

from atip.homes import home_page
from atip.models import AuditEvent
from atip.roles import Role


@home_page(Role.ADMINISTRATOR, "home/administrator.html")
def administrator_home(*, user) -> dict:
    """Users per role and the latest refused accesses: what an administrator watches."""
    users = get_user_model().objects.filter(is_active=True)
    return {
        "users_by_role": users.values("groups__name").annotate(n=Count("id")).order_by("groups__name"),
        "recent_refusals": AuditEvent.objects.filter(action=AuditEvent.Action.DENIED)[:10],
        "recent_failed_logins": AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED)[:10],
    }
