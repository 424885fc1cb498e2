"""The login lockout (django-axes), with two limits: AXES_FAILURE_LIMIT failures for one username
from one address, and AXES_ADDRESS_FAILURE_LIMIT from one address whatever the usernames. Behind
a proxy the address is the client's (atip.audit.client_ip, AXES_CLIENT_IP_CALLABLE), so that
one person's mistakes never lock everybody out."""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum

from atip.audit import login_name


def lockout_username(request, credentials) -> str:
    """AXES_USERNAME_CALLABLE: the lockout's records keep what the audit log keeps of a typed
    username (atip.audit.login_name), never a password typed into the wrong box."""
    typed = (credentials or {}).get("username")
    if typed is None and request is not None:
        typed = request.POST.get("username")
    return login_name(typed)


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler, for AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"],
    "ip_address"]: a limit of its own for each (axes has one for all)."""

    def get_failures(self, request, credentials=None) -> int:
        pair, address = (
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        # Axes compares one number with AXES_FAILURE_LIMIT: the address's failures are shifted
        # so that they reach it exactly when they reach AXES_ADDRESS_FAILURE_LIMIT.
        return max(pair, address - (settings.AXES_ADDRESS_FAILURE_LIMIT - settings.AXES_FAILURE_LIMIT))

    def reset_user_attempts(self, request, credentials=None) -> int:
        # A successful login clears that username's failures from that address, not the
        # address's count for every username.
        pair, _address = self.filter_user_attempts(request, credentials)
        count, _ = pair.delete()
        return count
