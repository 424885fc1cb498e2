def seed(*, rng, victims, users) -> None:
    """Demo cases, suspects (and prosecutions) consistent with the demo victims."""
