def prosecutor_home(*, user) -> dict:
    return {}
