"""Jobs as queue messages and back, the same on every queue (SQS, Storage Queues).

A message body is `{"job": "process-bundle", "bundle_id": "...", "trace": {...}}` or
`{"job": "export-account", "owner_id": "...", "export_id": "...", "trace": {...}}`: `trace`
carries the chain's correlation id (application/tracing.py) to the job's run.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TypeGuard

from application import tracing
from application.ports.messaging import (
    ApprovalWaiting,
    DeliverWebhook,
    ExportAccount,
    Job,
    ProcessBundle,
)
from domain.apps import WebhookMessage

PROCESS_BUNDLE = "process-bundle"
EXPORT_ACCOUNT = "export-account"
DELIVER_WEBHOOK = "deliver-webhook"
APPROVAL_WAITING = "approval-waiting"  # sent by the approval state machine (template.yaml)
# The queues give a job this many deliveries, then park it: template.yaml's maxReceiveCount and
# host.json's maxDequeueCount (tests hold the three together).
MAX_JOB_ATTEMPTS = 5


def job_to_message(job: Job) -> str:
    message: dict[str, object]
    if isinstance(job, ProcessBundle):
        message = {"job": PROCESS_BUNDLE, "bundle_id": job.bundle_id}
    elif isinstance(job, DeliverWebhook):
        message = {"job": DELIVER_WEBHOOK, "message": message_fields(job.message)}
    elif isinstance(job, ApprovalWaiting):
        message = {"job": APPROVAL_WAITING, "request_id": job.request_id, "task_token": job.token}
    else:
        message = {"job": EXPORT_ACCOUNT, "owner_id": job.owner_id, "export_id": job.export_id}
    trace = tracing.carried()
    if trace is not None:
        message["trace"] = trace
    return json.dumps(message)


def job_from_message(body: str) -> Job:
    """The job of a message body. Raises ValueError for a message that is not one of ours."""
    message = json.loads(body)  # a JSONDecodeError is a ValueError
    if isinstance(message, dict) and message.get("job") == DELIVER_WEBHOOK:
        return _webhook_job(message.get("message"))
    if isinstance(message, dict) and message.get("job") == APPROVAL_WAITING:
        request_id, token = message.get("request_id"), message.get("task_token")
        if not _named(request_id) or not _named(token):
            raise ValueError("an approval-waiting job names its request and task token")
        return ApprovalWaiting(request_id, token)
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


def message_fields(message: WebhookMessage) -> dict[str, object]:
    return {
        "id": message.id,
        "app_id": message.app_id,
        "kind": message.kind,
        "data": message.data,
        "created_at": message.created_at.isoformat(),
        "attempts": message.attempts,
        "last_error": message.last_error,
    }


def _webhook_job(fields: object) -> DeliverWebhook:
    try:
        assert isinstance(fields, dict)
        data = fields["data"]
        assert isinstance(data, dict) and all(isinstance(v, str) for v in data.values())
        message = WebhookMessage(
            str(fields["id"]),
            str(fields["app_id"]),
            str(fields["kind"]),
            data,
            datetime.fromisoformat(str(fields["created_at"])),
            int(fields["attempts"]),
            str(fields["last_error"]),
        )
    except (AssertionError, KeyError, TypeError, ValueError) as error:
        raise ValueError("a deliver-webhook job carries its message") from error
    return DeliverWebhook(message)
