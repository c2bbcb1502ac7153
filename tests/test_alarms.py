"""Every queue and every function of each deployment has an alarm, every alarm tells someone,
and the dashboards show every metric the code counts.

template.yaml is read as CloudFormation reads it (cfn-lint's loader); main.bicep with pycep, the
Bicep parser checkov uses (no Bicep compiler is reachable here: the ARM JSON the compiler would
make cannot be checked, so the file keeps to what this parser reads, and this test proves that
it reads all of it).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from cfnlint.decode import cfn_yaml
from pycep import BicepParser

from application.ports.telemetry import Metric, Unit
from entrypoints.azure_functions.function_app import function_app

ROOT = Path(__file__).resolve().parents[1]
LAMBDA = ("AWS/Lambda", "Errors"), ("AWS/Lambda", "Throttles")
DEAD_LETTERS = ("JobsDeadLetterQueue", "FailedDeliveriesQueue")


@cache
def template() -> dict[str, Any]:
    return cfn_yaml.load(str(ROOT / "template.yaml"))


def resources(kind: str) -> dict[str, dict[str, Any]]:
    return {name: r for name, r in template()["Resources"].items() if r["Type"] == kind}


def metrics_of(alarm: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(namespace, metric, dimensions) of each metric the alarm reads, alone or in its math."""
    properties = alarm["Properties"]
    if "MetricName" in properties:
        yield properties["Namespace"], properties["MetricName"], _dimensions(properties)
    for query in properties.get("Metrics", []):
        if "MetricStat" in query:
            metric = query["MetricStat"]["Metric"]
            yield metric["Namespace"], metric["MetricName"], _dimensions(metric)


def _dimensions(found: dict[str, Any]) -> dict[str, Any]:
    return {dimension["Name"]: dimension["Value"] for dimension in found.get("Dimensions", [])}


def watching(logical_id: str) -> set[tuple[str, str]]:
    """The (namespace, metric) pairs the alarms read of a resource (by Ref or GetAtt)."""
    found = set()
    for alarm in resources("AWS::CloudWatch::Alarm").values():
        for namespace, metric, dimensions in metrics_of(alarm):
            for value in dimensions.values():
                if not isinstance(value, dict):  # a name spelt out ("Lambda"), no resource's
                    continue
                named = value.get("Ref") or value.get("Fn::GetAtt", [None])[0]
                if named == logical_id:
                    found.add((namespace, metric))
    return found


def test_every_function_has_an_errors_and_a_throttles_alarm() -> None:
    functions = resources("AWS::Serverless::Function")
    assert len(functions) >= 8
    for name in functions:
        assert set(LAMBDA) <= watching(name), name


def test_every_queue_has_an_alarm_and_a_dead_letter_queue_alarms_when_not_empty() -> None:
    queues = resources("AWS::SQS::Queue")
    assert set(DEAD_LETTERS) <= set(queues)
    for name in queues:
        assert watching(name), f"no alarm watches {name}"
    for name in DEAD_LETTERS:
        assert ("AWS/SQS", "ApproximateNumberOfMessagesVisible") in watching(name)
    for alarm in resources("AWS::CloudWatch::Alarm").values():
        for _, metric, _dimensions in metrics_of(alarm):
            if metric == "ApproximateNumberOfMessagesVisible":  # one message is enough
                properties = alarm["Properties"]
                assert (properties["Threshold"], properties["ComparisonOperator"]) == (
                    1,
                    "GreaterThanOrEqualToThreshold",
                )


def test_the_api_the_table_the_readings_rule_and_the_ingest_lag_are_watched() -> None:
    assert {("AWS/ApiGateway", "5xx"), ("AWS/ApiGateway", "Latency")} <= watching("HttpApi")
    assert {("AWS/DynamoDB", "ReadThrottleEvents"), ("AWS/DynamoDB", "WriteThrottleEvents")} <= (
        watching("Table")
    )
    assert ("AWS/IoT", "Failure") in watching("ReadingsRule")
    lag = [
        alarm
        for alarm in resources("AWS::CloudWatch::Alarm").values()
        if ("Pawtrack", Metric.INGEST_LAG.value) in {(n, m) for n, m, _ in metrics_of(alarm)}
    ]
    assert len(lag) == 1 and lag[0]["Properties"]["ExtendedStatistic"] == "p99"


def test_every_alarm_and_the_budget_tell_the_alarm_topic() -> None:
    for name, alarm in resources("AWS::CloudWatch::Alarm").items():
        assert alarm["Properties"]["AlarmActions"] == [{"Ref": "AlarmTopic"}], name
    (budget,) = resources("AWS::Budgets::Budget").values()
    notices = budget["Properties"]["NotificationsWithSubscribers"]
    assert {n["Notification"]["NotificationType"] for n in notices} == {"ACTUAL", "FORECASTED"}
    for notice in notices:
        assert {"SubscriptionType": "SNS", "Address": {"Ref": "AlarmTopic"}} in notice[
            "Subscribers"
        ]
    topic = template()["Resources"]["AlarmTopic"]["Properties"]
    assert topic["Subscription"]["Fn::If"][0] == "HasAlarmEmail"


def test_the_dashboard_shows_every_metric_in_the_namespace_the_functions_write() -> None:
    (dashboard,) = resources("AWS::CloudWatch::Dashboard").values()
    body, names = dashboard["Properties"]["DashboardBody"]["Fn::Sub"]
    for metric in Metric:
        assert f'"{metric.value}"' in body, metric
    variables = template()["Globals"]["Function"]["Environment"]["Variables"]
    assert variables["POWERTOOLS_METRICS_NAMESPACE"] == "Pawtrack"
    assert names["service"] == variables["POWERTOOLS_SERVICE_NAME"]


# ---------------------------------------------------------------- Azure
@cache
def bicep() -> dict[str, Any]:
    """main.bicep as checkov's parser reads it (raises where it cannot)."""
    parsed: dict[str, Any] = BicepParser().parse(text=(ROOT / "infra/azure/main.bicep").read_text())
    return parsed


def variable(name: str) -> Any:
    return bicep()["variables"][name]["value"]


def bicep_resources(kind: str) -> dict[str, dict[str, Any]]:
    return {name: r for name, r in bicep()["resources"].items() if r["type"] == kind}


def test_checkovs_parser_reads_every_resource_of_the_bicep() -> None:
    text = (ROOT / "infra/azure/main.bicep").read_text()
    declared = text.count("\nresource ")
    assert len(bicep()["resources"]) == declared >= 39
    for name, resource in bicep()["resources"].items():
        assert resource["type"].startswith("Microsoft.") and resource["api_version"], name


def test_every_queue_of_the_bicep_has_an_alert() -> None:
    queues = bicep_resources("Microsoft.Storage/storageAccounts/queueServices/queues")
    names = {str(q["config"]["name"]) for q in queues.values()}
    assert names == {"jobsQueueName", "${jobsQueueName}-poison"}
    told = " ".join(alert["description"] for alert in variable("logAlerts"))
    assert "the ${jobsQueueName} queue" in told and "${jobsQueueName}-poison" in told
    for alert in variable("logAlerts"):
        if "job" in alert["name"]:
            assert f'message has "{alert["name"].replace("jobs-", "job-")}"' in alert["query"]


def test_every_function_of_the_app_is_covered_by_an_alert() -> None:
    names = [f.get_function_name() for f in function_app().get_functions()]
    alerts = {alert["name"]: alert for alert in variable("logAlerts")}
    every = alerts["function-failures"]
    # No filter on the function: one alert, one dimension value per failing function.
    assert every["query"].startswith("requests | where success == false | summarize")
    assert every["splitBy"] == ["operation_Name"] and "operation_Name ==" not in every["query"]
    http = [name for name in names if name.startswith("http_")]
    assert len(http) >= 30 and "live_negotiate" in names
    for rule in ("http-5xx-rate", "http-latency-p99", "http-throttled"):
        assert 'operation_Name startswith "http_"' in alerts[rule]["query"], rule


def test_event_grid_dead_letters_iot_hub_and_storage_throttling_are_alerted() -> None:
    watched = {
        (str(alert["scope"]["operator"]["operands"]["operand_1"]), alert["metric"])
        for alert in variable("metricAlerts")
    }
    assert watched == {
        ("storage", "Transactions"),
        ("iotHub", "d2c.telemetry.ingress.sendThrottle"),
        ("iotHub", "d2c.telemetry.egress.dropped"),
        ("domainEvents", "DeadLetteredCount"),
        ("storageEvents", "DeadLetteredCount"),
    }
    for topic in ("storageEvents", "domainEvents"):
        assert topic in bicep()["resources"]


@pytest.mark.parametrize(
    "kind", ["Microsoft.Insights/metricAlerts", "Microsoft.Insights/scheduledQueryRules"]
)
def test_every_alert_tells_the_action_group(kind: str) -> None:
    (rules,) = bicep_resources(kind).values()
    assert rules["config"]["loop_type"]["type"] == "array"
    assert "alarms" in str(rules["config"]["config"]["properties"]["actions"])


def test_the_budget_and_the_workbook_are_there_and_the_workbook_shows_every_metric() -> None:
    (budget,) = bicep_resources("Microsoft.Consumption/budgets").values()
    notices = budget["config"]["properties"]["notifications"]
    assert {n["thresholdType"] for n in notices.values()} == {"Actual", "Forecasted"}
    assert bicep_resources("Microsoft.Insights/workbooks")
    counters = variable("workbookNames")
    for metric in Metric:
        name = f"pawtrack.{metric.snake_name}"
        if metric.unit is Unit.COUNT:
            assert f'"{name}"' in counters, name
    assert any("pawtrack.ingest_lag" in alert["query"] for alert in variable("logAlerts"))
