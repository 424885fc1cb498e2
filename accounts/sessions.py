"""Sessions expire after 30 minutes idle (roles.md): each request moves the expiry on, but the
session is written at most once a minute — not a database write at every page (at national
scale, one in every request). A session thus ends between 29 and 30 minutes after its last
request: never later than the rule says."""

from django.utils import timezone

TOUCHED = "atip_touched"  # when the expiry was last moved on (seconds since the epoch)
TOUCH_EVERY = 60  # seconds


class SessionTouchMiddleware:
    """Right after SessionMiddleware (with SESSION_SAVE_EVERY_REQUEST off): marks a session with
    something in it as changed once a minute, so that SessionMiddleware saves it with a new expiry."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(timezone.now().timestamp())
            if now - session.get(TOUCHED, 0) >= TOUCH_EVERY:
                session[TOUCHED] = now
        return response
