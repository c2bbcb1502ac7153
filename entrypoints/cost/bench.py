"""Request counts and durations measured by bench/, where bench/results.json exists.

The section read is {"cost_profiles": {"aws"|"azure": {use case: {meter: quantity per
occurrence}}}}, a key of its own (the file's other sections, such as the warm timings under
"aws", are not per-use-case counts). Use cases are those of profiles.USE_CASES; meters are a
profile's (a pricing.json key, `invocations`, `duration_ms` summed over the occurrence's
invocations, `memory_mb`). Each number given replaces the documented default of that use
case; anything else in the file is ignored.
"""

from __future__ import annotations

import json
from pathlib import Path

from entrypoints.cost.profiles import USE_CASES, Profiles


def bench_overrides(path: Path) -> dict[str, Profiles]:
    """The measured profiles per cloud; none where the file or its cost_profiles section is absent."""
    if not path.exists():
        return {}
    measured = json.loads(path.read_text()).get("cost_profiles", {})
    return {cloud: _known(measured.get(cloud)) for cloud in ("aws", "azure")}


def _known(cases: object) -> Profiles:
    if not isinstance(cases, dict):
        return {}
    return {
        case: {meter: value for meter, value in meters.items() if _is_number(value)}
        for case, meters in cases.items()
        if case in USE_CASES and isinstance(meters, dict)
    }


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
