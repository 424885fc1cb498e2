def police_home(*, user) -> dict:
    return {}
