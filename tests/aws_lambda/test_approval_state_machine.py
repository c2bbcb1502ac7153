"""template.yaml's approval workflow on moto's Step Functions, which runs its states: the task
token reaches the jobs function through the queue, a decision ends the execution, and a request
nobody decides on is refused by the timeout (shortened here from 7 days to 2 seconds)."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from typing import Any

import pytest

from adapters.aws.dynamodb_app_requests import DynamoDBAppRequests
from adapters.aws.stepfunctions_approval_workflow import StepFunctionsApprovalWorkflow
from application.messages.jobs import job_from_message
from application.ports.messaging import ApprovalWaiting
from domain.apps import AppRequest, RequestState
from domain.errors import Conflict
from tests.support.aws import approval_state_machine, client, create_table, moto_endpoint

NOW = datetime.now(UTC)


@pytest.fixture
def deployed() -> dict[str, Any]:
    moto_endpoint()
    suffix = str(time.monotonic_ns())
    table = create_table(f"pawtrack-approvals-{suffix}")
    queue = client("sqs").create_queue(QueueName=f"jobs-{suffix}")["QueueUrl"]
    return {"table": table, "queue": queue, "suffix": suffix}


def workflow_of(deployed: dict[str, Any], timeout: int) -> StepFunctionsApprovalWorkflow:
    arn = approval_state_machine(
        f"approvals-{deployed['suffix']}-{timeout}", deployed["queue"], deployed["table"], timeout
    )
    return StepFunctionsApprovalWorkflow(
        client("stepfunctions"), arn, client("dynamodb"), deployed["table"]
    )


def the_job(queue: str) -> ApprovalWaiting:
    """What the jobs function gets from the queue: the state machine's message."""
    for _ in range(100):
        messages = client("sqs").receive_message(QueueUrl=queue, WaitTimeSeconds=0).get("Messages")
        if messages:
            job = job_from_message(messages[0]["Body"])
            assert isinstance(job, ApprovalWaiting)
            return job
        time.sleep(0.05)
    raise AssertionError("the state machine queued no task token")


def status(workflow: StepFunctionsApprovalWorkflow, request: AppRequest) -> str:
    arn = workflow._arn.replace(":stateMachine:", ":execution:") + f":{request.id}"
    for _ in range(100):
        found = str(client("stepfunctions").describe_execution(executionArn=arn)["status"])
        if found != "RUNNING":
            return found
        time.sleep(0.05)
    return "RUNNING"


def test_a_decision_carries_the_task_token_and_ends_the_execution(
    deployed: dict[str, Any],
) -> None:
    workflow = workflow_of(deployed, 60)
    request = AppRequest.new("VetBook", ["https://v.example/cb"], "dev@v.example", None, NOW, "d")
    DynamoDBAppRequests(client("dynamodb"), deployed["table"]).put(request)
    workflow.start(request)
    workflow.start(request)  # the same execution name: started once
    job = the_job(deployed["queue"])
    assert job.request_id == request.id and job.token
    with pytest.raises(Conflict):  # before the token is kept: try again
        workflow.decide(request, True, NOW)
    workflow.waiting(job.request_id, job.token)
    workflow.decide(request, True, NOW)
    assert status(workflow, request) == "SUCCEEDED"
    workflow.waiting(job.request_id, job.token)
    with pytest.raises(Conflict):  # the token is spent
        workflow.decide(request, False, NOW)


def test_a_request_nobody_decides_on_is_refused_by_the_timeout(deployed: dict[str, Any]) -> None:
    workflow = workflow_of(deployed, 2)
    requests = DynamoDBAppRequests(client("dynamodb"), deployed["table"])
    request = AppRequest.new("VetBook", ["https://v.example/cb"], "dev@v.example", None, NOW, "d")
    requests.put(request)
    workflow.start(request)
    job = the_job(deployed["queue"])
    workflow.waiting(job.request_id, job.token)
    time.sleep(2.5)
    assert status(workflow, request) == "SUCCEEDED"
    stored = requests.get(request.id)
    assert stored is not None and stored.state is RequestState.REFUSED
    assert requests.pending() == []
    with pytest.raises(Conflict):
        workflow.decide(request, True, NOW)
    history = client("stepfunctions").get_execution_history(
        executionArn=workflow._arn.replace(":stateMachine:", ":execution:") + f":{request.id}"
    )["events"]
    entered = [
        json.loads(json.dumps(e.get("stateEnteredEventDetails", {}))).get("name")
        for e in history
        if e["type"] == "TaskStateEntered"
    ]
    assert entered == ["WaitForDecision", "Refuse"]
