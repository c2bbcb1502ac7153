"""Jobs as queue messages and back, the same on every queue (SQS, Storage Queues).

A message body is `{"job": "process-bundle", "bundle_id": "..."}`.
"""

from __future__ import annotations

import json

from application.ports.messaging import Job, ProcessBundle

PROCESS_BUNDLE = "process-bundle"


def job_to_message(job: Job) -> str:
    return json.dumps({"job": PROCESS_BUNDLE, "bundle_id": job.bundle_id})


def job_from_message(body: str) -> Job:
    """The job of a message body. Raises ValueError for a message that is not one of ours."""
    message = json.loads(body)  # a JSONDecodeError is a ValueError
    if not isinstance(message, dict) or message.get("job") != PROCESS_BUNDLE:
        raise ValueError("not a Pawtrack job")
    bundle_id = message.get("bundle_id")
    if not isinstance(bundle_id, str) or not bundle_id:
        raise ValueError("a process-bundle job names its bundle")
    return ProcessBundle(bundle_id)
