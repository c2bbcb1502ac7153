"""The estimate as text (a table per cloud and for the server, the comparison, then the
assumptions) or as JSON."""

from __future__ import annotations

import json
from typing import Any

from costing.estimate import Bill, Estimate
from costing.prices import Line

HEADER = f"{'service':<31}{'quantity':>17}  {'unit':<20}{'unit price':>16}{'monthly':>12}"
PER = {1: "", 1_000: "/1K", 10_000: "/10K", 1_000_000: "/1M"}
TITLES = {"aws": "AWS", "azure": "AZURE", "server": "ONE SERVER (AWS EC2 + RDS)"}


def as_text(estimate: Estimate) -> str:
    parts = [_bill_text(bill, estimate.measured_by) for bill in estimate.bills]
    parts.append(_comparison(estimate.bills))
    parts.append("Assumptions:\n" + "\n".join(f"- {note}" for note in estimate.assumptions))
    return "\n\n".join(parts)


def _bill_text(bill: Bill, measured_by: str | None) -> str:
    rows = [f"{TITLES[bill.cloud]}, {bill.region}", HEADER, "-" * len(HEADER)]
    rows += [_row(line) for line in bill.lines]
    total = f"total {TITLES[bill.cloud]}"
    rows += ["-" * len(HEADER), f"{total:<86}{_usd(bill.total):>12}"]
    if bill.sources:
        rows.append(f"requests per use case from {_sources(bill.sources, measured_by)}")
    return "\n".join(rows)


def _comparison(bills: list[Bill]) -> str:
    lines = [
        f"  {TITLES[b.cloud]:<28}{_usd(b.total):>12} a month  {_usd(b.per_tracker, 3):>9} per tracker"
        for b in bills
    ]
    return "Per tracker and month:\n" + "\n".join(lines)


def _sources(sources: dict[str, str], measured_by: str | None) -> str:
    def named(source: str) -> str:
        return (
            f"{source} ({measured_by})" if source.startswith("bench/") and measured_by else source
        )

    if len(set(sources.values())) == 1:
        return f"{named(next(iter(sources.values())))} (all use cases)"
    return ", ".join(f"{case}: {named(source)}" for case, source in sources.items())


def _row(line: Line) -> str:
    amount = f"{line.unit_price:.10f}".rstrip("0").rstrip(".")
    unit_price = f"${amount}{PER.get(int(line.per), f'/{line.per:g}')}"
    quantity = f"{line.quantity:,.2f}" if line.quantity < 100 else f"{line.quantity:,.0f}"
    return f"{line.meter:<31}{quantity:>17}  {line.unit:<20}{unit_price:>16}{_usd(line.cost):>12}"


def _usd(amount: float, places: int = 2) -> str:
    return f"${amount:,.{places}f}"


def as_json(estimate: Estimate) -> str:
    document: dict[str, Any] = {
        "currency": "USD",
        "clouds": {bill.cloud: _bill_json(bill) for bill in estimate.bills if bill.sources},
        "server": next((_bill_json(b) for b in estimate.bills if not b.sources), None),
        "measured_by": estimate.measured_by,
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
        "per_tracker": bill.per_tracker,
    }
