from __future__ import annotations

import attrs

from application.authorization import require_admin
from application.ports.access import AppRegistry
from application.ports.apps import AppRequests
from application.ports.clock import Clock
from domain.access import AppTerms, Caller
from domain.apps import AppRequest, RequestState
from domain.errors import NotFound


@attrs.frozen
class DecideAppCommand:
    caller: Caller
    request_id: str
    approve: bool


@attrs.frozen
class GetAppRequestQuery:
    request_id: str


class DecideApp:
    """An administrator approves a request (the app is registered at the identity provider
    with its exact redirect URIs) or refuses it. A request past its 7 days is refused already."""

    def __init__(self, requests: AppRequests, apps: AppRegistry, clock: Clock) -> None:
        self._requests, self._apps, self._clock = requests, apps, clock

    def __call__(self, command: DecideAppCommand) -> AppRequest:
        require_admin(command.caller)
        now = self._clock.now()
        request = self._requests.get(command.request_id)
        if request is None:
            raise NotFound("there is no such request")
        if not command.approve:
            refused = request.decided(False, None, now)
            self._requests.put(refused)
            return refused
        request.decided(True, None, now)  # raises if it is decided or expired
        terms = AppTerms(request.redirect_uris, request.requests_per_minute, request.secret_digest)
        app = self._apps.register(request.name, terms)
        registered = request.decided(True, app.id, now)
        self._requests.put(registered)
        return registered


class GetAppRequest:
    """Where a request stands (the developer's view: its id is known only to them and the
    administrators). A pending request past its deadline is refused, and stored so."""

    def __init__(self, requests: AppRequests, clock: Clock) -> None:
        self._requests, self._clock = requests, clock

    def __call__(self, query: GetAppRequestQuery) -> AppRequest:
        request = self._requests.get(query.request_id)
        if request is None:
            raise NotFound("there is no such request")
        current = request.current(self._clock.now())
        if current.state is not request.state:
            self._requests.put(current)
        return current


class ExpireAppRequests:
    """Refuses every pending request past its 7 days (the local workflow's timer; the clouds'
    workflows time out by themselves)."""

    def __init__(self, requests: AppRequests, clock: Clock) -> None:
        self._requests, self._clock = requests, clock

    def __call__(self) -> int:
        now, expired = self._clock.now(), 0
        for request in self._requests.pending():
            current = request.current(now)
            if current.state is RequestState.REFUSED:
                self._requests.put(current)
                expired += 1
        return expired
