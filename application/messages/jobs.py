"""Jobs as queue messages and back, the same on every queue (SQS, Storage Queues).

A message body is `{"job": "process-bundle", "bundle_id": "...", "trace": {...}}` or
`{"job": "export-account", "owner_id": "...", "export_id": "...", "trace": {...}}`: `trace`
carries the chain's correlation id (application/tracing.py) to the job's run.
"""

from __future__ import annotations

import json
from typing import TypeGuard

from application import tracing
from application.ports.messaging import ExportAccount, Job, ProcessBundle

PROCESS_BUNDLE = "process-bundle"
EXPORT_ACCOUNT = "export-account"
# The queues give a job this many deliveries, then park it: template.yaml's maxReceiveCount and
# host.json's maxDequeueCount (tests hold the three together).
MAX_JOB_ATTEMPTS = 5


def job_to_message(job: Job) -> str:
    message: dict[str, object]
    if isinstance(job, ProcessBundle):
        message = {"job": PROCESS_BUNDLE, "bundle_id": job.bundle_id}
    else:
        message = {"job": EXPORT_ACCOUNT, "owner_id": job.owner_id, "export_id": job.export_id}
    trace = tracing.carried()
    if trace is not None:
        message["trace"] = trace
    return json.dumps(message)


def job_from_message(body: str) -> Job:
    """The job of a message body. Raises ValueError for a message that is not one of ours."""
    message = json.loads(body)  # a JSONDecodeError is a ValueError
    if not isinstance(message, dict) or message.get("job") not in (PROCESS_BUNDLE, EXPORT_ACCOUNT):
        raise ValueError("not a Pawtrack job")
    if message["job"] == EXPORT_ACCOUNT:
        owner_id, export_id = message.get("owner_id"), message.get("export_id")
        if not _named(owner_id) or not _named(export_id):
            raise ValueError("an export-account job names its owner and export")
        return ExportAccount(owner_id, export_id)
    bundle_id = message.get("bundle_id")
    if not _named(bundle_id):
        raise ValueError("a process-bundle job names its bundle")
    return ProcessBundle(bundle_id)


def _named(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and bool(value)


def trace_of_message(body: str) -> tracing.Carried | None:
    """The trace a job message carried on, if any (never raises: an unreadable message has
    none, and job_from_message says why it is unreadable)."""
    try:
        message = json.loads(body)
    except ValueError:
        return None
    return tracing.carried_from(message.get("trace")) if isinstance(message, dict) else None
