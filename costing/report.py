"""The estimate as text (a table per cloud, then the assumptions) or as JSON."""

from __future__ import annotations

import json
from typing import Any

from costing.estimate import Bill, Estimate
from costing.prices import Line

HEADER = f"{'service':<31}{'quantity':>17}  {'unit':<20}{'unit price':>16}{'monthly':>12}"
PER = {1: "", 1_000: "/1K", 10_000: "/10K", 1_000_000: "/1M"}


def as_text(estimate: Estimate) -> str:
    parts = [_bill_text(bill) for bill in estimate.bills]
    parts.append("Assumptions:\n" + "\n".join(f"- {note}" for note in estimate.assumptions))
    return "\n\n".join(parts)


def _bill_text(bill: Bill) -> str:
    rows = [f"{bill.cloud.upper()}, {bill.region}", HEADER, "-" * len(HEADER)]
    rows += [_row(line) for line in bill.lines]
    rows += ["-" * len(HEADER), f"{'total ' + bill.cloud.upper():<86}{_usd(bill.total):>12}"]
    return "\n".join([*rows, f"requests per use case from {_sources(bill.sources)}"])


def _sources(sources: dict[str, str]) -> str:
    if len(set(sources.values())) == 1:
        return f"{next(iter(sources.values()))} (all use cases)"
    return ", ".join(f"{case}: {source}" for case, source in sources.items())


def _row(line: Line) -> str:
    amount = f"{line.unit_price:.10f}".rstrip("0").rstrip(".")
    unit_price = f"${amount}{PER.get(int(line.per), f'/{line.per:g}')}"
    quantity = f"{line.quantity:,.2f}" if line.quantity < 100 else f"{line.quantity:,.0f}"
    return f"{line.meter:<31}{quantity:>17}  {line.unit:<20}{unit_price:>16}{_usd(line.cost):>12}"


def _usd(amount: float) -> str:
    return f"${amount:,.2f}"


def as_json(estimate: Estimate) -> str:
    document: dict[str, Any] = {
        "currency": "USD",
        "clouds": {bill.cloud: _bill_json(bill) for bill in estimate.bills},
        "assumptions": estimate.assumptions,
    }
    return json.dumps(document, indent=2)


def _bill_json(bill: Bill) -> dict[str, Any]:
    lines = [
        {"service": line.meter, "quantity": line.quantity, "unit": line.unit, "per": line.per}
        | {"unit_price": line.unit_price, "monthly_cost": line.cost}
        for line in bill.lines
    ]
    return {
        "region": bill.region,
        "requests_from": bill.sources,
        "lines": lines,
        "total": bill.total,
    }
