from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from atip.roles import Ability, can


def requires(ability: Ability, *, forbidden: bool = False):
    """Log-in, then the ability from the role table; without it, 404 (or 403 if `forbidden`).

    404 is the default: a role that may not see a kind of record is not told that it exists.
    Use `forbidden=True` for an action on a record the role can see but may not change.
    The refusal is audited by atip.middleware.AuditRefusalMiddleware.
    """

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not can(request.user, ability):
                raise PermissionDenied if forbidden else Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
