"""Jobs on an SQS queue (with a dead-letter queue); the SQS Lambda runs them.

A message body is `{"job": "process-bundle", "bundle_id": "..."}`. The queue
redelivers a job whose run failed, and parks it in the dead-letter queue after
the redrive policy's number of receives.
"""

from __future__ import annotations

import json
from typing import Any

from application.ports.messaging import Job, JobQueue, ProcessBundle

PROCESS_BUNDLE = "process-bundle"


class SqsJobQueue(JobQueue):
    def __init__(self, client: Any, queue_url: str) -> None:
        self._client, self._queue_url = client, queue_url

    def enqueue(self, job: Job) -> None:
        self._client.send_message(QueueUrl=self._queue_url, MessageBody=job_to_message(job))


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
