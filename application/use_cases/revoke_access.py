from __future__ import annotations

import attrs

from application.authorization import hidden_from_apps
from application.ports.access import GrantRepository
from application.ports.apps import Authorizations, Subscriptions
from application.ports.clock import Clock
from application.ports.messaging import DeliverWebhook, JobQueue
from domain.access import Caller
from domain.apps import Change, ChangeKind, WebhookMessage


@attrs.frozen
class RevokeAccessCommand:
    caller: Caller
    app_id: str


class RevokeAccess:
    """Takes effect on the app's next request: grants are read on every request, never cached.
    The connection ends with it (its access and refresh tokens are refused), the app hears no
    more of the owner, and a subscribed app is told `access-revoked`."""

    def __init__(
        self,
        grants: GrantRepository,
        authorizations: Authorizations,
        subscriptions: Subscriptions,
        jobs: JobQueue,
        clock: Clock,
    ) -> None:
        self._grants, self._authorizations = grants, authorizations
        self._subscriptions, self._jobs, self._clock = subscriptions, jobs, clock

    def __call__(self, command: RevokeAccessCommand) -> None:
        hidden_from_apps(command.caller, "grant")
        owner, app_id = command.caller.user_id, command.app_id
        had = self._grants.get(owner, app_id) is not None
        self._grants.revoke(owner, app_id)
        self._authorizations.disconnect(owner, app_id)
        self._subscriptions.unwatch(owner, app_id)
        if had and self._subscriptions.get(app_id) is not None:
            change = Change(ChangeKind.REVOKED, owner)
            self._jobs.enqueue(DeliverWebhook(WebhookMessage.of(app_id, change, self._clock.now())))
