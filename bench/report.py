"""The goals of the issues (#5, #11), judged from one run's results, and RESULTS.md."""

from __future__ import annotations

from typing import Any


def _get(results: dict[str, Any], *path: str) -> Any:
    for key in path:
        if not isinstance(results, dict) or key not in results:
            return None
        results = results[key]
    return results


def cost_profiles(r: dict[str, Any]) -> dict[str, Any]:
    """What `pawtrack cost` reads (costing/bench.py): per use case and meter, a quantity per
    occurrence, as {fixed, per_reading} where readings vary. A packet's come from the stream of
    one-reading packets (per packet), their growth with a packet's readings from the single
    packets of 1 and 60 readings; a bundle's from the 10,000-reading bundle. Only what was
    measured is written; the rest keeps the documented model."""
    found: dict[str, Any] = {"run": {k: r["machine"][k] for k in ("date", "commit", "quick")}}
    found |= {"aws": {}, "azure": {}}
    stream = _get(r, "ingest_stream", "stream")
    packets = _get(r, "ingest_stream", "packets") or {}
    if stream and "1" in packets and "60" in packets:
        per = stream["per_1000_packets"]
        one, sixty = packets["1"], packets["60"]
        profile = {}
        for meter in ("dynamodb_wru", "dynamodb_rru"):
            slope = (sixty[meter] - one[meter]) / 59
            profile[meter] = {
                "fixed": round(per[meter] / 1000 - slope, 4),
                "per_reading": round(slope, 5),
            }
        ms = per["handler_seconds"]  # per 1,000 packets, batches included
        slope = (sixty["seconds"] - one["seconds"]) * 1000 / 59
        profile["duration_ms"] = {"fixed": round(ms - slope, 3), "per_reading": round(slope, 4)}
        profile["eventbridge_events"] = per["eventbridge_events"] / 1000
        found["aws"]["packet"] = profile
    bundle = _get(r, "ingest_aws", "bundle")
    if bundle:
        found["aws"]["bundle"] = {
            meter: {"fixed": 0, "per_reading": round(bundle[meter] / bundle["readings"], 6)}
            for meter in ("dynamodb_wru", "dynamodb_rru")
        }
    azure = _get(r, "ingest_stream_azure")
    if azure:
        per = azure["per_1000_packets"]
        found["azure"]["packet"] = {
            "table_transactions": per["table_transactions"] / 1000,
            "duration_ms": per["handler_seconds"],
        }
    azure_bundle = _get(r, "ingest_azure", "bundle")
    if azure_bundle:
        per_reading = azure_bundle["table_requests"] / azure_bundle["readings"]
        found["azure"]["bundle"] = {
            "table_transactions": {"fixed": 0, "per_reading": round(per_reading, 6)}
        }
    return found


def bills(r: dict[str, Any]) -> dict[str, float]:
    """Per tracker and month at 10,000 trackers, a packet a minute of one reading, 8,000 owners,
    on this run's figures (costing's model, `pawtrack cost`)."""
    import json
    import tempfile
    from pathlib import Path

    from costing import Workload, estimate

    with tempfile.TemporaryDirectory() as folder:
        results = Path(folder) / "results.json"
        results.write_text(json.dumps({"cost_profiles": r.get("cost_profiles", {})}))
        found = estimate(Workload(10_000, 8_000), bench=results)
    return {bill.cloud: bill.per_tracker for bill in found.bills}


def _cold_ratios(cold: dict[str, Any]) -> str:
    """Pawtrack's cold start (wall time, medians) against the bare handler, Chalice and Powertools."""
    ours = cold["pawtrack"]["wall_ms"]["median"]
    ratios = [
        f"{ours / cold[peer]['wall_ms']['median']:.2f}× {label}"
        for peer, label in (
            ("bare", "the bare handler"),
            ("chalice", "Chalice"),
            ("powertools", "Powertools"),
        )
    ]
    return f"Pawtrack's cold start is {', '.join(ratios)}.\n"


def goals(r: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []

    def goal(name: str, value: Any, target: str, met: Any) -> None:
        found.append({"goal": name, "measured": value, "target": target,
                      "met": None if value is None else bool(met)})  # fmt: skip

    stream = _get(r, "ingest_stream", "stream")
    if stream:
        wru, rru = stream["wru_per_reading"], stream["rru_per_reading"]
        goal(
            "AWS: DynamoDB write units per reading (1 reading a packet, a packet a minute)",
            round(wru, 3),
            "≤ 1.0",
            wru <= 1.0,
        )
        goal(
            "AWS: DynamoDB read units per reading (the bench's batches)",
            round(rru, 3),
            "≤ 0.5",
            rru <= 0.5,
        )
        fleet = stream["rru_per_reading_at_10000_trackers"]
        goal(
            "AWS: DynamoDB read units per reading (batches of 10,000 trackers, none listening)",
            round(fleet, 4),
            "≤ 0.5",
            fleet <= 0.5,
        )
        invocations = stream["per_1000_packets"]["invocations_at_10000_trackers"]
        goal(
            "AWS: Lambda invocations per 1,000 packets (PROD window, 10,000 trackers)",
            round(invocations, 2),
            "≤ 10",
            invocations <= 10,
        )
    if r.get("cost_profiles"):
        per_tracker = bills(r)
        goal(
            "AWS: bill per tracker-month at 10,000 trackers",
            f"${per_tracker['aws']:.3f}",
            "≤ $0.10",
            per_tracker["aws"] <= 0.10,
        )
        goal(
            "Azure: bill per tracker-month at 10,000 trackers",
            f"${per_tracker['azure']:.3f}",
            "≤ $0.15",
            per_tracker["azure"] <= 0.15,
        )
        r["bills_per_tracker"] = per_tracker
    ratio = _get(r, "ingest_azure", "bundle", "ratio_to_lower_bound")
    goal("Azure: Table requests per 10,000-reading bundle vs lower bound", None if ratio is None else round(ratio, 2), "≤ 1.10×",
         ratio is not None and ratio <= 1.1)  # fmt: skip
    rate = _get(r, "ingest_memory", "batch_path_deliveries_of_1000_readings", "readings_per_s")
    goal("in-process ingest through the batch path (deliveries of 1,000 readings)", None if rate is None else round(rate),
         "≥ 100,000 readings/s", rate is not None and rate >= 100_000)  # fmt: skip
    found += earlier_goals(r)
    return found


def earlier_goals(r: dict[str, Any]) -> list[dict[str, Any]]:
    """The goals of the issues before (cold start, warm overhead, package, bundle requests)."""
    found: list[dict[str, Any]] = []

    def goal(name: str, value: Any, target: str, met: Any) -> None:
        found.append({"goal": name, "measured": value, "target": target,
                      "met": None if value is None else bool(met)})  # fmt: skip

    cold = r.get("cold_start") or {}
    if cold:
        ours = cold["pawtrack"]["wall_ms"]["median"]
        goal("cold start vs bare", round(cold["pawtrack"]["wall_ratio_to_bare"], 2), "≤ 1.30×",
             cold["pawtrack"]["wall_ratio_to_bare"] <= 1.3)  # fmt: skip
        for peer, label in (("powertools", "Powertools"), ("fastapi_mangum", "FastAPI+Mangum")):
            ratio = ours / cold[peer]["wall_ms"]["median"]
            goal(f"cold start below {label}", round(ratio, 2), "< 1.00×", ratio < 1)
        ratio = ours / cold["chalice"]["wall_ms"]["median"]
        goal("cold start vs Chalice", round(ratio, 2), "≤ 1.15×", ratio <= 1.15)
    memory = _get(r, "warm", "memory") or {}
    if memory:
        overhead = r["warm"]["pawtrack_adapter_overhead_us"]
        goal(
            "warm framework overhead (handler − use case, in memory)",
            round(overhead, 1),
            "< 10 µs",
            overhead < 10,
        )
        for peer, label in (("chalice", "Chalice"), ("powertools", "Powertools")):
            theirs = memory[peer]["overhead_over_bare_us"]
            goal(f"warm framework overhead below {label}'s ({theirs:.1f} µs)", round(overhead, 1),
                 f"< {theirs:.1f} µs", overhead < theirs)  # fmt: skip
    rate = _get(r, "ingest_memory", "bundle_100000", "readings_per_s")
    goal("ingest in process (bundle, memory)", None if rate is None else round(rate), "≥ 50,000 readings/s",
         rate is not None and rate >= 50_000)  # fmt: skip
    ratio = _get(r, "ingest_aws", "bundle", "ratio_to_lower_bound")
    goal("DynamoDB requests per bundle vs lower bound", None if ratio is None else round(ratio, 2), "≤ 1.10×",
         ratio is not None and ratio <= 1.1)  # fmt: skip
    per_packet = _get(r, "ingest_stream", "stream", "per_1000_packets", "dynamodb_requests")
    goal("storage requests per MQTT packet, AWS (stream)", None if per_packet is None else round(per_packet / 1000, 2), "≤ 3",
         per_packet is not None and per_packet / 1000 <= 3)  # fmt: skip
    per_packet = _get(r, "ingest_stream_azure", "table_requests_per_packet")
    goal("storage requests per MQTT packet, Azure (stream)", None if per_packet is None else round(per_packet, 2), "≤ 3",
         per_packet is not None and per_packet <= 3)  # fmt: skip
    size = _get(r, "packages", "lambda_zip_bytes")
    goal("Lambda zip without boto3", None if size is None else f"{size / 1e6:.2f} MB", "≤ 5 MB",
         size is not None and size <= 5e6)  # fmt: skip
    return found


def _stream_sections(r: dict[str, Any]) -> list[str]:
    """The fleets' streams, per 1,000 one-reading packets, and the single packets."""
    out: list[str] = []
    stream = _get(r, "ingest_stream", "stream")
    if stream:
        per, batching = stream["per_1000_packets"], stream["batching"]
        out += [
            f"AWS, a stream of {stream['packets']:,} one-reading packets (bench/streams.py: a packet a minute of each "
            "tracker, one batch a minute through the readings function, as the event source mapping hands them on "
            "at 10,000 trackers: one packet of a tracker a batch), against moto, capacity units metered from the "
            "items moto holds (bench/capacity.py). Per 1,000 packets:\n",
            _table(["DynamoDB requests", "write units", "read units", "EventBridge events", "handler s (moto)",
                    "invocations here", "invocations at 10,000 trackers"],
                   [[f"{per['dynamodb_requests']:.0f}", f"{per['dynamodb_wru']:.1f}", f"{per['dynamodb_rru']:.1f}",
                     f"{per['eventbridge_events']:.1f}", f"{per['handler_seconds']:.2f}", f"{per['invocations_here']:.1f}",
                     f"{per['invocations_at_10000_trackers']:.2f}"]]),
            f"A reading: **{stream['wru_per_reading']:.3f} write units**, **{stream['rru_per_reading']:.3f} read units** "
            f"({stream['rru_per_reading_at_10000_trackers']:.4f} in batches of 10,000 trackers' packets, where a batch's "
            "own Query of who listens is shared by more packets). "
            "Write units by operation: " + ", ".join(f"{k} {v:.1f}" for k, v in stream["wru_by_operation"].items())
            + "; read units: " + ", ".join(f"{k} {v:.1f}" for k, v in stream["rru_by_operation"].items())
            + f". Invocations at 10,000 trackers: template.yaml's PROD batching (batch size {batching['batch_size']}, "
            f"window {batching['window_s']} s) with {batching['pollers']} pollers takes "
            f"{batching['packets_per_invocation_at_10000_trackers']:.0f} packets an invocation (a model of the event "
            "source mapping, bench/streams.py: esm_batch; not measured).\n",
        ]  # fmt: skip
    packets = _get(r, "ingest_stream", "packets")
    if packets:
        out += [_table(["one packet through the readings function (moto)", "write units", "read units", "requests", "seconds"],
                       [[f"{n} readings", f"{p['dynamodb_wru']:.1f}", f"{p['dynamodb_rru']:.1f}",
                         ", ".join(f"{k} {v}" for k, v in sorted(p["requests"].items())), f"{p['seconds']:.3f}"]
                        for n, p in packets.items()])]  # fmt: skip
    azure = r.get("ingest_stream_azure")
    if azure:
        per = azure["per_1000_packets"]
        out += [
            f"Azure, a stream of {azure['packets']:,} one-reading packets through `iot_readings` in Event Hub batches "
            f"(one a minute), against Azurite: **{azure['table_requests_per_packet']:.2f} Table requests a packet**, "
            f"{per['handler_seconds']:.2f} s of the function per 1,000 packets. By kind, per 1,000: "
            + ", ".join(f"{k} {v:.0f}" for k, v in azure["by_kind"].items()) + ".\n",
        ]  # fmt: skip
    bills = r.get("bills_per_tracker")
    if bills:
        out += [
            "The bills on these figures (`pawtrack cost --trackers 10000 --readings-per-minute 1 --owners 8000`), per "
            f"tracker and month: AWS **${bills['aws']:.3f}**, Azure **${bills['azure']:.3f}**, one always-on server "
            f"with a managed database ${bills['server']:.3f}.\n",
        ]
    return out


def _table(head: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def markdown(r: dict[str, Any]) -> str:
    from bench.run import LABELS

    m = r["machine"]
    out = [
        "# Pawtrack benchmark results\n",
        f"Run {m['date']} on {m['cpu']} ({m['cpus']} CPUs), {m['platform']}, Python {m['python']}, "
        f"commit {m['commit']}{' — QUICK run' if m['quick'] else ''}; {r.get('seconds', 0):.0f} s in all. "
        "Storage: a moto server on 127.0.0.1 (every DynamoDB call is a local HTTP round trip).\n",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in r["versions"].items()) + "\n",
        "## Goals\n",
        _table(
            ["goal", "measured", "target", "met"],
            [
                [
                    g["goal"],
                    g["measured"],
                    g["target"],
                    {True: "yes", False: "**no**", None: "not measured"}[g["met"]],
                ]
                for g in r.get("goals", [])
            ],
        ),  # fmt: skip
    ]
    cold = r.get("cold_start")
    if cold:
        out += [
            f"## a. Cold start, HTTP function: fresh process, import + first `GET /pets/{{pet_id}}/activity/{{day}}` "
            f"(median of {cold['bare']['wall_ms']['n']}, interleaved)\n",
            _table(
                [
                    "handler",
                    "wall ms median (min–max)",
                    "× bare",
                    "peak RSS MiB (min–max)",
                    "× bare",
                    "modules",
                    "requests to moto",
                ],
                [
                    [
                        LABELS[p],
                        f"{c['wall_ms']['median']:.0f} ({c['wall_ms']['min']:.0f}–{c['wall_ms']['max']:.0f})",
                        f"{c['wall_ratio_to_bare']:.2f}",
                        f"{c['peak_rss_mib']['median']:.1f} ({c['peak_rss_mib']['min']:.1f}–{c['peak_rss_mib']['max']:.1f})",
                        f"{c['rss_ratio_to_bare']:.2f}",
                        c["modules"],
                        ", ".join(f"{k} {v}" for k, v in sorted(c["requests"].items())),
                    ]
                    for p, c in cold.items()
                ],
            ),  # fmt: skip
            "Every handler verifies the Cognito access token against the pool's JWKS (one fetch) and reads "
            "the pet (GetItem), the day's totals (Query) and readings (Query): the peers do Pawtrack's work "
            "(bench/peers/common.py). Chalice gets a REST API (1.0) event, the others an HTTP API (2.0) one. "
            "Like with like: every handler, Pawtrack's included, verifies the RS256 signature with PyJWT on "
            "`cryptography` (Pawtrack's own python-rsa verifier is gone: python-rsa was archived).\n",
            _cold_ratios(cold),
        ]
    warm = r.get("warm")
    if warm:
        rows = []
        for p in [*LABELS]:
            a, mem = warm["aws"].get(p), warm["memory"].get(p)
            rows.append([LABELS[p],
                         "-" if a is None else f"{a['median_us']:.0f} ({a['ratio_to_bare']:.2f}×)",
                         "-" if mem is None else f"{mem['median_us']:.1f} ({mem['ratio_to_bare']:.2f}×)",
                         "-" if mem is None else f"{mem['overhead_over_bare_us']:+.1f}"])  # fmt: skip
        jwt = warm["memory_with_token_check"]["pawtrack"]["median_us"]
        out += [
            "## b. Warm request, in process (median µs)\n",
            _table(
                [
                    "handler",
                    "against moto (× bare)",
                    "in memory, token check stubbed (× bare)",
                    "µs over bare",
                ],
                rows,
            ),
            f"In memory, Pawtrack's HTTP adapters (event → request, route dispatch, container lookups, answer) "
            f"cost **{warm['pawtrack_adapter_overhead_us']:.1f} µs** over its use case + view + JSON alone "
            "(the median of the differences of call pairs timed in turn in one process; the two rows above "
            "come from separate processes and differ by more than that from process to process). "
            f"With the token verified (local RS256 JWT): {jwt:.1f} µs. The peers' in-memory reads are dicts; "
            "Pawtrack's are its in-memory repositories, use case and domain.\n",
        ]
    ingest = r.get("ingest_memory")
    if ingest:
        out += ["## c. Ingest\n",
                _table(["in process, memory adapters", "readings", "seconds", "readings/s"],
                       [[k, v["readings"], f"{v['seconds']:.2f}", f"{v['readings_per_s']:,.0f}"] for k, v in ingest.items()])]  # fmt: skip
    out += _stream_sections(r)
    aws = r.get("ingest_aws")
    if aws:
        b = aws["bundle"]
        out += [
            f"AWS, one bundle of {b['readings']:,} readings over {b['pet_days']} pet-days through ProcessBundleJob "
            f"(counted with botocore's before-call events): **{b['dynamodb_requests']} DynamoDB requests** "
            f"against the lower bound of one item per reading, ceil(N/25) + pet-days = {b['lower_bound']} "
            f"(**{b['ratio_to_lower_bound']:.2f}×**), {b['dynamodb_wru']:.0f} write units "
            f"({b['wru_per_reading']:.3f} a reading) and {b['dynamodb_rru']:.1f} read units; "
            f"{b['seconds_on_moto']:.1f} s on moto. By operation: "
            + ", ".join(f"{k} {v}" for k, v in sorted(b["requests"].items())) + ".\n",
        ]  # fmt: skip
    azure = r.get("ingest_azure")
    if azure:
        b = azure["bundle"]
        out += [
            f"Azure, the same bundle of {b['readings']:,} readings over {b['pet_days']} pet-days, the whole path "
            "(upload link, Event Grid BlobCreated, the queue job, the report) against Azurite, counted at azure-core's "
            f"HTTP transport: **{b['table_requests']} Table Storage requests** against the lower bound of one entity "
            f"per reading, Σ ⌈readings of a pet-day / 100⌉ + pet-days = {b['lower_bound']} "
            f"(**{b['ratio_to_lower_bound']:.2f}×**; the packed model's own floor is a write per pet-day, "
            f"{b['pet_days']}); {b['seconds_on_azurite']:.1f} s on Azurite. By kind: "
            + ", ".join(f"{k} {v}" for k, v in sorted(b["requests"].items())) + ".\n",
            _table(
                ["MQTT packet through record_all (the IoT Hub function's path, on Azurite)", "Table requests", "by kind", "accepted"],
                [[f"{size} readings", p["storage_requests"], ", ".join(f"{k} {v}" for k, v in sorted(p["requests"].items())), p["accepted"]]
                 for size, p in azure["packets"].items()],
            ),
        ]  # fmt: skip
    az = r.get("azure_cold_start")
    if az:
        out += ["## d. Azure Functions cold start\n",
                f"Fresh process imports `entrypoints.azure_functions.function_app` and calls the route's function "
                f"with an `azure.functions.HttpRequest`; container: {az['container']}. Wall "
                f"{az['wall_ms']['median']:.0f} ms ({az['wall_ms']['min']:.0f}–{az['wall_ms']['max']:.0f}), "
                f"peak RSS {az['peak_rss_mib']['median']:.1f} MiB, {az['modules']} modules.\n"]  # fmt: skip
    if r.get("owner_data"):
        from bench.owner_data import markdown as owner_data_markdown

        out += owner_data_markdown(r["owner_data"])
    pk = r.get("packages")
    if pk:
        out += ["## e. Package size\n",
                f"Lambda zip (the four packages + lambda/dependencies/requirements.txt, without boto3/botocore/s3transfer): "
                f"**{pk['lambda_zip_bytes'] / 1e6:.2f} MB** (Pawtrack's own code: {pk['lambda_code_only_zip_bytes'] / 1e6:.2f} MB). "
                "Largest unzipped: " + ", ".join(f"{n} {s / 1e6:.1f} MB" for n, s in pk["lambda_largest"]) + ".\n\n"
                f"Azure Functions package (build/azure's contents + its requirements in .python_packages): "
                f"**{pk['azure_zip_bytes'] / 1e6:.2f} MB**. Largest unzipped: "
                + ", ".join(f"{n} {s / 1e6:.1f} MB" for n, s in pk["azure_largest"]) + ".\n"]  # fmt: skip
    mods = r.get("modules")
    if mods:
        out += ["## f. Modules at cold start, per Lambda function (after its first invocation)\n",
                _table(["function", "sys.modules", "new", "wall ms", "third-party top-level packages", "Pawtrack modules"],
                       [[f, a["modules"], a["new_modules"], f"{a['wall_ms']:.0f}", " ".join(a["third_party"]), len(a["ours"])]
                        for f, a in mods.items()])]  # fmt: skip
        notes = []
        for f, a in mods.items():
            has = [
                n
                for n in ("entrypoints.http.routes", "jwt", "yaml")
                if n in a["ours"] or n in a["third_party"]
            ]
            notes.append(
                f"- {f}: " + (", ".join(has) if has else "neither the route table, jwt nor yaml")
            )
        out += [
            "Imports of note (yaml comes with dependency_injector.providers, which imports it when "
            "installed):\n",
            "\n".join(notes) + "\n",
        ]
    if r.get("errors"):
        out += ["## Errors\n"] + [f"### {k}\n```\n{v}\n```\n" for k, v in r["errors"].items()]
    return "\n".join(out)
