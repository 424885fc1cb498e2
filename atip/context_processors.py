from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from atip.roles import Ability, can, role_of

# The navigation: (label, URL name, the ability it needs). A role sees only what it may use.
NAVIGATION = [
    (_("Home"), "home", None),
    (_("Victims"), "victims:list", Ability.LIST_VICTIMS),
    (_("Cases"), "cases:list", Ability.VIEW_CASES),
    (_("Prosecutions"), "prosecutions:list", Ability.VIEW_PROSECUTIONS),
    (_("Prevention"), "prevention:list", Ability.VIEW_PREVENTION),
    (_("Statistics"), "reports:annual", Ability.VIEW_STATISTICS),
    (_("Performance"), "reports:performance", Ability.VIEW_PERFORMANCE),  # how well the unit works
    (_("Users"), "accounts:list", Ability.MANAGE_USERS),
    (_("Audit log"), "audit_log", Ability.VIEW_AUDIT),
    (_("Two-factor"), "accounts:two_factor", None),
]


# Each namespace's first entry stands for its pages that have no entry of their own: the
# statistics' exports and editions are "Statistics", how well the unit works is not.
_OWN_ENTRIES = {url_name for _label, url_name, _ability in NAVIGATION}
_SECTIONS: dict[str, str] = {}
for _label, _url_name, _ability in NAVIGATION:
    _SECTIONS.setdefault(_url_name.rpartition(":")[0], _url_name)


def _current(request, url_name: str) -> bool:
    """Whether the page is `url_name`'s: the page itself, or a page of the namespace it stands for."""
    match = request.resolver_match
    if match is None:
        return False
    if match.view_name == url_name:
        return True
    namespace = url_name.rpartition(":")[0]
    return (
        bool(namespace)
        and _SECTIONS[namespace] == url_name
        and match.namespace == namespace
        and match.view_name not in _OWN_ENTRIES
    )


def role(request):
    """The user's role, the abilities templates need, and the navigation they may use (with the
    current section marked for aria-current)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "role": role_of(user),
        "can": {ability.value: can(user, ability) for ability in Ability},
        "navigation": [
            {"label": label, "url": reverse(url_name), "current": _current(request, url_name)}
            for label, url_name, ability in NAVIGATION
            if ability is None or can(user, ability)
        ],
        "session_seconds": settings.SESSION_COOKIE_AGE,
    }


def languages(request):
    """The languages the switch offers, each named in itself ("Español" also on an English page;
    Django's get_available_languages would translate the names)."""
    return {"language_choices": settings.LANGUAGES}
