"""The approval orchestration driven step by step, as azure-functions-durable's testing
guidance does (a mocked orchestration context, the generator advanced with each task's
result); the activity through the use case; the adapter against a fake of the extension's
HTTP API; and the host's view of the two functions (their triggers)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import httpx
import pytest

from adapters.azure.durable_approval_workflow import DurableApprovalWorkflow
from application.use_cases.request_app import RequestAppCommand
from domain.apps import AppRequest, RequestState
from domain.errors import Conflict
from entrypoints.azure_functions import approvals, runtime
from entrypoints.azure_functions.function_app import function_app
from entrypoints.settings import Cloud, LocalSettings, Settings
from entrypoints.wiring import build_container
from tests.support.azure_fake_durable import FakeDurable

DEADLINE = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


def started_context() -> mock.MagicMock:
    context = mock.MagicMock()
    context.get_input.return_value = {"request_id": "r1", "deadline": DEADLINE.isoformat()}
    context.wait_for_external_event.return_value = "decision-task"
    context.create_timer.return_value = timer = mock.MagicMock(name="timer-task")
    context.task_any.side_effect = lambda tasks: ("any", tuple(tasks))
    context.call_activity.side_effect = lambda name, given: ("activity", name, given)
    timer.__eq__ = lambda self, other: self is other  # type: ignore[method-assign]
    return context


def test_the_decision_ends_the_wait_and_cancels_the_timer() -> None:
    context = started_context()
    steps = approval_steps(context)
    waited = next(steps)
    assert waited == ("any", ("decision-task", context.create_timer.return_value))
    context.wait_for_external_event.assert_called_once_with("decision")
    context.create_timer.assert_called_once_with(DEADLINE)
    with pytest.raises(StopIteration) as ended:
        steps.send("decision-task")
    assert ended.value.value == {"request_id": "r1", "outcome": "decided"}
    context.create_timer.return_value.cancel.assert_called_once()
    context.call_activity.assert_not_called()


def test_the_timer_refuses_the_request_through_the_activity() -> None:
    context = started_context()
    steps = approval_steps(context)
    next(steps)
    assert steps.send(context.create_timer.return_value) == (
        "activity",
        approvals.EXPIRED,
        "r1",
    )
    with pytest.raises(StopIteration) as ended:
        steps.send(["r1"])
    assert ended.value.value == {"request_id": "r1", "outcome": "refused"}


def approval_steps(context: Any) -> Iterator[Any]:
    return approvals.approval(context)


def test_the_activity_refuses_a_pending_request_and_leaves_a_decided_one(tmp_path: Path) -> None:
    container = build_container(Settings(Cloud.MEMORY, LocalSettings(data_dir=tmp_path)))
    runtime.use_container(container)
    try:
        command = RequestAppCommand("VetBook", ["https://v.example/cb"], "dev@v.example")
        request = container.request_app()(command).request
        activity = approvals.app_request_expired.build().get_user_function()
        assert activity(request.id) == [request.id]
        assert activity(request.id) == []  # refused already
        stored = container.ports.app_requests().get(request.id)
        assert stored.state is RequestState.REFUSED
    finally:
        runtime.use_container(None)


def test_the_host_sees_an_orchestration_and_an_activity() -> None:
    functions = {f.get_function_name(): f for f in function_app().get_functions()}
    triggers = {
        name: json.loads(functions[name].get_function_json())["bindings"][0]["type"]
        for name in ("app_approval", "app_request_expired")
    }
    assert triggers == {
        "app_approval": "orchestrationTrigger",
        "app_request_expired": "activityTrigger",
    }


@pytest.fixture
def durable() -> Iterator[FakeDurable]:
    fake = FakeDurable()
    yield fake
    fake.close()


def test_the_adapter_starts_once_and_raises_one_decision(durable: FakeDurable) -> None:
    workflow = DurableApprovalWorkflow(httpx.Client(), durable.url, durable.key)
    request = AppRequest.new(
        "VetBook", ["https://v.example/cb"], "d@v.example", None, DEADLINE - timedelta(days=7), "d"
    )
    workflow.start(request)
    workflow.start(request)  # the instance exists: harmless
    assert durable.instances[request.id]["input"] == {
        "request_id": request.id,
        "deadline": request.deadline.isoformat(),
    }
    workflow.decide(request, True, DEADLINE)
    assert durable.instances[request.id]["events"] == [("decision", {"approve": True})]
    with pytest.raises(Conflict):
        workflow.decide(request, False, DEADLINE)
    late = AppRequest.new("Late", ["https://v.example/cb"], "d@v.example", None, DEADLINE, "d")
    workflow.start(late)
    durable.time_out(late.id)
    with pytest.raises(Conflict):
        workflow.decide(late, True, DEADLINE)
    with pytest.raises(httpx.HTTPStatusError):
        DurableApprovalWorkflow(httpx.Client(), durable.url, "wrong key").start(late)
