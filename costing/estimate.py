"""The estimate: a workload, the requests per use case, the prices; one bill per cloud, and the
same load on one always-on server for comparison."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from costing.bench import bench_overrides, bench_run
from costing.meters import aws_meters, azure_meters, storage_assumptions
from costing.prices import Line, load_pricing, price
from costing.profiles import Profiles, aws_defaults, azure_defaults
from costing.server import server_assumptions, server_meters
from costing.workload import Workload

BENCH_RESULTS = Path(__file__).resolve().parents[1] / "bench" / "results.json"
DOCUMENTED = "ARCHITECTURE.md"


@attrs.frozen
class Bill:
    cloud: str
    region: str
    lines: list[Line]
    sources: dict[str, str]  # use case → where its request counts came from
    trackers: int = 1

    @property
    def total(self) -> float:
        return sum(line.cost for line in self.lines)

    @property
    def per_tracker(self) -> float:
        return self.total / self.trackers


@attrs.frozen
class Estimate:
    bills: list[Bill]
    assumptions: list[str]
    measured_by: str | None = None  # the bench run the measured counts come from


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
        _server_bill(workload, pricing),
    ]
    tier = "free tiers taken off (--free-tier)" if free_tier else "free tiers ignored"
    notes = [
        *workload.assumptions(),
        *storage_assumptions(),
        *server_assumptions(workload),
        f"list prices, {tier}",
    ]
    return Estimate(bills, notes, bench_run(bench))


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
    sources = {case: "bench/results.json" if bench.get(case) else DOCUMENTED for case in defaults}
    meters = aws_meters if cloud == "aws" else azure_meters
    prices = pricing[cloud]["prices"]
    lines = price(meters(profiles, workload, prices), prices, free_tier)
    return Bill(cloud, pricing[cloud]["region"], lines, sources, workload.trackers)


def _server_bill(workload: Workload, pricing: dict[str, Any]) -> Bill:
    lines = price(server_meters(workload), pricing["server"]["prices"], free_tier=False)
    return Bill("server", pricing["server"]["region"], lines, {}, workload.trackers)
