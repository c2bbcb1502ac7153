"""Jobs on an SQS queue (with a dead-letter queue); the SQS Lambda runs them.

A message body is `{"job": "process-bundle", "bundle_id": "..."}`. The queue
redelivers a job whose run failed, and parks it in the dead-letter queue after
the redrive policy's number of receives.
"""

from __future__ import annotations

from typing import Any

from application.messages.jobs import job_to_message
from application.ports.messaging import Job, JobQueue

SQS_LONGEST_DELAY = 900


class SqsJobQueue(JobQueue):
    def __init__(self, client: Any, queue_url: str) -> None:
        self._client, self._queue_url = client, queue_url

    def enqueue(self, job: Job) -> None:
        # SQS delays a message 15 minutes at most; a longer wait is made of several hops.
        delay = min(getattr(job, "delay_seconds", 0), SQS_LONGEST_DELAY)
        self._client.send_message(
            QueueUrl=self._queue_url, MessageBody=job_to_message(job), DelaySeconds=delay
        )
