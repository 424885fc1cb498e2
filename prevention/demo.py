def seed(*, rng, users) -> None:
    """Demo prevention activities over several years."""
