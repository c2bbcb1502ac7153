from __future__ import annotations

import attrs

from application.authorization import require_admin
from application.ports.apps import DeliveryFailed, Subscriptions, WebhookSender
from application.ports.clock import Clock
from application.ports.messaging import DeliverWebhook, JobQueue
from application.ports.secrets import SecretStore
from application.ports.telemetry import Field, LogEvent, Metric, Telemetry
from domain.access import Caller
from domain.apps import WebhookMessage, next_try
from domain.errors import NotFound

COUNTED = {
    LogEvent.WEBHOOK_SENT: Metric.WEBHOOKS_SENT,
    LogEvent.WEBHOOK_RETRIED: Metric.WEBHOOK_RETRIES,
    LogEvent.WEBHOOK_FAILED: Metric.WEBHOOKS_FAILED,
}


class DeliverWebhookJob:
    """Sends one message to the app's endpoint; on failure queues it again after a backoff
    (30 s doubling, at most 2 h) for 24 hours, then keeps it as failed for the administrator.
    An app that unsubscribed meanwhile is told nothing."""

    def __init__(
        self,
        subscriptions: Subscriptions,
        secret_store: SecretStore,
        sender: WebhookSender,
        jobs: JobQueue,
        clock: Clock,
        system_clock: Clock,
        telemetry: Telemetry,
    ) -> None:
        self._subscriptions, self._sender, self._jobs = subscriptions, sender, jobs
        self._secrets = secret_store
        self._clock, self._system_clock = clock, system_clock
        self._telemetry = telemetry

    def __call__(self, job: DeliverWebhook) -> None:
        message = job.message
        subscription = self._subscriptions.get(message.app_id)
        secret = self._secrets.get(subscription.secret_name) if subscription else None
        if subscription is None or secret is None:
            return  # unsubscribed meanwhile
        try:
            # Signed at the real time: receivers check the timestamp against their clocks.
            self._sender.send(subscription.url, secret, message, self._system_clock.now())
        except DeliveryFailed as error:
            self._again(attrs.evolve(message, attempts=message.attempts + 1, last_error=str(error)))
        else:
            self._told(LogEvent.WEBHOOK_SENT, message)

    def _again(self, message: WebhookMessage) -> None:
        wait = next_try(message, self._clock.now())
        if wait is None:
            self._subscriptions.keep_failed(message)
            self._told(LogEvent.WEBHOOK_FAILED, message)
            return
        self._jobs.enqueue(DeliverWebhook(message, int(wait.total_seconds())))
        self._told(LogEvent.WEBHOOK_RETRIED, message, wait_seconds=int(wait.total_seconds()))

    def _told(self, event: LogEvent, message: WebhookMessage, **fields: Field) -> None:
        self._telemetry.record(
            event,
            {COUNTED[event]: 1},
            app_id=message.app_id,
            message_id=message.id,
            type=message.kind,
            attempts=message.attempts,
            reason=message.last_error,
            **fields,
        )


@attrs.frozen
class ReplayWebhookCommand:
    caller: Caller
    message_id: str


class ListFailedWebhooks:
    def __init__(self, subscriptions: Subscriptions) -> None:
        self._subscriptions = subscriptions

    def __call__(self, caller: Caller) -> list[WebhookMessage]:
        require_admin(caller)
        return self._subscriptions.failed()


class ReplayWebhook:
    """An administrator sends a failed message again, with 24 hours of retries from now."""

    def __init__(self, subscriptions: Subscriptions, jobs: JobQueue, clock: Clock) -> None:
        self._subscriptions, self._jobs, self._clock = subscriptions, jobs, clock

    def __call__(self, command: ReplayWebhookCommand) -> None:
        require_admin(command.caller)
        message = self._subscriptions.take_failed(command.message_id)
        if message is None:
            raise NotFound("there is no such failed message")
        again = attrs.evolve(message, created_at=self._clock.now(), attempts=0)
        self._jobs.enqueue(DeliverWebhook(again))
