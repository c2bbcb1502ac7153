"""The estimate: a workload, the requests per use case, the prices; one bill per cloud."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from costing.bench import bench_overrides
from costing.meters import aws_meters, azure_meters, storage_assumptions
from costing.prices import Line, load_pricing, price
from costing.profiles import Profiles, aws_defaults, azure_defaults
from costing.workload import Workload

BENCH_RESULTS = Path(__file__).resolve().parents[1] / "bench" / "results.json"


@attrs.frozen
class Bill:
    cloud: str
    region: str
    lines: list[Line]
    sources: dict[str, str]  # use case → where its request counts came from

    @property
    def total(self) -> float:
        return sum(line.cost for line in self.lines)


@attrs.frozen
class Estimate:
    bills: list[Bill]
    assumptions: list[str]


def estimate(
    workload: Workload,
    *,
    free_tier: bool = False,
    bench: Path = BENCH_RESULTS,
    pricing: dict[str, Any] | None = None,
) -> Estimate:
    pricing = pricing or load_pricing()
    measured = bench_overrides(bench, workload)
    bills = [
        _bill("aws", aws_defaults(workload), measured, workload, pricing, free_tier),
        _bill("azure", azure_defaults(workload), measured, workload, pricing, free_tier),
    ]
    tier = "free tiers taken off (--free-tier)" if free_tier else "free tiers ignored"
    notes = [*workload.assumptions(), *storage_assumptions(), f"list prices, {tier}"]
    return Estimate(bills, notes)


def _bill(
    cloud: str,
    defaults: Profiles,
    measured: dict[str, Profiles],
    workload: Workload,
    pricing: dict[str, Any],
    free_tier: bool,
) -> Bill:
    bench = measured.get(cloud, {})
    profiles = {case: {**profile, **bench.get(case, {})} for case, profile in defaults.items()}
    sources = {
        case: "bench/results.json" if bench.get(case) else "ARCHITECTURE.md" for case in defaults
    }
    meters = aws_meters if cloud == "aws" else azure_meters
    lines = price(meters(profiles, workload), pricing[cloud]["prices"], free_tier)
    return Bill(cloud, pricing[cloud]["region"], lines, sources)
