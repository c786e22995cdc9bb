"""Listings around Rochester, MN (and one in Chicago) for the distance tests."""

import pytest

from tests.factories import PhysicianFactory


@pytest.fixture
def minnesota(db):
    return {
        "rochester": PhysicianFactory(name="Dr. Sample Avery", zip_code="55905"),
        "stewartville": PhysicianFactory(name="Dr. Sample Stew", zip_code="55976"),
        "minneapolis": PhysicianFactory(
            name="Dr. Sample Blake", zip_code="55455", city="Minneapolis", specialty="neurology"
        ),
        "chicago": PhysicianFactory(
            name="Dr. Sample Ellis", zip_code="60611", city="Chicago", state="IL"
        ),
    }
