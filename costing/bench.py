"""Request counts, capacity units and durations measured by `make bench`, where bench/results.json
exists.

The section read is {"cost_profiles": {"run": {...}, "aws"|"azure": {use case: {meter: quantity
per occurrence}}}}, a key of its own (the file's other sections, such as the warm timings under
"aws", are not per-use-case counts). Use cases are those of profiles.USE_CASES; meters are a
profile's (a pricing.json key, `duration_ms` summed over the occurrence's share of invocations).
A quantity is a number, or {"fixed": a, "per_reading": b} for the use cases that carry readings
(a packet: its readings; a bundle: its readings), worked out for the workload as a + b ×
readings. Each quantity given replaces the documented default of that use case; anything else
in the file is ignored. `run` says which run it was (date, commit).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeGuard

from costing.profiles import USE_CASES, Profiles
from costing.workload import Workload


def _readings(case: str, workload: Workload) -> int | None:
    return {"packet": workload.readings_per_packet, "bundle": workload.readings_per_bundle}.get(
        case
    )


def bench_overrides(path: Path, workload: Workload) -> dict[str, Profiles]:
    """The measured profiles per cloud; none where the file or its cost_profiles section is absent."""
    measured = _section(path)
    return {cloud: _known(measured.get(cloud), workload) for cloud in ("aws", "azure")}


def bench_run(path: Path) -> str | None:
    """Which run the measured profiles come from, in words; None when there are none."""
    run = _section(path).get("run")
    if not isinstance(run, dict):
        return None
    quick = " (a quick run)" if run.get("quick") else ""
    return f"{path.name} of {run.get('date', '?')}, commit {run.get('commit', '?')}{quick}"


def _section(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    found = json.loads(path.read_text()).get("cost_profiles", {})
    return found if isinstance(found, dict) else {}


def _known(cases: object, workload: Workload) -> Profiles:
    if not isinstance(cases, dict):
        return {}
    found: Profiles = {}
    for case, meters in cases.items():
        if case not in USE_CASES or not isinstance(meters, dict):
            continue
        readings = _readings(case, workload)
        quantities = {meter: _quantity(value, readings) for meter, value in meters.items()}
        found[case] = {meter: q for meter, q in quantities.items() if q is not None}
    return found


def _quantity(value: object, readings: int | None) -> float | None:
    if _is_number(value):
        return float(value)
    if isinstance(value, dict) and readings is not None:
        fixed, per_reading = value.get("fixed"), value.get("per_reading")
        if _is_number(fixed) and _is_number(per_reading):
            return float(fixed) + float(per_reading) * readings
    return None


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)
