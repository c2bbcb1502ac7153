"""Request counts and durations measured by bench/, where bench/results.json exists.

The section read is {"cost_profiles": {"aws"|"azure": {use case: {meter: quantity per
occurrence}}}}, a key of its own (the file's other sections, such as the warm timings under
"aws", are not per-use-case counts). Use cases are those of profiles.USE_CASES; meters are a
profile's (a pricing.json key, `invocations`, `duration_ms` summed over the occurrence's
invocations, `memory_mb`). A quantity is a number, or {"fixed": a, "per_reading": b} for the
use cases that carry readings (a packet: the readings of a minute; a bundle: its readings),
worked out for the workload as a + b × readings. Each quantity given replaces the documented
default of that use case; anything else in the file is ignored.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TypeGuard

from costing.profiles import USE_CASES, Profiles
from costing.workload import Workload


def _readings(case: str, workload: Workload) -> int | None:
    return {"packet": workload.readings_per_minute, "bundle": workload.readings_per_bundle}.get(
        case
    )


def bench_overrides(path: Path, workload: Workload) -> dict[str, Profiles]:
    """The measured profiles per cloud; none where the file or its cost_profiles section is absent."""
    if not path.exists():
        return {}
    measured = json.loads(path.read_text()).get("cost_profiles", {})
    return {cloud: _known(measured.get(cloud), workload) for cloud in ("aws", "azure")}


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
