"""Rounding to the nearest, halves away from zero; what counts as a JSON number."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.numbers import is_number, is_whole, round_half_away


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (0.5, 0, "1"),
        (1.5, 0, "2"),
        (2.5, 0, "3"),
        (-0.5, 0, "-1"),
        (-2.5, 0, "-3"),
        (0.49, 0, "0"),
        (17.6, 0, "18"),
        (0.125, 2, "0.13"),
        (0.005, 2, "0.01"),
        (-0.125, 2, "-0.13"),
        (2.675, 2, "2.68"),
        (0.8, 2, "0.80"),
        (1.994999, 2, "1.99"),
    ],
)
def test_halves_round_away_from_zero(value: float, places: int, expected: str) -> None:
    rounded = round_half_away(value, places)
    assert rounded == Decimal(expected)
    assert str(rounded) == expected


@pytest.mark.parametrize(
    ("value", "whole"), [(0, True), (-3, True), (True, False), (1.0, False), ("1", False)]
)
def test_whole_numbers_are_ints_that_are_not_bools(value: object, whole: bool) -> None:
    assert is_whole(value) is whole


@pytest.mark.parametrize(
    ("value", "number"),
    [
        (0, True),
        (1.5, True),
        (-1e300, True),
        pytest.param(10**400, True, id="huge-int"),
        pytest.param(-(10**400), True, id="huge-negative-int"),
        (False, False),
        (float("nan"), False),
        (float("inf"), False),
        (float("-inf"), False),
        ("1.5", False),
        (None, False),
    ],
)
def test_numbers_are_finite_and_not_bools(value: object, number: bool) -> None:
    assert is_number(value) is number
