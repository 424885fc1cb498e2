def social_worker_home(*, user) -> dict:
    return {}
