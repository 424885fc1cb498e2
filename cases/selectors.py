def police_home(*, user) -> dict:
    return {}


def victim_case_panel(*, user, victim) -> dict:
    """Context for templates/cases/_victim_cases.html on a victim's page (cases of the victim)."""
    return {}
