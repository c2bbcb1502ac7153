"""The approval workflow on Step Functions: one Standard execution per request (named by its
id), whose first state sends the jobs queue a message carrying its task token and waits
(`sqs:sendMessage.waitForTaskToken`) at most the request's 7 days; a decision ends the wait
(SendTaskSuccess), the timeout refuses the request in the table (a conditional UpdateItem:
a request decided meanwhile stays as it is). template.yaml declares the same definition
(`definition`); tests/test_template.py holds the two together.

Cost: a Standard workflow bills state transitions ($25 per million): 3 per request, decided or
not; waiting costs nothing.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from botocore.exceptions import ClientError

from adapters.aws.dynamodb_items import Items, epoch_seconds
from application.ports.apps import ApprovalWorkflow
from domain.apps import REQUEST_LIFETIME, AppRequest
from domain.errors import Conflict

WAIT_SECONDS = int(REQUEST_LIFETIME.total_seconds())
ENDED = ("TaskTimedOut", "InvalidToken", "TaskDoesNotExist")


def definition(queue_url: str, table: str, timeout_seconds: int = WAIT_SECONDS) -> dict[str, Any]:
    """The state machine: wait for the decision's token, or refuse the request at the timeout."""
    request_key = {
        "pk": {"S.$": "States.Format('APPREQUEST#{}', $.request_id)"},
        "sk": {"S": "REQUEST"},
    }
    return {
        "Comment": "A request to register an app waits 7 days for an administrator's decision.",
        "StartAt": "WaitForDecision",
        "States": {
            "WaitForDecision": {
                "Type": "Task",
                "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "Parameters": {
                    "QueueUrl": queue_url,
                    "MessageBody": {
                        "job": "approval-waiting",
                        "request_id.$": "$.request_id",
                        "task_token.$": "$$.Task.Token",
                    },
                },
                "TimeoutSeconds": timeout_seconds,
                # The error beside the input, not instead of it: Refuse needs the request's id.
                "Catch": [
                    {"ErrorEquals": ["States.Timeout"], "ResultPath": "$.error", "Next": "Refuse"}
                ],
                "End": True,
            },
            "Refuse": {
                "Type": "Task",
                "Resource": "arn:aws:states:::dynamodb:updateItem",
                "Parameters": {
                    "TableName": table,
                    "Key": request_key,
                    "UpdateExpression": "SET #state = :refused REMOVE gsi1pk, gsi1sk",
                    "ConditionExpression": "#state = :pending",
                    "ExpressionAttributeNames": {"#state": "state"},
                    "ExpressionAttributeValues": {
                        ":refused": {"S": "refused"},
                        ":pending": {"S": "pending"},
                    },
                },
                "Catch": [
                    {"ErrorEquals": ["DynamoDB.ConditionalCheckFailedException"], "Next": "Decided"}
                ],
                "End": True,
            },
            "Decided": {"Type": "Succeed"},
        },
    }


class StepFunctionsApprovalWorkflow(ApprovalWorkflow):
    def __init__(
        self, sfn_client: Any, state_machine_arn: str, dynamodb_client: Any, table: str
    ) -> None:
        self._sfn, self._arn = sfn_client, state_machine_arn
        self._items = Items(dynamodb_client, table)

    def start(self, request: AppRequest) -> None:
        try:
            self._sfn.start_execution(
                stateMachineArn=self._arn,
                name=request.id,
                input=json.dumps({"request_id": request.id}),
            )
        except ClientError as error:
            if error.response["Error"]["Code"] != "ExecutionAlreadyExists":
                raise

    def waiting(self, request_id: str, token: str) -> None:
        self._items.put(
            {
                "pk": f"APPREQUEST#{request_id}",
                "sk": "WORKFLOW",
                "token": token,
                "expires_at": epoch_seconds(datetime.now().astimezone() + REQUEST_LIFETIME * 2),
            }
        )

    def decide(self, request: AppRequest, approve: bool, now: datetime) -> None:
        waiting = self._items.get(f"APPREQUEST#{request.id}", "WORKFLOW")
        if waiting is None:
            raise Conflict("the request's workflow is not waiting yet: try again in a moment")
        try:
            self._sfn.send_task_success(
                taskToken=waiting["token"], output=json.dumps({"approve": approve})
            )
        except ClientError as error:
            if error.response["Error"]["Code"] in ENDED:
                raise Conflict("the request no longer waits for a decision") from error
            raise
        self._items.delete(f"APPREQUEST#{request.id}", "WORKFLOW")

    def due(self, now: datetime) -> list[str]:
        return []  # the execution's timeout refuses the request itself
