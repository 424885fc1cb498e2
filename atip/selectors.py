from django.contrib.auth import get_user_model
from django.db.models import Count

from atip.audit_log import action_filter
from atip.homes import home_page
from atip.models import AuditEvent
from atip.roles import Role


@home_page(Role.ADMINISTRATOR, "home/administrator.html")
def administrator_home(*, user) -> dict:
    """Users per role and the latest refused accesses: what an administrator watches."""
    users = get_user_model().objects.filter(is_active=True)
    return {
        "users_by_role": [
            # The role's name in the reader's language, not its code.
            {
                "role": Role(row["groups__name"]).label if row["groups__name"] in Role.values else "",
                "n": row["n"],
            }
            for row in users.values("groups__name").annotate(n=Count("id")).order_by("groups__name")
        ],
        # Refusals, not anonymous requests sent to log in (atip.audit_log, issue 21.11).
        "recent_refusals": action_filter(AuditEvent.objects.all(), AuditEvent.Action.DENIED)[:10],
        "recent_failed_logins": AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED)[:10],
    }
