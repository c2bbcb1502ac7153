from __future__ import annotations

from application.ports.messaging import (
    ApprovalWaiting,
    DeliverWebhook,
    ExportAccount,
    Job,
    ProcessBundle,
)
from application.use_cases.decide_app import RememberApprovalToken
from application.use_cases.deliver_webhook import DeliverWebhookJob
from application.use_cases.export_account import ExportAccountJob
from application.use_cases.process_bundle import ProcessBundleJob


class RunJob:
    """A job from the queue, to the use case of its kind."""

    def __init__(
        self,
        bundles: ProcessBundleJob,
        exports: ExportAccountJob,
        webhooks: DeliverWebhookJob,
        approvals: RememberApprovalToken,
    ) -> None:
        self._bundles, self._exports = bundles, exports
        self._webhooks, self._approvals = webhooks, approvals

    def __call__(self, job: Job) -> None:
        if isinstance(job, ProcessBundle):
            self._bundles(job)
        elif isinstance(job, ExportAccount):
            self._exports(job)
        elif isinstance(job, DeliverWebhook):
            self._webhooks(job)
        elif isinstance(job, ApprovalWaiting):
            self._approvals(job)
