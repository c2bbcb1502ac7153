"""template.yaml: valid for CloudFormation and SAM, buildable into small Lambda packages, and
in step with the code it deploys (routes, handlers, settings, the table, the dependencies).

cfn-lint, `sam validate` and `sam build` run as subprocesses with fake credentials; the
linters reach no network, `sam build` only PyPI (through pip).
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cfnlint.decode import cfn_yaml

from adapters.aws.dynamodb_table import TTL_ATTRIBUTE, table_definition
from application.messages.jobs import MAX_JOB_ATTEMPTS
from domain.bundles import bundle_id_of
from entrypoints.http.routes import ROUTES
from entrypoints.settings import AwsSettings, Settings

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "template.yaml"
REQUIREMENTS = ROOT / "lambda" / "dependencies" / "requirements.txt"
SAM = ROOT / ".venv-sam" / "bin" / "sam"
CFN_LINT = Path(sys.executable).parent / "cfn-lint"
PACKAGES = {"domain", "application", "adapters", "entrypoints"}
LAYER_MODULES = {
    "attrs",
    "cattrs",
    "cryptography",
    "dependency_injector",
    "jwt",
    "tzdata",
    "aws_lambda_powertools",
}

# Routes the gateway lets through without its JWT authorizer (the template says why).
PUBLIC = {("GET", "/openapi.json"), ("GET", "/docs"), ("GET", "/articles/{article_id}")}
WITH_API_KEY = {("POST", "/webhooks/contentful"), ("POST", "/ingest/readings")}
# A developer has no account; apps authenticate with their client credentials; the OAuth
# endpoints check clients, codes and consent forms themselves.
APP_PLATFORM = {
    ("POST", "/app-requests"),
    ("GET", "/app-requests/{request_id}"),
    ("PUT", "/subscription"),
    ("DELETE", "/subscription"),
    *((r.method, r.template) for r in ROUTES if r.template.startswith("/oauth/")),
}
READABLE_BY_APPS = {
    ("GET", "/me"),
    ("GET", "/pets"),
    ("GET", "/pets/{pet_id}"),
    ("GET", "/pets/{pet_id}/activity/{day}"),
    ("GET", "/pets/{pet_id}/locations/{day}"),
    ("GET", "/pets/{pet_id}/recommendations"),
    ("GET", "/pets/{pet_id}/activity"),
    ("GET", "/pets/{pet_id}/activity/{day}/hours"),
    ("GET", "/pets/{pet_id}/whereabouts"),
}


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    """Parsed by cfn-lint's loader, so that `!Ref X` reads as {"Ref": "X"}."""
    return cfn_yaml.load(str(TEMPLATE))


def functions(template: dict[str, Any]) -> dict[str, dict[str, Any]]:
    resources = template["Resources"].items()
    return {name: r for name, r in resources if r["Type"] == "AWS::Serverless::Function"}


class Started:
    """A command running in the background: the tools take 2 to 40 s each, side by side."""

    def __init__(self, command: list[str | Path], env: dict[str, str], cwd: Path) -> None:
        self._process = subprocess.Popen(
            [str(part) for part in command],
            env=env,
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def result(self) -> tuple[int, str]:
        """The exit status and the output, once the command has ended."""
        output, _ = self._process.communicate(timeout=600)
        return self._process.returncode, output

    def stop(self) -> None:
        """Ends the command if no test waited for it (when only some tests were chosen)."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.communicate()


def tool_environment(home: Path) -> dict[str, str]:
    """Fake credentials, no profile of this machine, no telemetry; this virtualenv's python3.11
    first on PATH, for SAM's pip builder of the python3.11 layer."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("AWS_")}
    return env | {
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": str(home / "aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / "aws-credentials"),
        "SAM_CLI_TELEMETRY": "0",
        "__SAM_CLI_APP_DIR": str(home / "sam-cli"),  # SAM's own settings, else in ~/.aws-sam
    }


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tools' home: their settings, and the build."""
    return tmp_path_factory.mktemp("tools")


@pytest.fixture(scope="module")
def tools(workdir: Path) -> Iterator[dict[str, Started]]:
    """cfn-lint, `sam validate` (SAM's translator, as `sam deploy` runs it), `sam validate
    --lint` and `sam build`, started together. The validations run offline: their proxy is a
    closed port of 127.0.0.1, so that any call to AWS would fail them."""
    env = tool_environment(workdir)
    offline = env | {"HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"}
    validate = [SAM, "validate", "--template", TEMPLATE, "--region", "us-east-1"]
    build = [SAM, "build", "--template-file", TEMPLATE, "--build-dir", workdir / "build"]
    # cfn-lint with the serverless rules (cfn-lint-serverless: throttling, log retention, DLQs)
    lint = [CFN_LINT, "--append-rules", "cfn_lint_serverless.rules", "--", TEMPLATE]
    started = {"cfn-lint": Started(lint, env, ROOT)}
    if SAM.exists():
        started["sam validate"] = Started(validate, offline, workdir)
        started["sam validate --lint"] = Started([*validate, "--lint"], offline, workdir)
        started["sam build"] = Started([*build, "--parallel"], env, workdir)
    yield started
    for tool in started.values():
        tool.stop()


def result(tools: dict[str, Started], name: str) -> tuple[int, str]:
    if name not in tools:
        pytest.fail(f"the SAM CLI is missing ({SAM}): run `make .venv-sam/bin/sam`")
    return tools[name].result()


def test_cfn_lint_finds_nothing(tools: dict[str, Started]) -> None:
    assert result(tools, "cfn-lint") == (0, "")


def test_sam_validates_the_template_offline(tools: dict[str, Started]) -> None:
    for validation in ("sam validate", "sam validate --lint"):
        status, output = result(tools, validation)
        assert status == 0, output


def test_sam_builds_packages_of_the_code_and_a_layer_of_its_dependencies(
    tools: dict[str, Started], workdir: Path, template: dict[str, Any]
) -> None:
    status, output = result(tools, "sam build")
    assert status == 0, output
    build = workdir / "build"
    for name, function in functions(template).items():
        assert {p.name for p in (build / name).iterdir()} == PACKAGES, name
        handler_module = function["Properties"]["Handler"].rpartition(".")[0]
        assert (build / name / (handler_module.replace(".", "/") + ".py")).is_file(), name
    assert not list(build.glob("*Function/**/__pycache__"))
    layer = {p.name for p in (build / "DependenciesLayer" / "python").iterdir()}
    assert layer >= LAYER_MODULES
    assert "boto3" not in layer  # the Lambda runtime brings its own
    assert "yaml" not in layer  # functions read openapi.json (entrypoints/http/docs.py)


def test_every_handler_is_a_function_of_the_code(template: dict[str, Any]) -> None:
    for name, function in functions(template).items():
        module, _, attribute = function["Properties"]["Handler"].rpartition(".")
        assert callable(getattr(importlib.import_module(module), attribute, None)), name


def test_every_route_has_its_own_event_with_the_same_method_and_path(
    template: dict[str, Any],
) -> None:
    events = http_api_events(template)
    assert sorted(events) == sorted((route.method, route.template) for route in ROUTES)
    assert all(event["ApiId"] == {"Ref": "HttpApi"} for event in events.values())


def test_the_gateway_checks_cognito_tokens_on_all_routes_but_those_it_cannot_judge(
    template: dict[str, Any],
) -> None:
    auth = template["Resources"]["HttpApi"]["Properties"]["Auth"]
    jwt = auth["Authorizers"][auth["DefaultAuthorizer"]]["JwtConfiguration"]
    assert jwt["issuer"] == {
        "Fn::Sub": "https://cognito-idp.${AWS::Region}.amazonaws.com/${UserPool}"
    }
    assert jwt["audience"] == [{"Ref": "MobileClient"}]
    events = http_api_events(template)
    no_authorizer = {"Authorizer": "NONE"}
    open_routes = {key for key, event in events.items() if event.get("Auth") == no_authorizer}
    assert open_routes == PUBLIC | WITH_API_KEY | READABLE_BY_APPS | APP_PLATFORM


def http_api_events(template: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    events = [
        event["Properties"]
        for function in functions(template).values()
        for event in function["Properties"].get("Events", {}).values()
        if event["Type"] == "HttpApi"
    ]
    keyed = {(event["Method"], event["Path"]): event for event in events}
    assert len(keyed) == len(events), "two events for one route"
    return keyed


def test_the_functions_environment_names_every_setting(template: dict[str, Any]) -> None:
    variables = template["Globals"]["Function"]["Environment"]["Variables"]
    assert not {"AWS_REGION", "AWS_DEFAULT_REGION"} & set(variables)  # Lambda's own, reserved
    assert not any("Environment" in f["Properties"] for f in functions(template).values())
    env = {name: value if isinstance(value, str) else "x" for name, value in variables.items()}
    settings = Settings.from_environment(env | {"AWS_REGION": "eu-west-1"})  # raises if one lacks
    assert settings.cloud == "aws"
    assert isinstance(settings.aws, AwsSettings)


def test_the_table_is_the_one_the_adapters_define(template: dict[str, Any]) -> None:
    table = template["Resources"]["Table"]["Properties"]
    expected = table_definition("any")
    assert table["BillingMode"] == expected["BillingMode"]
    assert table["KeySchema"] == expected["KeySchema"]
    assert sorted_by_name(table["AttributeDefinitions"]) == sorted_by_name(
        expected["AttributeDefinitions"]
    )
    assert indexes(table) == indexes(expected)
    assert table["TimeToLiveSpecification"] == {"AttributeName": TTL_ATTRIBUTE, "Enabled": True}


def sorted_by_name(definitions: list[dict[str, str]]) -> list[dict[str, str]]:
    return sorted(definitions, key=lambda definition: definition["AttributeName"])


def indexes(table: dict[str, Any]) -> dict[str, Any]:
    return {
        index["IndexName"]: (index["KeySchema"], index["Projection"])
        for index in table["GlobalSecondaryIndexes"]
    }


def test_the_jobs_queue_outlasts_its_function_and_gives_up_after_five_receives(
    template: dict[str, Any],
) -> None:
    queue = template["Resources"]["JobsQueue"]["Properties"]
    consumer = functions(template)["SqsFunction"]["Properties"]
    assert queue["VisibilityTimeout"] >= 6 * consumer["Timeout"]
    assert queue["RedrivePolicy"]["maxReceiveCount"] == MAX_JOB_ATTEMPTS
    jobs = consumer["Events"]["Jobs"]["Properties"]
    assert (jobs["Queue"], jobs["BatchSize"]) == ({"Fn::GetAtt": ["JobsQueue", "Arn"]}, 10)
    assert jobs["FunctionResponseTypes"] == ["ReportBatchItemFailures"]


def test_the_bucket_notifies_of_bundles_under_the_prefix_their_keys_have(
    template: dict[str, Any],
) -> None:
    notification = functions(template)["S3Function"]["Properties"]["Events"]["BundleUploaded"]
    (rule,) = notification["Properties"]["Filter"]["S3Key"]["Rules"]
    assert rule["Name"] == "prefix"
    assert bundle_id_of(f"{rule['Value']}some-bundle.jsonl") == "some-bundle"


def test_packets_come_in_batches_through_the_readings_queue(template: dict[str, Any]) -> None:
    """Trackers publish to a Basic Ingest topic, whose rule queues each packet; the readings
    function takes batches per stage, names the packets it could not record, and a packet that
    failed five times goes to the failed deliveries."""
    resources = template["Resources"]
    rule = resources["ReadingsRule"]["Properties"]["TopicRulePayload"]
    assert rule["Sql"] == "SELECT *, topic(3) AS tracker FROM 'pawtrack/trackers/+/readings'"
    assert rule["Actions"][0]["Sqs"]["QueueUrl"] == {"Ref": "ReadingsQueue"}
    assert rule["ErrorAction"]["Sqs"]["QueueUrl"] == {"Ref": "FailedDeliveriesQueue"}
    topic = template["Outputs"]["TrackerTopic"]["Value"]
    assert topic == {"Fn::Sub": "$aws/rules/${ReadingsRule}/pawtrack/trackers/+/readings"}
    function = functions(template)["ReadingsFunction"]["Properties"]
    assert function["Handler"] == "entrypoints.aws_lambda.readings.handler"
    source = function["Events"]["Readings"]["Properties"]
    assert source["Queue"] == {"Fn::GetAtt": ["ReadingsQueue", "Arn"]}
    assert source["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    stages = template["Mappings"]["Stages"]
    assert source["BatchSize"] == {
        "Fn::FindInMap": ["Stages", {"Ref": "Stage"}, "ReadingsBatchSize"]
    }
    assert source["MaximumBatchingWindowInSeconds"] == {
        "Fn::FindInMap": ["Stages", {"Ref": "Stage"}, "ReadingsWindow"]
    }
    queue = resources["ReadingsQueue"]["Properties"]
    for stage in stages.values():
        # SQS batches of more than 10 need a window; Lambda advises 6 timeouts and the window.
        assert stage["ReadingsBatchSize"] <= 10 or stage["ReadingsWindow"] >= 1
        assert queue["VisibilityTimeout"] >= 6 * function["Timeout"] + stage["ReadingsWindow"]
    assert queue["RedrivePolicy"] == {
        "deadLetterTargetArn": {"Fn::GetAtt": ["FailedDeliveriesQueue", "Arn"]},
        "maxReceiveCount": 5,
    }
    assert stages["DEV"]["ReadingsWindow"] == 0  # today's latency where it matters most


def test_the_approval_workflow_is_the_one_the_adapter_runs(template: dict[str, Any]) -> None:
    """template.yaml's state machine, its substitutions made, is the definition moto runs in the
    tests (adapters/aws/stepfunctions_approval_workflow.py)."""
    from adapters.aws.stepfunctions_approval_workflow import definition

    machine = template["Resources"]["ApprovalStateMachine"]["Properties"]
    assert set(machine["DefinitionSubstitutions"]) == {"JobsQueueUrl", "TableName"}
    declared = json.loads(
        json.dumps(machine["Definition"])
        .replace("${JobsQueueUrl}", "QUEUE")
        .replace("${TableName}", "TABLE")
    )
    assert declared == definition("QUEUE", "TABLE")
