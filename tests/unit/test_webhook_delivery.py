"""A message to an app's endpoint: sent once when it is accepted; else queued again after 30 s,
doubling to at most 2 hours, for 24 hours from its creation, then kept as failed for an
administrator, who replays it (with 24 hours of retries again)."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import attrs
import pytest

from adapters.local.memory_secret_store import InMemorySecretStore
from adapters.local.memory_subscriptions import InMemorySubscriptions
from adapters.local.prometheus_telemetry import PrometheusTelemetry
from adapters.local.settable_clock import SettableClock
from application.ports.apps import DeliveryFailed, WebhookSender
from application.ports.messaging import DeliverWebhook, Job, JobQueue
from application.use_cases.deliver_webhook import (
    DeliverWebhookJob,
    ListFailedWebhooks,
    ReplayWebhook,
    ReplayWebhookCommand,
)
from domain.access import Caller
from domain.apps import Change, ChangeKind, Subscription, WebhookMessage, webhook_secret_name
from domain.errors import AccessDenied
from tests.support.telemetry import parsed, prometheus_totals

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
ADMIN, OWNER = Caller("ops", is_admin=True), Caller("alice")


@attrs.define
class Endpoint(WebhookSender):
    up: bool = False
    received: list[str] = attrs.Factory(list)

    def send(self, url: str, secret: str, message: WebhookMessage, now: datetime) -> None:
        if not self.up:
            raise DeliveryFailed("the endpoint answered 503")
        self.received.append(message.id)

    def challenge(self, url: str, challenge: str) -> bool:
        return True


@attrs.define
class Queue(JobQueue):
    queued: list[Job] = attrs.Factory(list)

    def enqueue(self, job: Job) -> None:
        self.queued.append(job)


@pytest.fixture
def parts() -> tuple[
    DeliverWebhookJob, Endpoint, Queue, InMemorySubscriptions, SettableClock, io.StringIO
]:
    clock, endpoint, queue = SettableClock(NOW), Endpoint(), Queue()
    subscriptions, lines = InMemorySubscriptions(), io.StringIO()
    subscriptions.subscribe(Subscription("app", "https://h.example/in", NOW))
    secrets = InMemorySecretStore()
    secrets.put(webhook_secret_name("app"), "whsec_c2VjcmV0")
    job = DeliverWebhookJob(
        subscriptions, secrets, endpoint, queue, clock, clock, PrometheusTelemetry(lines)
    )
    return job, endpoint, queue, subscriptions, clock, lines


def test_retries_back_off_for_24_hours_then_the_message_is_kept(parts) -> None:  # type: ignore[no-untyped-def]
    job, endpoint, queue, subscriptions, clock, lines = parts
    message = WebhookMessage.of("app", Change(ChangeKind.REVOKED, "alice"), NOW)
    job(DeliverWebhook(message))
    waits = []
    while queue.queued:
        again = queue.queued.pop()
        assert isinstance(again, DeliverWebhook)
        waits.append(again.delay_seconds)
        clock.set(clock.now() + timedelta(seconds=again.delay_seconds))
        job(again)
    assert waits[:4] == [30, 60, 120, 240] and max(waits) == 7200
    assert sum(waits) <= 24 * 3600
    kept = subscriptions.failed()
    assert [m.id for m in kept] == [message.id] and kept[0].attempts == len(waits) + 1
    events = [line["message"] for line in parsed(lines.getvalue())]
    assert events.count("webhook-retried") == len(waits) and events[-1] == "webhook-failed"


def test_an_administrator_replays_a_failed_message(parts) -> None:  # type: ignore[no-untyped-def]
    job, endpoint, queue, subscriptions, clock, _ = parts
    failed = attrs.evolve(
        WebhookMessage.of("app", Change(ChangeKind.REVOKED, "alice"), NOW), attempts=12
    )
    subscriptions.keep_failed(failed)
    assert ListFailedWebhooks(subscriptions)(ADMIN) == [failed]
    with pytest.raises(AccessDenied):
        ListFailedWebhooks(subscriptions)(OWNER)
    clock.set(NOW + timedelta(days=2))
    ReplayWebhook(subscriptions, queue, clock)(ReplayWebhookCommand(ADMIN, failed.id))
    (replayed,) = queue.queued
    assert isinstance(replayed, DeliverWebhook) and replayed.message.attempts == 0
    endpoint.up = True
    job(replayed)
    assert endpoint.received == [failed.id] and subscriptions.failed() == []


def test_an_app_that_unsubscribed_is_told_nothing(parts) -> None:  # type: ignore[no-untyped-def]
    job, endpoint, queue, subscriptions, _, _ = parts
    subscriptions.unsubscribe("app")
    endpoint.up = True
    job(DeliverWebhook(WebhookMessage.of("app", Change(ChangeKind.REVOKED, "alice"), NOW)))
    assert endpoint.received == [] and queue.queued == []


def test_sent_retried_and_failed_messages_are_counted() -> None:
    clock, endpoint, queue, subscriptions = (
        SettableClock(NOW),
        Endpoint(),
        Queue(),
        InMemorySubscriptions(),
    )
    subscriptions.subscribe(Subscription("app", "https://h.example/in", NOW))
    secrets = InMemorySecretStore()
    secrets.put(webhook_secret_name("app"), "whsec_c2VjcmV0")
    telemetry = PrometheusTelemetry(io.StringIO())
    job = DeliverWebhookJob(subscriptions, secrets, endpoint, queue, clock, clock, telemetry)
    job(DeliverWebhook(WebhookMessage.of("app", Change(ChangeKind.REVOKED, "alice"), NOW)))
    retries = 0
    while queue.queued:
        again = queue.queued.pop()
        assert isinstance(again, DeliverWebhook)
        retries += 1
        clock.set(clock.now() + timedelta(seconds=again.delay_seconds))
        job(again)
    endpoint.up = True
    job(DeliverWebhook(WebhookMessage.of("app", Change(ChangeKind.REVOKED, "bob"), clock.now())))
    totals = prometheus_totals(telemetry.exposition()[1].decode())
    assert retries > 1
    assert (totals["WebhooksSent"], totals["WebhookRetries"], totals["WebhooksFailed"]) == (
        1,
        retries,
        1,
    )
