def secretary_home(*, user) -> dict:
    return {}
