"""The store-kept approval workflow (the laptop's Step Functions), in memory and in SQLite:
a request waits until its deadline; one decision ends the wait; the timer ends each wait past
its deadline once. (The clouds' workflows: tests/aws_lambda/test_approval_state_machine.py on
moto's Step Functions, tests/azure_functions/test_approval_orchestration.py step by step.)"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from adapters.local.memory_approval_workflow import InMemoryApprovalWorkflow
from adapters.local.sqlite_approval_workflow import SqliteApprovalWorkflow
from application.ports.apps import ApprovalWorkflow
from domain.apps import REQUEST_LIFETIME, AppRequest
from domain.errors import Conflict

from .concurrency import all_at_once
from .conftest import Workspace

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)


@pytest.fixture(params=["memory", "sqlite"])
def workflow(request: pytest.FixtureRequest, workspace: Workspace) -> ApprovalWorkflow:
    if request.param == "memory":
        return InMemoryApprovalWorkflow()
    return SqliteApprovalWorkflow(workspace.database())


def request(at: datetime = NOW) -> AppRequest:
    return AppRequest.new("VetBook", ["https://vetbook.example/cb"], "dev@x.example", None, at, "d")


def test_one_decision_ends_the_wait(workflow: ApprovalWorkflow) -> None:
    waiting = request()
    workflow.start(waiting)
    workflow.start(waiting)  # idempotent
    outcomes = all_at_once([lambda: _decided(workflow, waiting)] * 3)
    assert outcomes.count(True) == 1
    with pytest.raises(Conflict):
        workflow.decide(waiting, False, NOW)
    assert workflow.due(NOW + REQUEST_LIFETIME) == []


def _decided(workflow: ApprovalWorkflow, waiting: AppRequest) -> bool:
    try:
        workflow.decide(waiting, True, NOW + timedelta(days=1))
    except Conflict:
        return False
    return True


def test_the_timer_ends_the_waits_past_their_deadline_once(workflow: ApprovalWorkflow) -> None:
    early, late = request(NOW), request(NOW + timedelta(days=2))
    workflow.start(early)
    workflow.start(late)
    assert workflow.due(NOW + REQUEST_LIFETIME - timedelta(seconds=1)) == []
    assert workflow.due(NOW + REQUEST_LIFETIME) == [early.id]
    assert workflow.due(NOW + REQUEST_LIFETIME) == []
    with pytest.raises(Conflict):  # too late to decide
        workflow.decide(early, True, NOW + REQUEST_LIFETIME)
    workflow.decide(late, True, NOW + REQUEST_LIFETIME)  # still within its own 7 days
