"""What the intake tells subscribed apps: `activity-changed` when a pet-day's steps changed,
`location-changed` when its positions did, each only to the apps whose grant reads it, never
the data, one read of who may hear a batch, and nothing at all when nobody is subscribed."""

from __future__ import annotations

from datetime import UTC, datetime

from application.ports.messaging import DeliverWebhook
from domain.access import Scope
from domain.apps import Subscription, Watch
from domain.pets import Pet

from .conftest import ALICE, Core, reading

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)


def subscribed(core: Core, app: str, *scopes: Scope) -> None:
    core.subscriptions.subscribe(Subscription(app, f"https://{app}.example/in", NOW))
    core.subscriptions.watch(Watch(ALICE.user_id, app, frozenset(scopes)))


def told(core: Core) -> set[tuple[str, str, tuple[tuple[str, str], ...]]]:
    return {
        (job.message.app_id, job.message.kind, tuple(sorted(job.message.data.items())))
        for job in core.jobs_run
        if isinstance(job, DeliverWebhook)
    }


def test_each_app_hears_only_what_its_grant_reads(core: Core, rex: Pet) -> None:
    subscribed(core, "steps", Scope.ACTIVITY)
    subscribed(core, "places", Scope.LOCATION)
    subscribed(core, "profile", Scope.PROFILE)
    core.report("TRK-001", reading("2026-11-21T08:00:00Z", 100, latitude=52.5, longitude=13.4))
    about = (("day", "2026-11-21"), ("owner_id", "alice"), ("pet_id", rex.id))
    assert told(core) == {
        ("steps", "activity-changed", about),
        ("places", "location-changed", about),
    }


def test_no_steps_no_activity_message_and_no_subscription_no_message(core: Core, rex: Pet) -> None:
    core.subscriptions.watch(Watch(ALICE.user_id, "unsubscribed", frozenset(Scope)))
    subscribed(core, "steps", Scope.ACTIVITY, Scope.LOCATION)
    core.report("TRK-001", reading("2026-11-21T08:00:00Z", 0))  # no steps, no position
    assert told(core) == set()
    core.report("TRK-001", reading("2026-11-21T08:05:00Z", 0, latitude=1.0, longitude=2.0))
    assert {(app, kind) for app, kind, _ in told(core)} == {("steps", "location-changed")}
