from __future__ import annotations

from application.ports.messaging import ApprovalWaiting, DeliverWebhook, Job
from application.use_cases.decide_app import RememberApprovalToken
from application.use_cases.deliver_webhook import DeliverWebhookJob
from application.use_cases.process_bundle import ProcessBundleJob


class RunJob:
    """Whatever job the queue handed over, to the use case that does it."""

    def __init__(
        self,
        process_bundle: ProcessBundleJob,
        deliver_webhook: DeliverWebhookJob,
        remember_approval_token: RememberApprovalToken,
    ) -> None:
        self._process_bundle, self._deliver_webhook = process_bundle, deliver_webhook
        self._remember_approval_token = remember_approval_token

    def __call__(self, job: Job) -> None:
        if isinstance(job, DeliverWebhook):
            self._deliver_webhook(job)
        elif isinstance(job, ApprovalWaiting):
            self._remember_approval_token(job)
        else:
            self._process_bundle(job)
