"""The goals of issue #5, judged from one run's results, and RESULTS.md."""

from __future__ import annotations

from typing import Any


def _get(results: dict[str, Any], *path: str) -> Any:
    for key in path:
        if not isinstance(results, dict) or key not in results:
            return None
        results = results[key]
    return results


ANNOUNCE_MS = 100  # the announce function's share of a packet: not measured here (see profiles.py)


def _line(small: tuple[float, float], large: tuple[float, float]) -> dict[str, float]:
    """{fixed, per_reading} of the line through two (readings, quantity) points."""
    (n1, q1), (n2, q2) = small, large
    slope = (q2 - q1) / (n2 - n1)
    return {"fixed": round(q1 - slope * n1, 3), "per_reading": round(slope, 5)}


def cost_profiles(r: dict[str, Any]) -> dict[str, Any]:
    """What `pawtrack cost` reads (costing/bench.py): per use case and meter, a quantity
    per occurrence as {fixed, per_reading}, fitted through this run's packets of 1 and 60
    readings and its bundle. Only what was measured is written; the rest keeps the model."""
    found: dict[str, Any] = {"aws": {}, "azure": {}}
    mqtt = r.get("ingest_mqtt") or {}
    if "1" in mqtt and "60" in mqtt:
        ms = _line((1, mqtt["1"]["seconds"] * 1000), (60, mqtt["60"]["seconds"] * 1000))
        ms["fixed"] += ANNOUNCE_MS
        found["aws"]["packet"] = {"duration_ms": ms}
    azure = r.get("ingest_azure") or {}
    packets = azure.get("packets") or {}
    if "1" in packets and "60" in packets:
        one, sixty = packets["1"], packets["60"]
        ms = _line((1, one["seconds"] * 1000), (60, sixty["seconds"] * 1000))
        ms["fixed"] += ANNOUNCE_MS
        found["azure"]["packet"] = {
            "table_transactions": _line(
                (1, one["storage_requests"]), (60, sixty["storage_requests"])
            ),
            "duration_ms": ms,
        }
    bundle = azure.get("bundle")
    if bundle:
        per_reading = bundle["table_requests"] / bundle["readings"]
        found["azure"]["bundle"] = {
            "table_transactions": {"fixed": 0, "per_reading": round(per_reading, 5)}
        }
    return found


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
        # The peers' overhead is what they add to the bare handler doing the same dict read;
        # Pawtrack's is what its HTTP adapters add to its own use case (its reads are not dicts).
        for peer, label in (("chalice", "Chalice"), ("powertools", "Powertools")):
            theirs = memory[peer]["overhead_over_bare_us"]
            goal(f"warm framework overhead below {label}'s ({theirs:.1f} µs)", round(overhead, 1),
                 f"< {theirs:.1f} µs", overhead < theirs)  # fmt: skip
    rate = _get(r, "ingest_memory", "bundle_100000", "readings_per_s") or _get(
        r, "ingest_memory", "bundle_10000", "readings_per_s"
    )
    goal("ingest in process (bundle, memory)", None if rate is None else round(rate), "≥ 50,000 readings/s",
         rate is not None and rate >= 50_000)  # fmt: skip
    ratio = _get(r, "ingest_aws", "bundle", "ratio_to_lower_bound")
    goal("DynamoDB requests per bundle vs lower bound", None if ratio is None else round(ratio, 2), "≤ 1.10×",
         ratio is not None and ratio <= 1.1)  # fmt: skip
    ratio = _get(r, "ingest_azure", "bundle", "ratio_to_lower_bound")
    goal("Azure Table requests per bundle vs lower bound", None if ratio is None else round(ratio, 2), "≤ 1.10×",
         ratio is not None and ratio <= 1.1)  # fmt: skip
    per_packet = _get(r, "ingest_mqtt", "10", "storage_requests")
    goal(
        "storage requests per MQTT packet (10 readings), AWS",
        per_packet,
        "≤ 3",
        per_packet is not None and per_packet <= 3,
    )
    per_packet = _get(r, "ingest_azure", "packets", "10", "storage_requests")
    goal(
        "storage requests per MQTT packet (10 readings), Azure",
        per_packet,
        "≤ 3",
        per_packet is not None and per_packet <= 3,
    )
    size = _get(r, "packages", "lambda_zip_bytes")
    goal("Lambda zip without boto3", None if size is None else f"{size / 1e6:.2f} MB", "≤ 5 MB",
         size is not None and size <= 5e6)  # fmt: skip
    return found


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
    aws = r.get("ingest_aws")
    if aws:
        b = aws["bundle"]
        out += [
            f"AWS, one bundle of {b['readings']:,} readings over {b['pet_days']} pet-days through ProcessBundleJob "
            f"(counted with botocore's before-call events): **{b['dynamodb_requests']} DynamoDB requests** "
            f"against a lower bound of ceil(N/25) + pet-days = {b['lower_bound']} "
            f"(**{b['ratio_to_lower_bound']:.2f}×**); {b['seconds_on_moto']:.1f} s on moto. By operation: "
            + ", ".join(f"{k} {v}" for k, v in sorted(b["requests"].items()))
            + '. TransactWriteItems are counted but answered "done" without reaching moto (moto copies every '
            "table for each transaction: 10,000 readings take it many minutes); the reads are moto's.\n",
        ]
    mqtt = r.get("ingest_mqtt")
    if mqtt:
        out += [
            _table(
                [
                    "MQTT packet through iot.handler (on moto)",
                    "DynamoDB requests",
                    "all requests",
                    "report",
                ],
                [
                    [
                        f"{size} readings",
                        p["storage_requests"],
                        ", ".join(f"{k} {v}" for k, v in sorted(p["requests"].items())),
                        f"accepted {p['report']['accepted']}",
                    ]
                    for size, p in mqtt.items()
                ],
            ),  # fmt: skip
        ]
    azure = r.get("ingest_azure")
    if azure:
        b = azure["bundle"]
        out += [
            f"Azure, the same bundle of {b['readings']:,} readings over {b['pet_days']} pet-days, the whole path "
            "(upload link, Event Grid BlobCreated, the queue job, the report) against Azurite, counted at azure-core's "
            f"HTTP transport: **{b['table_requests']} Table Storage requests** against a lower bound of "
            f"Σ ⌈readings of a pet-day / 100⌉ + pet-days = {b['lower_bound']} (**{b['ratio_to_lower_bound']:.2f}×**); "
            f"{b['seconds_on_azurite']:.1f} s on Azurite. By kind: "
            + ", ".join(f"{k} {v}" for k, v in sorted(b["requests"].items()))
            + ".\n",
            _table(
                [
                    "MQTT packet through the IoT Hub function (on Azurite)",
                    "Table requests",
                    "by kind",
                    "accepted",
                ],
                [
                    [
                        f"{size} readings",
                        p["storage_requests"],
                        ", ".join(f"{k} {v}" for k, v in sorted(p["requests"].items())),
                        p["accepted"],
                    ]
                    for size, p in azure["packets"].items()
                ],
            ),  # fmt: skip
        ]
    az = r.get("azure_cold_start")
    if az:
        out += ["## d. Azure Functions cold start\n",
                f"Fresh process imports `entrypoints.azure_functions.function_app` and calls the route's function "
                f"with an `azure.functions.HttpRequest`; container: {az['container']}. Wall "
                f"{az['wall_ms']['median']:.0f} ms ({az['wall_ms']['min']:.0f}–{az['wall_ms']['max']:.0f}), "
                f"peak RSS {az['peak_rss_mib']['median']:.1f} MiB, {az['modules']} modules.\n"]  # fmt: skip
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
