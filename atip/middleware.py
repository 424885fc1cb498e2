from django.core.exceptions import PermissionDenied
from django.http import Http404

from atip.audit import Action, audit


class AuditRefusalMiddleware:
    """Writes every refused access (404 or 403 raised by a view) to the audit log, in one place.

    The view's own transaction has been rolled back by then, so the event is written on its own.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404 | PermissionDenied):
            match = request.resolver_match
            kwargs = match.kwargs if match else {}
            audit(
                action=Action.DENIED,
                request=request,
                object_type=match.view_name if match else "",
                object_id=str(next(iter(kwargs.values()), "")),
                detail="403 forbidden" if isinstance(exception, PermissionDenied) else "404 not found",
            )
        return None
