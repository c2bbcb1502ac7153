"""The Azure rows of the bench: Table Storage requests per bundle and per MQTT packet, and the
Functions app's cold start, against Azurite on 127.0.0.1 and the loopback fakes of Entra ID,
Graph, Notification Hubs, Web PubSub and Event Grid (the features' azure binding sets them up).

Requests are counted at azure-core's HTTP transport: every request the Table client sends to
Azurite's table endpoint, by kind (an entity-group transaction is one `$batch` request).
"""

from __future__ import annotations

import json
import math
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

OWNER, PET, SERIAL = "bench-owner", "Rex", "BENCH-AZURE"


def _kind(method: str, url: str) -> str:
    """A Table Storage operation from its HTTP request (what Azure bills as one transaction)."""
    path = urlsplit(url).path
    if path.endswith("$batch"):
        return "tables:transaction ($batch)"
    if (
        method == "GET"
    ):  # a point read names its keys: `t(PartitionKey='…',RowKey='…')`; a query `t()`
        return "tables:get" if path.endswith(")") and not path.endswith("()") else "tables:query"
    return f"tables:{ {'POST': 'insert', 'PUT': 'upsert', 'PATCH': 'merge', 'MERGE': 'merge', 'DELETE': 'delete'}.get(method, method) }"


@contextmanager
def table_requests(table_port: int) -> Iterator[Counter[str]]:
    """Counts the requests azure-core sends to Azurite's table endpoint meanwhile."""
    from azure.core.pipeline.transport import RequestsTransport

    counts: Counter[str] = Counter()
    original = RequestsTransport.send

    def send(self: Any, request: Any, **kwargs: Any) -> Any:
        if urlsplit(request.url).port == table_port:
            counts[_kind(request.method, request.url)] += 1
        return original(self, request, **kwargs)

    RequestsTransport.send = send  # type: ignore[method-assign]
    try:
        yield counts
    finally:
        RequestsTransport.send = original  # type: ignore[method-assign]


class AzureWorld:
    """An Azure deployment on Azurite and the fakes, one owner with a dog wearing a tracker."""

    def __init__(self) -> None:
        from tests.support.drivers.azure import AzureDriver

        self.driver = AzureDriver(Path(tempfile.mkdtemp(prefix="bench-azure-")))
        self.driver.set_time(datetime.now(UTC))
        self.driver.add_user(OWNER)
        self.driver.register_pet(OWNER, "dog", PET, 20)
        self.driver.pair_tracker(OWNER, SERIAL, PET)
        self.table_port = self.driver.storage.table_port

    def close(self) -> None:
        self.driver.close()

    def count(self, run: Callable[[], Any]) -> tuple[Any, Counter[str], float]:
        with table_requests(self.table_port) as counts:
            began = time.perf_counter()
            result = run()
            took = time.perf_counter() - began
        return result, counts, took


def _bound(bundle: bytes) -> tuple[int, int]:
    """Σ over the bundle's pet-days of ⌈readings/100⌉ batches, plus one totals write per pet-day."""
    per_day: Counter[str] = Counter(json.loads(line)["time"][:10] for line in bundle.splitlines())
    return sum(math.ceil(n / 100) for n in per_day.values()) + len(per_day), len(per_day)


def ingest_azure(bundle_of: Callable[[int, datetime], bytes], readings: int) -> dict[str, Any]:
    """One bundle of `readings` and MQTT packets of 1, 10 and 60 readings, counted."""
    from bench.events import packet

    world = AzureWorld()
    try:
        start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=30)
        data = bundle_of(readings, start)
        delivery, counts, took = world.count(
            lambda: world.driver.sync_bundle(OWNER, SERIAL, data.decode())
        )
        assert delivery.accepted == readings, delivery
        bound, days = _bound(data)
        total = sum(counts.values())
        results: dict[str, Any] = {
            "bundle": {
                "readings": readings,
                "pet_days": days,
                "seconds_on_azurite": took,
                "requests": dict(counts),
                "table_requests": total,
                "lower_bound": bound,
                "ratio_to_lower_bound": total / bound,
                "note": "the whole path: upload link, Event Grid BlobCreated, queue job, report",
            },
            "packets": {},
        }
        for offset, size in enumerate((1, 10, 60)):
            world.driver.report_readings(SERIAL, packet(size))  # warm: clients built
            when = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(
                hours=3 + 2 * offset
            )
            delivery, counts, took = world.count(
                lambda size=size, when=when: world.driver.report_readings(
                    SERIAL, packet(size, when)
                )
            )
            results["packets"][str(size)] = {
                "accepted": delivery.accepted,
                "requests": dict(counts),
                "storage_requests": sum(counts.values()),
                "seconds": took,
            }
        return results
    finally:
        world.close()


def cold_start(
    child: Callable[[list[str], dict[str, str]], tuple[dict[str, Any], float, int]],
    runs: int,
    spread: Callable[[list[float]], dict[str, float]],
) -> dict[str, Any]:
    """A fresh process imports function_app and serves its first GET of a day's activity:
    Azure Tables on Azurite, the token checked against the fake Entra's JWKS over HTTP."""
    from bench.seed import day_readings

    world = AzureWorld()
    try:
        day = (datetime.now(UTC) - timedelta(days=2)).date().isoformat()
        world.driver.report_readings(SERIAL, day_readings(day, 24))
        env = {
            **world.driver._settings(),
            "BENCH_TOKEN": world.driver.token(OWNER),
            "BENCH_PET_ID": world.driver.pet(PET),
            "BENCH_DAY": day,
        }
        walls, rss, modules = [], [], 0
        for _ in range(runs):
            answer, wall, peak = child(["azure-cold"], env)
            walls.append(wall * 1000)
            rss.append(peak / 1024)
            modules = answer["modules"]
        return {
            "container": "azure (Tables and Blob on Azurite; the token checked against the fake "
            "Entra's JWKS over loopback HTTP)",
            "wall_ms": spread(walls),
            "peak_rss_mib": spread(rss),
            "modules": modules,
        }
    finally:
        world.close()
