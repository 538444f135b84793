"""Fixtures for residences: `house` is North House of Maple House (kept by jo), with two rooms of
two beds, where river has lived for 30 days in Room 1, bed A."""

import pytest

from .helpers import make_house, move_in


@pytest.fixture
def house(residence, people):
    house = make_house(residence, people.jo)
    move_in(people.jo, house, people.river)
    return house


@pytest.fixture
def program(house):
    return house.program
