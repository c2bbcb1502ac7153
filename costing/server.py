"""The same load on one always-on small server with a managed database (AWS list prices): the
comparison a serverless backend has to win. The server runs an MQTT broker and the ingest
(Pawtrack's in-process batch path takes some 100,000 readings a second on one core of this
bench's machine, so a small instance is enough for a fleet's packets); the database keeps the
readings as rows. Sized by the load, one size up where a ceiling is near; no second server,
no replica: what that saves is what it risks.
"""

from __future__ import annotations

import math

from costing.workload import HOURS_PER_MONTH, Workload

ROW_BYTES = 100  # a reading as a row of PostgreSQL with its index entries
SYSTEM_DISK_GB = 20
# (packets a second the size takes, its meter), smallest first
SERVERS = [
    (200.0, "ec2_t4g_small_hours"),
    (1_000.0, "ec2_t4g_medium_hours"),
    (4_000.0, "ec2_t4g_large_hours"),
]
DATABASES = [
    (200.0, "rds_t4g_micro_hours"),
    (1_000.0, "rds_t4g_small_hours"),
    (4_000.0, "rds_t4g_medium_hours"),
]


def server_meters(workload: Workload) -> dict[str, float]:
    rate = workload.packets_per_second
    meters = {
        _size(SERVERS, rate): HOURS_PER_MONTH,
        _size(DATABASES, rate): HOURS_PER_MONTH,
        "rds_storage_gb": max(20.0, math.ceil(workload.readings_kept * ROW_BYTES / 2**30)),
        "ebs_storage_gb": SYSTEM_DISK_GB,
    }
    return meters


def _size(sizes: list[tuple[float, str]], rate: float) -> str:
    for ceiling, meter in sizes:
        if rate <= ceiling:
            return meter
    return sizes[-1][1]


def server_assumptions(workload: Workload) -> list[str]:
    return [
        f"the server: one always-on EC2 instance and one single-AZ RDS PostgreSQL instance sized"
        f" for {workload.packets_per_second:,.0f} packets a second, a reading a row of"
        f" {ROW_BYTES} B; it runs its own MQTT broker (no IoT Core) and pushes through the same"
        " services as the clouds' (not counted in its bill)",
    ]
