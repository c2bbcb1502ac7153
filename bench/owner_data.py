"""The owner's API of issue 15 in the bench: storage requests of a series of 7 days, of 92 days
and of a day by hours on AWS (moto, counted at the server) and Azure (Azurite, counted at
azure-core's transport), and the export's peak memory as its readings grow to 1,000,000.

`python -m bench.owner_data [export-memory]` runs it (or only the export's part) alone and
merges its results into bench/results.json; `make bench` runs it among the other sections.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DAYS_WITH_READINGS = 80  # readings are accepted up to 90 days back: the 92-day range has 80 of them
READINGS_A_DAY = 24
DELIVERY = 1000  # the most readings one delivery may hold
HOURLY_READINGS = 1440  # one a minute: the day item's tail and its chunks on DynamoDB
EXPORT_SIZES = (10_000, 100_000, 1_000_000)
EXPORT_READINGS_A_DAY = 1440  # one a minute, a collar's busiest steady rate


def _readings(day: date, count: int) -> list[dict[str, object]]:
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    step = timedelta(minutes=1440 / count)
    return [
        {"time": (start + n * step).strftime("%Y-%m-%dT%H:%M:%SZ"), "steps": 10,
         "latitude": 52.52, "longitude": 13.405}
        for n in range(count)
    ]  # fmt: skip


def _series_queries(owner: str, pet_id: str, today: date) -> dict[str, Callable[[Any], Any]]:
    from application.use_cases.get_daily_series import GetDailySeriesQuery
    from application.use_cases.get_hourly_series import GetHourlySeriesQuery
    from domain.access import Caller

    who = Caller(owner)
    last = today - timedelta(days=1)
    return {
        "7-day series": lambda c: c.get_daily_series()(
            GetDailySeriesQuery(who, pet_id, last - timedelta(days=6), last)
        ),
        "92-day series": lambda c: c.get_daily_series()(
            GetDailySeriesQuery(who, pet_id, last - timedelta(days=91), last)
        ),
        "hourly series (1,440 readings)": lambda c: c.get_hourly_series()(
            GetHourlySeriesQuery(who, pet_id, last)
        ),
    }


def _seed(record: Callable[[list[dict[str, object]]], object], today: date) -> None:
    for back in range(2, DAYS_WITH_READINGS + 1):
        record(_readings(today - timedelta(days=back), READINGS_A_DAY))
    hourly = _readings(today - timedelta(days=1), HOURLY_READINGS)
    for first in range(0, HOURLY_READINGS, DELIVERY):  # packets of at most 1,000 readings
        record(hourly[first : first + DELIVERY])


def series_aws(world: Any) -> dict[str, Any]:
    """The use cases against DynamoDB on moto: each request the ledger and the access check make."""
    from application.use_cases.record_readings import RecordReadingsCommand
    from bench.seed import seed_pet

    container = world.aws_container()
    serial = f"SERIES-{os.getpid()}"
    pet_id = seed_pet(container, world.owner, date.today().isoformat(), 0, serial)
    today = datetime.now(UTC).date()
    _seed(lambda rs: container.record_readings()(RecordReadingsCommand(serial, rs)), today)
    results = {}
    for name, ask in _series_queries(world.owner, pet_id, today).items():
        ask(container)  # warm: clients built
        answer, counts = world.requests_during(lambda ask=ask: ask(container))
        results[name] = {"values": len(answer), "requests": dict(counts)}
    return results


def series_azure() -> dict[str, Any]:
    from application.use_cases.record_readings import RecordReadingsCommand
    from bench.azure import OWNER, PET, SERIAL, AzureWorld

    world = AzureWorld()
    try:
        container, today = world.driver.c, datetime.now(UTC).date()
        _seed(lambda rs: container.record_readings()(RecordReadingsCommand(SERIAL, rs)), today)
        pet_id = world.driver.pet(PET)
        results = {}
        owner = world.driver.user_id(OWNER)
        for name, ask in _series_queries(owner, pet_id, today).items():
            ask(container)
            answer, counts, took = world.count(lambda ask=ask: ask(container))
            results[name] = {"values": len(answer), "requests": dict(counts), "seconds": took}
        return results
    finally:
        world.close()


# ---------------------------------------------------------------- the export's memory


def export_memory() -> dict[str, Any]:
    """Each size in a fresh process (bench.owner_data export N): seeded in SQLite, then the
    export job under tracemalloc, whose peak counts only what the job allocates."""
    found = {}
    for size in EXPORT_SIZES:
        done = subprocess.run(
            [sys.executable, "-m", "bench.owner_data", "export", str(size)],
            capture_output=True, text=True, cwd=ROOT, timeout=3600,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(done.stderr[-2000:])
        found[str(size)] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def _seed_export(container: Any, size: int) -> tuple[int, int]:
    """`size` readings of one pet, a reading a minute, each day recorded as it came (a settable
    clock walks the days: a year or two of a collar). How many, over how many days."""
    from dependency_injector import providers

    from adapters.local.settable_clock import SettableClock
    from application.use_cases.pair_tracker import PairTrackerCommand
    from application.use_cases.record_readings import RecordReadingsCommand
    from application.use_cases.register_pet import RegisterPetCommand
    from domain.access import Caller

    clock = SettableClock()
    container.ports().clock.override(providers.Object(clock))
    days = -(-size // EXPORT_READINGS_A_DAY)
    first_day = datetime.now(UTC).date() - timedelta(days=days)
    clock.set(datetime(first_day.year, first_day.month, first_day.day, tzinfo=UTC))
    owner = Caller("exporter")
    pet = container.register_pet()(RegisterPetCommand(owner, "Rex", "dog", 20.0))
    container.pair_tracker()(PairTrackerCommand(owner, pet.id, "EXPORT-1"))
    seeded = 0
    for n in range(days):
        day, count = first_day + timedelta(days=n), min(EXPORT_READINGS_A_DAY, size - seeded)
        clock.set(datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(days=1))
        readings = _readings(day, count)
        for first in range(0, count, DELIVERY):
            part = readings[first : first + DELIVERY]
            container.record_readings()(RecordReadingsCommand("EXPORT-1", part))
        seeded += count
    return seeded, days


def _export_child(size: int) -> None:
    import io
    import tracemalloc

    from dependency_injector import providers

    from application.ports.messaging import ExportAccount
    from domain import exports
    from entrypoints.settings import Cloud, LocalSettings, Settings
    from entrypoints.wiring import build_container

    data = Path(tempfile.mkdtemp(prefix="bench-export-"))
    container = build_container(Settings(Cloud.LOCAL, LocalSettings(data_dir=data)))
    container.ports().telemetry_stream.override(providers.Object(io.StringIO()))
    began = time.perf_counter()
    seeded, days = _seed_export(container, size)
    seeding = time.perf_counter() - began
    job = container.export_account()
    tracemalloc.start()
    began = time.perf_counter()
    job(ExportAccount("exporter", "0" * 32))
    took = time.perf_counter() - began
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    written = data / "blobs" / exports.export_key("exporter", "0" * 32)
    print(json.dumps({
        "readings": seeded, "seed_seconds": round(seeding, 1), "export_seconds": round(took, 1),
        "peak_traced_mib": round(peak / 2**20, 2), "file_mib": round(written.stat().st_size / 2**20, 2),
        "readings_a_day": EXPORT_READINGS_A_DAY, "days": days,
    }))  # fmt: skip


def markdown(r: dict[str, Any]) -> list[str]:
    """The section of RESULTS.md."""
    out = ["## Owner's API (issue 15): storage requests of a series, the export's memory\n"]
    run = r.get("run")
    if run:
        out.append(f"Measured {run['date']} at commit {run['commit']}: {run['note']}.\n")
    aws, azure = r.get("series_aws", {}), r.get("series_azure", {})
    if aws or azure:
        out.append("| request | values | AWS requests (moto) | Azure Table requests (Azurite) |")
        out.append("|---|---|---|---|")
        for name in aws or azure:
            a, z = aws.get(name, {}), azure.get(name, {})
            out.append(
                f"| {name} | {a.get('values', z.get('values'))} "
                f"| {', '.join(f'{k} {v}' for k, v in sorted(a.get('requests', {}).items()))} "
                f"| {', '.join(f'{k} {v}' for k, v in sorted(z.get('requests', {}).items()))} |"
            )
        out.append(
            "\nThe use case's requests: the pet (the access check: GetItem / a point read) and the "
            "ledger's (a daily series: one Query of the pet-days; a day by hours: the day item and "
            "its chunks on DynamoDB, the pet-day's entity and parts in one query on Tables), and the "
            "owner's time zone for hours. An HTTP request adds the erased-account check.\n"
        )
    memory = r.get("export_memory", {})
    if memory:
        out.append("| readings | export s | peak traced MiB | file MiB |")
        out.append("|---|---|---|---|")
        for size, m in memory.items():
            out.append(
                f"| {int(size):,} | {m['export_seconds']} | {m['peak_traced_mib']} | {m['file_mib']} |"
            )
        out.append(
            "\nThe export job on the local provider (SQLite, files), in a fresh process per size, "
            "a reading a minute over as many days as it takes; peak traced memory is what the "
            "job allocates (tracemalloc), the store's own excluded. It holds one pet-day's "
            "readings at a time (`ActivityLedger.readings`), so it grows with the busiest day, "
            "not with the total.\n"
        )
    return out


def main() -> int:
    if sys.argv[1:2] == ["export"]:
        _export_child(int(sys.argv[2]))
        return 0
    from bench.run import BENCH, World

    results_path = BENCH / "results.json"
    results = json.loads(results_path.read_text()) if results_path.exists() else {}
    section = results.setdefault("owner_data", {})
    if sys.argv[1:2] != ["export-memory"]:
        world = World()
        section |= {"series_aws": series_aws(world), "series_azure": series_azure()}
    section["export_memory"] = export_memory()
    results_path.write_text(json.dumps(results, indent=2, default=str) + "\n")
    print("\n".join(markdown(section)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
