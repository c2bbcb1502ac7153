"""What one app request costs on AWS when its limit is counted, and when it is refused (and the
same read by the owner, who is not counted): the
DynamoDB requests and capacity units (bench/capacity.py's meter on moto), through the Lambda
handler with API Gateway's events, an app connected through Pawtrack's OAuth flow.

    python -m bench.app_limits      # prints JSON: the allowed read and the refused (429) one
"""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from bench.moto_counting import CountingMoto

DAY = date(2026, 11, 21)


def measure() -> dict[str, Any]:
    moto = CountingMoto()
    moto.start()
    from tests.support.drivers.aws import AwsDriver
    from tests.support.drivers.base import Refused

    driver = AwsDriver(Path(tempfile.mkdtemp()))
    try:
        driver.add_user("alice")
        driver.register_pet("alice", "dog", "Rex", 20)
        driver.register_app("VetBook", limit=2)
        driver.connect("alice", "VetBook", ["activity:read"])
        driver.activity("alice", "Rex", DAY, app="VetBook")  # the first read of the minute
        allowed = _one(moto, lambda: driver.activity("alice", "Rex", DAY, app="VetBook"))
        owner = _one(moto, lambda: driver.activity("alice", "Rex", DAY))

        def refused_read() -> None:
            try:
                driver.activity("alice", "Rex", DAY, app="VetBook")
            except Refused as refusal:
                assert refusal.kind == "too-many", refusal
            else:
                raise AssertionError("the third read of a limit of 2 went through")

        refused = _one(moto, refused_read)
    finally:
        driver.close()
    return {
        "the owner's read": owner,
        "allowed app read": allowed,
        "refused app read (429)": refused,
    }


def _one(moto: CountingMoto, action: Any) -> dict[str, Any]:
    requests_before, (reads_before, writes_before) = moto.snapshot(), moto.units()
    action()
    requests, (reads, writes) = moto.snapshot() - requests_before, moto.units()
    dynamodb = {op: n for op, n in requests.items() if op.startswith("dynamodb:")}
    return {
        "dynamodb requests": dynamodb,
        "read units": sum((reads - reads_before).values()),
        "write units": sum((writes - writes_before).values()),
    }


if __name__ == "__main__":
    print(json.dumps(measure(), indent=1, sort_keys=True))
