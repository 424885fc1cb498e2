from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from atip.roles import Ability, can


def requires(ability: Ability):
    """Log-in, then the ability from the role table; without it, 404: a role that may not see a
    kind of record is not told that it exists. The refusal is audited by atip.audit.AuditMiddleware.
    """

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not can(request.user, ability):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
