from atip.roles import Ability, can, role_of


def role(request):
    """The user's role and the abilities the navigation needs, so templates show only those."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "role": role_of(user),
        "can": {ability.value: can(user, ability) for ability in Ability},
    }
