from django.contrib.auth import get_user_model
from django.db.models import Count

from atip.models import AuditEvent


def administrator_home(*, user) -> dict:
    """Users per role and the latest refused accesses: what an administrator watches."""
    users = get_user_model().objects.filter(is_active=True)
    return {
        "users_by_role": users.values("groups__name").annotate(n=Count("id")).order_by("groups__name"),
        "recent_refusals": AuditEvent.objects.filter(action=AuditEvent.Action.DENIED)[:10],
        "recent_failed_logins": AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED)[:10],
    }
