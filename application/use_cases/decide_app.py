from __future__ import annotations

from collections.abc import Sequence

import attrs

from application.authorization import require_admin
from application.ports.access import AppRegistry
from application.ports.apps import AppRequests, ApprovalWorkflow
from application.ports.clock import Clock
from application.ports.messaging import ApprovalWaiting
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
    with its exact redirect URIs) or refuses it. The waiting workflow is told first: a request
    it no longer waits for (decided, or past its 7 days) is a Conflict and registers nothing."""

    def __init__(
        self,
        requests: AppRequests,
        workflow: ApprovalWorkflow,
        apps: AppRegistry,
        clock: Clock,
    ) -> None:
        self._requests, self._workflow, self._apps, self._clock = requests, workflow, apps, clock

    def __call__(self, command: DecideAppCommand) -> AppRequest:
        require_admin(command.caller)
        now = self._clock.now()
        request = self._requests.get(command.request_id)
        if request is None:
            raise NotFound("there is no such request")
        request.decided(command.approve, None, now)  # raises if it is decided or expired
        self._workflow.decide(request, command.approve, now)
        app_id = None
        if command.approve:
            terms = AppTerms(
                request.redirect_uris, request.requests_per_minute, request.secret_digest
            )
            app_id = self._apps.register(request.name, terms).id
        decided = request.decided(command.approve, app_id, now)
        self._requests.put(decided)
        return decided


class GetAppRequest:
    """Where a request stands (the developer's view: its id is known only to them and the
    administrators). A pending request past its deadline reads as refused."""

    def __init__(self, requests: AppRequests, clock: Clock) -> None:
        self._requests, self._clock = requests, clock

    def __call__(self, query: GetAppRequestQuery) -> AppRequest:
        request = self._requests.get(query.request_id)
        if request is None:
            raise NotFound("there is no such request")
        return request.current(self._clock.now())


class ExpireAppRequests:
    """Refuses the requests whose wait ended without a decision: those the store-kept
    workflow's timer finds due, or those a cloud workflow's timer names (Durable Functions'
    activity). A request decided meanwhile stays as decided."""

    def __init__(self, requests: AppRequests, workflow: ApprovalWorkflow, clock: Clock) -> None:
        self._requests, self._workflow, self._clock = requests, workflow, clock

    def __call__(self, request_ids: Sequence[str] | None = None) -> list[str]:
        now = self._clock.now()
        due = self._workflow.due(now) if request_ids is None else list(request_ids)
        refused = []
        for request_id in due:
            request = self._requests.get(request_id)
            if request is not None and request.state is RequestState.PENDING:
                self._requests.put(attrs.evolve(request, state=RequestState.REFUSED))
                refused.append(request_id)
        return refused


class RememberApprovalToken:
    """The workflow waits and names the token its decision must carry (Step Functions)."""

    def __init__(self, workflow: ApprovalWorkflow) -> None:
        self._workflow = workflow

    def __call__(self, waiting: ApprovalWaiting) -> None:
        self._workflow.waiting(waiting.request_id, waiting.token)
