"""The approval workflow as a Durable Functions orchestration: a request waits for the
administrator's decision (an external event) raced with a timer at its deadline; the timer's
win calls the activity that refuses the request. DurableApprovalWorkflow starts the
orchestration and raises the decision through the extension's HTTP API.

Cost: an orchestration of a request runs its function three or four times (start, the event or
the timer, the activity) and keeps a few rows in the task hub's storage; waiting costs nothing."""

from __future__ import annotations

from collections.abc import Generator
from datetime import datetime
from typing import Any

import azure.durable_functions as df

from entrypoints.azure_functions import runtime

ORCHESTRATION = "app_approval"  # adapters/azure/durable_approval_workflow.py starts it by name
DECISION = "decision"
EXPIRED = "app_request_expired"

blueprint = df.Blueprint()


def approval(context: df.DurableOrchestrationContext) -> Generator[Any, Any, dict[str, str]]:
    started = context.get_input()
    request_id, deadline = started["request_id"], datetime.fromisoformat(started["deadline"])
    decision = context.wait_for_external_event(DECISION)
    timeout = context.create_timer(deadline)
    winner = yield context.task_any([decision, timeout])
    if winner == decision:
        timeout.cancel()
        return {"request_id": request_id, "outcome": "decided"}
    yield context.call_activity(EXPIRED, request_id)
    return {"request_id": request_id, "outcome": "refused"}


@blueprint.orchestration_trigger(  # type: ignore[untyped-decorator]
    context_name="context", orchestration=ORCHESTRATION
)
def app_approval(context: df.DurableOrchestrationContext) -> Generator[Any, Any, dict[str, str]]:
    return approval(context)


@blueprint.activity_trigger(input_name="requestid", activity=EXPIRED)  # type: ignore[untyped-decorator]
def app_request_expired(requestid: str) -> list[str]:
    refused: list[str] = runtime.container().expire_app_requests()([requestid])
    return refused
