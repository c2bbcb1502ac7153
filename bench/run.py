"""`make bench`: Pawtrack's cold start, warm request time, ingest rate, request counts, package
sizes and cold-start imports, beside small peers (bench/peers) doing the same work.

Everything runs on this machine: storage is a moto server on 127.0.0.1; Azure's is Azurite on
127.0.0.1 with loopback fakes of Entra ID and the other services (bench/azure.py). BENCH_QUICK=1 runs fewer rounds. Writes bench/results.json and bench/RESULTS.md.
"""

from __future__ import annotations

import base64
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from collections import Counter
from datetime import UTC, datetime, timedelta
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
QUICK = os.environ.get("BENCH_QUICK") == "1"
COLD_RUNS = 5 if QUICK else 15
WARM_AWS_CALLS = 30 if QUICK else 200
WARM_MEMORY_CALLS = 2_000 if QUICK else 20_000
AWS_BUNDLE = 10_000
READINGS_PER_DAY = 24
PEERS = ["bare", "pawtrack", "powertools", "chalice", "fastapi_mangum"]
LABELS = {
    "bare": "bare handler (by hand + boto3)",
    "pawtrack": "Pawtrack (entrypoints.aws_lambda.http)",
    "powertools": "Powertools APIGatewayHttpResolver",
    "chalice": "Chalice (app(event, context))",
    "fastapi_mangum": "FastAPI + Mangum",
    "pawtrack_core": "Pawtrack use case + view only (no HTTP adapters)",
}
CHILD_TIMEOUT = 120


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# ---------------------------------------------------------------- children


def child(args: list[str], env: dict[str, str]) -> tuple[dict[str, Any], float, int]:
    """Runs `python -m bench.child ARGS`; (its JSON line, wall seconds, peak RSS in KiB)."""
    full = {**os.environ, **env, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "0"}
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.child", *args],
        cwd=ROOT, env=full, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    out, err = process.stdout.read().decode(), process.stderr.read().decode()  # type: ignore[union-attr]
    if process.returncode != 0:
        raise RuntimeError(f"bench.child {' '.join(args)} failed:\n{out}\n{err[-3000:]}")
    lines = [line for line in out.splitlines() if line.startswith("{")]
    answer = json.loads(lines[-1])
    return answer, wall, answer.get("peak_rss_kib", usage.ru_maxrss)


def spread(values: list[float]) -> dict[str, float]:
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "n": len(values),
    }


# ---------------------------------------------------------------- the world


class World:
    """The moto server, one deployment's resources on it, an owner's token and a seeded pet."""

    def __init__(self) -> None:
        from bench.moto_counting import CountingMoto

        self.moto = CountingMoto()
        self.endpoint = self.moto.start()
        from tests.support.aws import provision, sign_in

        self.testbed = provision()
        self.token = sign_in(self.testbed, "bench-owner")
        claims = json.loads(base64.urlsafe_b64decode(self.token.split(".")[1] + "=="))
        self.owner = claims["sub"]
        self.day = (datetime.now(UTC) - timedelta(days=2)).date().isoformat()
        self.env = {
            **self.testbed.environment(),
            "AWS_ENDPOINT_URL": self.endpoint,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_SESSION_TOKEN": "testing",
            "AWS_DEFAULT_REGION": "us-east-1",
            "BENCH_TOKEN": self.token,
            "BENCH_OWNER": self.owner,
            "BENCH_DAY": self.day,
            "BENCH_READINGS": str(READINGS_PER_DAY),
        }
        os.environ.update(self.env)
        self.container = self.aws_container()
        from bench.seed import seed_pet

        self.serial = f"BENCH-{os.getpid()}"
        self.env["BENCH_PET_ID"] = seed_pet(
            self.container, self.owner, self.day, READINGS_PER_DAY, self.serial
        )
        self.env["BENCH_SERIAL"] = self.serial

    def aws_container(self) -> Any:
        from entrypoints.settings import Settings
        from entrypoints.wiring import build_container

        return build_container(Settings.from_environment())

    def requests_during(self, run: Any) -> tuple[Any, Counter[str]]:
        before = self.moto.snapshot()
        result = run()
        after = self.moto.snapshot()
        after.subtract(before)
        return result, +after


# ---------------------------------------------------------------- a. cold start


def cold_start(world: World) -> dict[str, Any]:
    walls: dict[str, list[float]] = {p: [] for p in PEERS}
    rss: dict[str, list[float]] = {p: [] for p in PEERS}
    requests: dict[str, dict[str, int]] = {}
    loaded: dict[str, Any] = {}
    for round_ in range(COLD_RUNS):
        order = PEERS[round_ % len(PEERS) :] + PEERS[: round_ % len(PEERS)]  # interleaved, rotated
        for peer in order:
            (answer, wall, peak), counted = world.requests_during(
                lambda peer=peer: child(["cold", peer], world.env)
            )
            walls[peer].append(wall * 1000)
            rss[peer].append(peak / 1024)
            requests[peer] = dict(counted)
            loaded[peer] = answer
        log(f"cold start round {round_ + 1}/{COLD_RUNS}")
    bare_wall, bare_rss = statistics.median(walls["bare"]), statistics.median(rss["bare"])
    return {
        peer: {
            "wall_ms": spread(walls[peer]),
            "peak_rss_mib": spread(rss[peer]),
            "wall_ratio_to_bare": statistics.median(walls[peer]) / bare_wall,
            "rss_ratio_to_bare": statistics.median(rss[peer]) / bare_rss,
            "requests": requests[peer],
            "modules": loaded[peer]["modules"],
        }
        for peer in PEERS
    }


# ---------------------------------------------------------------- b. warm


def warm(world: World) -> dict[str, Any]:
    results: dict[str, Any] = {"aws": {}, "memory": {}}
    for peer in PEERS:
        answer, _, _ = child(["warm", peer, str(WARM_AWS_CALLS), "aws"], world.env)
        results["aws"][peer] = answer
    log("warm against moto done")
    for peer in [*PEERS, "pawtrack_core"]:
        answer, _, _ = child(["warm", peer, str(WARM_MEMORY_CALLS), "memory"], world.env)
        results["memory"][peer] = answer
    answer, _, _ = child(["warm", "pawtrack", str(WARM_MEMORY_CALLS), "memory-jwt"], world.env)
    results["memory_with_token_check"] = {"pawtrack": answer}
    for store in ("aws", "memory"):
        bare = results[store]["bare"]["median_us"]
        for answer in results[store].values():
            answer["ratio_to_bare"] = answer["median_us"] / bare
            answer["overhead_over_bare_us"] = answer["median_us"] - bare
    paired, _, _ = child(["warm-paired", str(WARM_MEMORY_CALLS)], world.env)
    results["pawtrack_paired"] = paired
    results["pawtrack_adapter_overhead_us"] = paired["overhead_us"]
    log("warm in memory done")
    return results


# ---------------------------------------------------------------- c. ingest


def _bundle(readings: int, start: datetime) -> bytes:
    step = timedelta(seconds=max(1, int(timedelta(days=20).total_seconds() // readings)))
    lines = (
        json.dumps({"time": (start + n * step).strftime("%Y-%m-%dT%H:%M:%SZ"), "steps": 10 + n % 50,
                    "latitude": 52.52, "longitude": 13.405, "battery": 90 - n % 50})
        for n in range(readings)
    )  # fmt: skip
    return "\n".join(lines).encode() + b"\n"


def _pet_days(readings: int, start: datetime) -> int:
    step = max(1, int(timedelta(days=20).total_seconds() // readings))
    last = start + timedelta(seconds=step * (readings - 1))
    return (last.date() - start.date()).days + 1


def _stored_bundle(container: Any, owner: str, serial: str, data: bytes) -> str:
    from application.use_cases.start_bundle_upload import StartBundleUploadCommand
    from domain.access import Caller

    upload = container.start_bundle_upload()(StartBundleUploadCommand(Caller(owner), serial))
    return str(upload.bundle.id), upload


def ingest_memory() -> dict[str, Any]:
    from dependency_injector import providers

    from adapters.local.memory_blob_store import InMemoryBlobStore
    from application.ports.messaging import ProcessBundle
    from bench.seed import seed_pet
    from entrypoints.settings import Cloud, Settings
    from entrypoints.wiring import build_container

    results: dict[str, Any] = {}
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=30)
    for count in (10_000, 100_000):
        container = build_container(Settings(Cloud.MEMORY))
        # The store without its "object created" notice: the job is run below, and timed alone.
        container.ports().blobs.override(providers.Singleton(InMemoryBlobStore, container.clock()))
        serial = f"INGEST-{count}"
        seed_pet(container, "ingest-owner", start.date().isoformat(), 0, serial)
        bundle_id, upload = _stored_bundle(container, "ingest-owner", serial, b"")
        data = _bundle(count, start)
        container.ports.blobs().put(upload.upload_link, data)
        began = time.perf_counter()
        processed = container.process_bundle()(ProcessBundle(bundle_id))
        took = time.perf_counter() - began
        assert processed.report.accepted == count, processed.report
        results[f"bundle_{count}"] = {
            "readings": count,
            "seconds": took,
            "readings_per_s": count / took,
        }
        log(f"ingest in memory: {count} readings in {took:.2f} s")
    results |= batch_path(start)
    return results


def batch_path(start: datetime) -> dict[str, Any]:
    """RecordDeliveries on the memory adapters, the in-process batch path: batches of 10
    trackers' deliveries of 1,000 readings each (the most a delivery holds), and batches of
    1,000 trackers' packets of one reading; the best of three rounds (other processes share
    this machine's two cores)."""
    from application.use_cases.record_deliveries import RecordDeliveriesCommand
    from application.use_cases.record_readings import RecordReadingsCommand
    from bench.seed import seed_pet
    from entrypoints.settings import Cloud, Settings
    from entrypoints.wiring import build_container

    def raw(first: datetime, count: int, step: timedelta) -> list[dict[str, object]]:
        return [{"time": (first + k * step).strftime("%Y-%m-%dT%H:%M:%SZ"), "steps": 10 + k % 50,
                 "latitude": 52.52, "longitude": 13.405, "battery": 90 - k % 50}
                for k in range(count)]  # fmt: skip

    shapes = {"deliveries_of_1000_readings": (10, 1000, 5), "packets_of_1_reading": (1000, 1, 20)}
    results: dict[str, Any] = {}
    for name, (trackers, readings, batches) in shapes.items():
        rates = []
        for _ in range(3):
            container = build_container(Settings(Cloud.MEMORY))
            serials = [f"BATCH-{n}" for n in range(trackers)]
            for serial in serials:
                seed_pet(container, f"owner-{serial}", start.date().isoformat(), 0, serial)
            commands = [
                RecordDeliveriesCommand([
                    RecordReadingsCommand(serial, raw(start + timedelta(minutes=k * readings),
                                                      readings, timedelta(minutes=1)), answered=False)
                    for serial in serials
                ])
                for k in range(batches)
            ]  # fmt: skip
            record = container.record_deliveries()
            began = time.perf_counter()
            for command in commands:
                record(command)
            rates.append(trackers * readings * batches / (time.perf_counter() - began))
        results[f"batch_path_{name}"] = {
            "readings": trackers * readings * batches,
            "seconds": trackers * readings * batches / max(rates),
            "readings_per_s": max(rates),
            "rounds_readings_per_s": rates,
        }
        log(f"batch path, {name}: {max(rates):,.0f} readings/s (best of 3)")
    return results


def ingest_aws(world: World) -> dict[str, Any]:
    """One bundle of 10,000 readings over 21 pet-days through ProcessBundleJob, against moto:
    requests by operation and DynamoDB's capacity units (metered at moto, bench/capacity.py)."""
    from application.ports.messaging import ProcessBundle
    from bench.seed import seed_pet
    from tests.support.aws import client

    container = world.aws_container()
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=30)
    serial = f"AWSINGEST-{os.getpid()}"
    seed_pet(container, world.owner, start.date().isoformat(), 0, serial)
    data = _bundle(AWS_BUNDLE, start)
    bundle_id, _ = _stored_bundle(container, world.owner, serial, b"")
    bundle = container.ports.bundles().get(bundle_id)
    client("s3").put_object(Bucket=world.testbed.bucket, Key=bundle.blob_key, Body=data)
    units_before = world.moto.units()
    began = time.perf_counter()
    processed, counts = world.requests_during(
        lambda: container.process_bundle()(ProcessBundle(bundle_id))
    )
    took = time.perf_counter() - began
    assert processed.report.accepted == AWS_BUNDLE, processed.report
    reads, writes = world.moto.units()
    reads.subtract(units_before[0])
    writes.subtract(units_before[1])
    days = _pet_days(AWS_BUNDLE, start)
    bound = math.ceil(AWS_BUNDLE / 25) + days
    dynamodb = {k: v for k, v in counts.items() if k.startswith("dynamodb:")}
    total_dynamodb = sum(dynamodb.values())
    log(f"AWS bundle of {AWS_BUNDLE}: {total_dynamodb} DynamoDB requests in {took:.1f} s")
    return {
        "bundle": {
            "readings": AWS_BUNDLE,
            "pet_days": days,
            "seconds_on_moto": took,
            "requests": dict(counts),
            "dynamodb_requests": total_dynamodb,
            "lower_bound": bound,
            "ratio_to_lower_bound": total_dynamodb / bound,
            "dynamodb_wru": sum(writes.values()),
            "dynamodb_rru": sum(reads.values()),
            "wru_per_reading": sum(writes.values()) / AWS_BUNDLE,
        }
    }


def ingest_stream(world: World) -> dict[str, Any]:
    """The fleet's stream of one-reading packets through the readings function (bench/streams.py)
    and single packets of 1, 10 and 60 readings."""
    from bench.streams import aws_packets, aws_stream

    trackers, minutes = (15, 60) if QUICK else (50, 60)
    stream = aws_stream(world, trackers, minutes)
    log(
        f"AWS stream: {stream['wru_per_reading']:.3f} WRU, {stream['rru_per_reading']:.3f} RRU a reading"
    )
    return {"stream": stream, "packets": aws_packets(world, (1, 10, 60))}


def ingest_stream_azure() -> dict[str, Any]:
    from bench.streams import azure_stream

    trackers, minutes = (15, 20) if QUICK else (40, 30)
    stream = azure_stream(trackers, minutes)
    log(f"Azure stream: {stream['table_requests_per_packet']:.2f} Table requests a packet")
    return stream


# ---------------------------------------------------------------- d. Azure cold start


def azure_cold() -> dict[str, Any]:
    from bench.azure import cold_start as azure_cold_start

    return azure_cold_start(child, COLD_RUNS, spread)


def ingest_azure() -> dict[str, Any]:
    from bench.azure import ingest_azure as count_azure

    results = count_azure(_bundle, AWS_BUNDLE)
    log(f"Azure bundle of {AWS_BUNDLE}: {results['bundle']['table_requests']} Table requests")
    return results


def owner_data(world: World) -> dict[str, Any]:
    """Issue 15: the series' storage requests on both clouds, the export's memory (bench/owner_data.py)."""
    from bench import owner_data as issue_15

    return {
        "series_aws": issue_15.series_aws(world),
        "series_azure": issue_15.series_azure(),
        "export_memory": issue_15.export_memory(),
    }


# ---------------------------------------------------------------- e. package sizes


def _pip_target(requirements: list[str], target: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--target", str(target), *requirements],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"pip install --target failed:\n{done.stderr[-3000:]}")


def _zip(directory: Path, into: Path, exclude: tuple[str, ...] = ()) -> int:
    with zipfile.ZipFile(into, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(directory.rglob("*")):
            relative = path.relative_to(directory)
            if "__pycache__" in relative.parts or relative.parts[0].split("-")[0] in exclude:
                continue
            if path.is_file():
                archive.write(path, relative)
    return into.stat().st_size


def packages() -> dict[str, Any]:
    import tomllib

    results: dict[str, Any] = {}
    work = Path(tempfile.mkdtemp(prefix="bench-package-"))
    try:
        lam = work / "lambda"
        for package in ("domain", "application", "adapters", "entrypoints"):
            shutil.copytree(
                ROOT / package, lam / package, ignore=shutil.ignore_patterns("__pycache__")
            )
        # The layer's lock, with its hashes (`make lock`), as `sam build` installs it.
        _pip_target(["-r", str(ROOT / "lambda/dependencies/requirements.txt")], lam)
        excluded = ("boto3", "botocore", "s3transfer")
        size = _zip(lam, work / "lambda.zip", excluded)
        code = _zip_dirs(
            lam, ("domain", "application", "adapters", "entrypoints"), work / "code.zip"
        )
        results["lambda_zip_bytes"] = size
        results["lambda_code_only_zip_bytes"] = code
        results["lambda_largest"] = _largest(lam, excluded)
        log(f"Lambda zip without boto3: {size / 1e6:.2f} MB")

        azure = work / "azure"
        for package in ("domain", "application", "adapters", "entrypoints"):
            shutil.copytree(
                ROOT / package, azure / package, ignore=shutil.ignore_patterns("__pycache__")
            )
        shutil.copy(ROOT / "entrypoints/azure_functions/host.json", azure / "host.json")
        (azure / "function_app.py").write_text(
            "from entrypoints.azure_functions.function_app import app  # noqa: F401\n"
        )
        project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
        azure_requirements = [*project["dependencies"], *project["optional-dependencies"]["azure"]]
        (azure / "requirements.txt").write_text("\n".join(azure_requirements) + "\n")
        site = azure / ".python_packages/lib/site-packages"  # where `func publish` puts them
        _pip_target(azure_requirements, site)
        results["azure_zip_bytes"] = _zip(azure, work / "azure.zip")
        results["azure_largest"] = _largest(site, ())
        log(f"Azure package: {results['azure_zip_bytes'] / 1e6:.2f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results


def _zip_dirs(root: Path, names: tuple[str, ...], into: Path) -> int:
    with zipfile.ZipFile(into, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            for path in sorted((root / name).rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts:
                    archive.write(path, path.relative_to(root))
    return into.stat().st_size


def _largest(root: Path, exclude: tuple[str, ...]) -> list[list[object]]:
    sizes: Counter[str] = Counter()
    for path in root.rglob("*"):
        if path.is_file():
            top = path.relative_to(root).parts[0]
            if top.split("-")[0] not in exclude and not top.endswith(".dist-info"):
                sizes[top] += path.stat().st_size
    return [[name, size] for name, size in sizes.most_common(6)]


# ---------------------------------------------------------------- f. modules per function


def modules_per_function(world: World) -> dict[str, Any]:
    from application.ports.messaging import ProcessBundle  # noqa: F401
    from bench.seed import day_readings

    container = world.aws_container()
    bundle_id, _ = _stored_bundle(container, world.owner, world.serial, b"")
    bundle = container.ports.bundles().get(bundle_id)
    from tests.support.aws import client

    lines = "\n".join(json.dumps(r) for r in day_readings(world.day, 10))
    client("s3").put_object(Bucket=world.testbed.bucket, Key=bundle.blob_key, Body=lines.encode())
    env = {**world.env, "BENCH_BUNDLE_ID": bundle_id}
    results = {}
    for function in ("http", "readings", "s3", "sqs", "websocket"):
        answer, wall, peak = child(["modules", function], env)
        answer["wall_ms"], answer["peak_rss_mib"] = wall * 1000, peak / 1024
        results[function] = answer
    return results


# ---------------------------------------------------------------- report


def versions() -> dict[str, str]:
    names = ["pawtrack", "boto3", "botocore", "moto", "aws-lambda-powertools", "chalice", "fastapi",
             "starlette", "pydantic", "mangum", "dependency-injector", "PyJWT", "cryptography",
             "azure-functions"]  # fmt: skip
    found = {}
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "-"
    return found


def machine() -> dict[str, Any]:
    cpu = "?"
    if Path("/proc/cpuinfo").exists():
        names = [line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                 if line.startswith("model name")]  # fmt: skip
        cpu = names[0] if names else cpu
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    dirty = bool(subprocess.run(["git", "status", "--porcelain", "--", "domain", "application", "adapters", "entrypoints"],
                                cwd=ROOT, capture_output=True, text=True).stdout.strip())  # fmt: skip
    return {
        "python": platform.python_version(), "platform": platform.platform(), "cpu": cpu,
        "cpus": os.cpu_count(), "commit": commit + ("+changes" if dirty else ""),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "quick": QUICK,
    }  # fmt: skip


def main() -> int:
    began = time.perf_counter()
    results: dict[str, Any] = {"machine": machine(), "versions": versions(), "errors": {}}
    log("starting moto and seeding")
    world = World()
    results["setup"] = {"readings_per_day": READINGS_PER_DAY, "cold_runs": COLD_RUNS}
    # In-process ingest first: after the warm section's millions of objects, the garbage
    # collector's full passes halve its rate on this machine.
    sections = [
        ("ingest_memory", ingest_memory),
        ("cold_start", lambda: cold_start(world)),
        ("warm", lambda: warm(world)),
        ("ingest_aws", lambda: ingest_aws(world)),
        ("ingest_stream", lambda: ingest_stream(world)),
        ("ingest_azure", ingest_azure),
        ("ingest_stream_azure", ingest_stream_azure),
        ("azure_cold_start", azure_cold),
        ("owner_data", lambda: owner_data(world)),
        ("modules", lambda: modules_per_function(world)),
        ("packages", packages),
    ]
    for name, run in sections:
        log(f"{name} ...")
        try:
            results[name] = run()
        except Exception:
            results["errors"][name] = traceback.format_exc()[-3000:]
            log(f"{name} FAILED:\n{results['errors'][name]}")
    results["seconds"] = time.perf_counter() - began
    from bench.report import cost_profiles, goals, markdown

    results["cost_profiles"] = cost_profiles(results)
    results["goals"] = goals(results)
    (BENCH / "results.json").write_text(json.dumps(results, indent=2, default=str) + "\n")
    text = markdown(results)
    (BENCH / "RESULTS.md").write_text(text)
    print(text)
    return 1 if results["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
