"""Unit prices from costing/pricing.json, and the cost of a month's quantities at them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs

PRICING = Path(__file__).resolve().parent / "pricing.json"


@attrs.frozen
class Line:
    """One service meter of the bill."""

    meter: str
    quantity: float
    unit: str
    unit_price: float
    per: float
    cost: float


def load_pricing(path: Path = PRICING) -> dict[str, Any]:
    pricing: dict[str, Any] = json.loads(path.read_text())
    return pricing


def price(quantities: dict[str, float], prices: dict[str, Any], free_tier: bool) -> list[Line]:
    """Every quantity at its list price; with free_tier, the monthly always-free amount comes off first."""
    unknown = set(quantities) - set(prices)
    if unknown:
        raise KeyError(f"no price in pricing.json for {', '.join(sorted(unknown))}")
    return [
        _line(meter, quantities[meter], prices[meter], free_tier) for meter in sorted(quantities)
    ]


def _line(meter: str, quantity: float, entry: dict[str, Any], free_tier: bool) -> Line:
    billed = max(0.0, quantity - entry.get("free_per_month", 0)) if free_tier else quantity
    cost = billed / entry["per"] * entry["price"]
    return Line(meter, quantity, entry["unit"], entry["price"], entry["per"], cost)
