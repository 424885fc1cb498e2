import datetime

import pytest

from atip.roles import Role
from tests.factories import UserFactory, VictimFactory


@pytest.fixture
def victims():
    """Six victims identified in 2020, of one nationality: figures above any threshold."""
    return [
        VictimFactory(status="identified", identification_date=datetime.date(2020, 4, 1), nationality="GT")
        for _ in range(6)
    ]


@pytest.fixture
def secretary():
    return UserFactory(role=Role.SECRETARY)
