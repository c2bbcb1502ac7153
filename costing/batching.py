"""How many packets one invocation takes: the batching each deployment declares (template.yaml's
PROD stage, main.bicep's prod stage), at the workload's rate. Read from the files as text:
costing imports nothing of Pawtrack."""

from __future__ import annotations

import re
from pathlib import Path

from costing.workload import Workload

ROOT = Path(__file__).resolve().parents[1]
SQS_POLLERS = 5  # the SQS event source mapping's pollers of a standard queue, at the start
SQS_RECEIVE = 10  # messages one ReceiveMessage returns at most
EVENT_HUB_PARTITIONS = 4  # main.bicep's IoT Hub built-in endpoint


def aws_batching() -> tuple[int, int]:
    """(ReadingsBatchSize, ReadingsWindow seconds) of template.yaml's PROD stage."""
    line = _match(r"^    PROD: \{(.*)\}$", (ROOT / "template.yaml").read_text())
    return int(_match(r"ReadingsBatchSize: (\d+)", line)), int(
        _match(r"ReadingsWindow: (\d+)", line)
    )


def azure_batching() -> tuple[int, int, int]:
    """(most, fewest messages a batch waits for, the wait in seconds) of main.bicep's prod."""
    text = (ROOT / "infra" / "azure" / "main.bicep").read_text()
    prod = _match(r"^  prod: \{(.*?)^  \}", text, re.M | re.S)
    wait = _match(r"readingsWindow: '(\d\d:\d\d:\d\d)'", prod)
    hours, minutes, seconds = (int(part) for part in wait.split(":"))
    most, fewest = (
        int(_match(rf"{name}: (\d+)", prod)) for name in ("readingsMaxBatch", "readingsMinBatch")
    )
    return most, fewest, hours * 3600 + minutes * 60 + seconds


def packets_per_invocation(workload: Workload) -> float:
    """AWS: each poller fills a batch until it holds the batch size or the window has passed
    since its first message; with no window a batch is what one receive returns."""
    size, window = aws_batching()
    per_poller = workload.packets_per_second / SQS_POLLERS
    if window == 0:
        return max(1.0, min(float(SQS_RECEIVE), per_poller))
    return max(1.0, min(float(size), per_poller * window))


def packets_per_execution(workload: Workload) -> float:
    """Azure: each partition's batch holds what came while the host waited for the fewest it
    waits for (at most the wait), and never more than the most."""
    most, fewest, wait = azure_batching()
    per_partition = workload.packets_per_second / EVENT_HUB_PARTITIONS
    if fewest <= 1 or wait == 0:
        return max(1.0, min(float(most), per_partition))  # what is there when the host looks
    return max(1.0, min(float(most), float(fewest), per_partition * wait))


def _match(pattern: str, text: str, flags: int = re.M) -> str:
    found = re.search(pattern, text, flags)
    if found is None:
        raise LookupError(f"no {pattern!r} in the deployment files")
    return found.group(1)
