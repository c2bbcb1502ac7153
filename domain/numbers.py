"""Rounding as the product owner wants it: to the nearest, halves away from zero."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeGuard


def exact(value: float | int | Decimal) -> Decimal:
    """The decimal a number was written as (0.1 stays 0.1, not 0.1000000000000000055…)."""
    return value if isinstance(value, Decimal) else Decimal(repr(value))


def round_half_away(value: float | Decimal, places: int = 0) -> Decimal:
    """`value` rounded to `places` decimals, halves away from zero (Decimal's ROUND_HALF_UP)."""
    quantum = Decimal(1).scaleb(-places)
    return exact(value).quantize(quantum, rounding=ROUND_HALF_UP)


def is_whole(value: object) -> TypeGuard[int]:
    """A JSON whole number: an int that is not a bool."""
    return type(value) is int or (isinstance(value, int) and not isinstance(value, bool))


def is_number(value: object) -> TypeGuard[int | float]:
    """A finite JSON number that is not a bool."""
    kind = type(value)  # the exact types first: every reading asks, several times
    if kind is float:
        return math.isfinite(value)  # type: ignore[arg-type]
    if kind is int:
        return True
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    # A whole number is finite however long; math.isfinite would overflow on 10**400.
    return isinstance(value, int) or math.isfinite(value)
