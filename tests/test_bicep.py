"""infra/azure/main.bicep in step with the code it deploys, as far as can be checked without the
Bicep CLI (a binary download, not on this machine): the app settings AzureSettings requires and
the triggers' bindings name, the names of the table, container and queue, the functions Event
Grid delivers to, and no secret written into the file."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from entrypoints.azure_functions.function_app import function_app
from entrypoints.settings import AzureSettings

ROOT = Path(__file__).resolve().parents[1]
BICEP = ROOT / "infra" / "azure" / "main.bicep"
APP_SETTING = re.compile(r"\{\s*name:\s*'([A-Za-z0-9_]+)'\s*,\s*value:\s*(.+?)\s*\}\s*$", re.M)
SECRET_LIKE = ("CONNECTION", "KEY", "SECRET")


@cache
def bicep() -> str:
    return BICEP.read_text("utf-8")


def app_settings() -> dict[str, str]:
    return dict(APP_SETTING.findall(bicep()))


def bicep_var(name: str) -> str:
    found = re.search(rf"^var {name} = '([^']*)'$", bicep(), re.M)
    assert found, name
    return found.group(1)


def required_settings() -> dict[str, str]:
    """What AzureSettings.from_environment insists on, learnt from it: each refusal names one."""
    env: dict[str, str] = {"PAWTRACK_CLOUD": "azure"}
    for _ in range(50):
        try:
            AzureSettings.from_environment(env)
        except ValueError as refusal:
            env[str(refusal).rsplit(" needs ", 1)[1]] = "x"
        else:
            return env
    raise AssertionError("AzureSettings keeps refusing")


@cache
def functions() -> tuple[Any, ...]:
    """Of a fresh app, indexed once as the host does: the library refuses to index an app twice."""
    return tuple(function_app().get_functions())


def bindings() -> list[dict[str, object]]:
    return [b for f in functions() for b in f.get_bindings_dict()["bindings"]]


def test_every_required_setting_is_an_app_setting() -> None:
    required = set(required_settings()) - {"PAWTRACK_CLOUD"}
    assert len(required) >= 9  # the Notification Hub is optional (pushes go to the log)
    assert required <= set(app_settings())
    assert app_settings()["PAWTRACK_CLOUD"] == "'azure'"


def test_every_setting_the_code_reads_is_an_app_setting() -> None:
    read = set(
        re.findall(r"\"(PAWTRACK_[A-Z_]+)\"", (ROOT / "entrypoints" / "settings.py").read_text())
    )
    azure_only = {
        name for name in read if not name.startswith(("PAWTRACK_USER_POOL", "PAWTRACK_APP_CLIENT"))
    }
    aws_only = {
        "PAWTRACK_BUCKET",
        "PAWTRACK_JOBS_QUEUE_URL",
        "PAWTRACK_EVENT_BUS",
        "PAWTRACK_APNS_PLATFORM_ARN",
        "PAWTRACK_FCM_PLATFORM_ARN",
        "PAWTRACK_WEBSOCKET_ENDPOINT",
        "PAWTRACK_JWKS_URL",
        "PAWTRACK_SIGNIN_URL",
        "PAWTRACK_SIGNIN_CLIENT_ID",
        "PAWTRACK_APPROVAL_STATE_MACHINE",
        "PAWTRACK_SECRETS_PATH",
        "PAWTRACK_CURSOR_KEY_ID",
    }
    local_only = {
        "PAWTRACK_DATA_DIR",
        "PAWTRACK_BASE_URL",
        "PAWTRACK_AUDIENCE",
        "PAWTRACK_LINK_SECRET",
    }
    defaults_kept = {"PAWTRACK_ENTRA_AUTHORITY", "PAWTRACK_ENTRA_JWKS_URL", "PAWTRACK_GRAPH_URL"}
    # Webhooks to loopback addresses: for tests on one machine, off unless set, never set here.
    defaults_kept.add("PAWTRACK_WEBHOOKS_TO_LOOPBACK")
    assert azure_only - aws_only - local_only - defaults_kept <= set(app_settings())


def test_every_setting_a_trigger_binding_names_is_an_app_setting() -> None:
    named = {str(b["connection"]) for b in bindings() if "connection" in b}
    for binding in bindings():
        for value in binding.values():
            named.update(re.findall(r"%([A-Za-z0-9_]+)%", str(value)))
    assert named == {
        "PAWTRACK_IOT_CONNECTION",
        "PAWTRACK_IOT_EVENTHUB",
        "PAWTRACK_IOT_CONSUMER_GROUP",
        "PAWTRACK_JOBS_QUEUE",
        "PAWTRACK_STORAGE_CONNECTION",
    }
    assert named <= set(app_settings())


def test_the_names_agree_with_azure_settings_defaults() -> None:
    defaults = AzureSettings.from_environment(required_settings())
    assert bicep_var("tableName") == defaults.table
    assert bicep_var("blobContainerName") == defaults.blob_container
    assert bicep_var("jobsQueueName") == defaults.jobs_queue
    assert bicep_var("webPubSubHubName") == defaults.webpubsub_hub
    settings = app_settings()
    assert settings["PAWTRACK_TABLE"] == "tableName"
    assert settings["PAWTRACK_BLOB_CONTAINER"] == "blobContainerName"
    assert settings["PAWTRACK_JOBS_QUEUE"] == "jobsQueueName"
    assert "name: '${jobsQueueName}-poison'" in bicep()
    assert bicep_var("poisonContainerName") == defaults.poison_container
    assert settings["PAWTRACK_POISON_CONTAINER"] == "poisonContainerName"


def test_the_readings_batches_are_set_per_stage() -> None:
    """The Event Hubs trigger's batch size and window (host.json's defaults, overridden per
    stage by app settings), and IoT Hub's tier and units, per stage or as given."""
    host = json.loads((ROOT / "entrypoints" / "azure_functions" / "host.json").read_text())
    hubs = host["extensions"]["eventHubs"]
    assert (hubs["minEventBatchSize"], hubs["maxWaitTime"]) == (1, "00:00:00")  # no window
    settings = app_settings()
    for name in ("maxEventBatchSize", "minEventBatchSize", "maxWaitTime"):
        assert f"AzureFunctionsJobHost__extensions__eventHubs__{name}" in settings
    for stage in ("dev", "test", "prod"):
        block = re.search(rf"^  {stage}: \{{(.*?)^  \}}", bicep(), re.M | re.S)
        assert block, stage
        for key in (
            "iotHubSku",
            "iotHubUnits",
            "readingsMaxBatch",
            "readingsMinBatch",
            "readingsWindow",
        ):
            assert re.search(rf"^    {key}: ", block.group(1), re.M), (stage, key)
    assert "name: empty(iotHubSku) ? settings.iotHubSku : iotHubSku" in bicep()


def test_event_grid_delivers_to_functions_the_app_has() -> None:
    delivered_to = set(re.findall(r"/functions/([A-Za-z0-9_]+)'", bicep()))
    event_grid = {
        f.get_function_name()
        for f in functions()
        if f.get_bindings_dict()["bindings"][0]["type"] == "eventGridTrigger"
    }
    assert delivered_to == event_grid == {"bundles_created", "events_announce"}
    assert (
        "subjectBeginsWith: '/blobServices/default/containers/${blobContainerName}/blobs/bundles/'"
        in bicep()
    )
    assert "includedEventTypes: ['Microsoft.Storage.BlobCreated']" in bicep()


def test_the_deployment_has_what_the_issue_asks_for() -> None:
    for resource_type in (
        "Microsoft.Web/sites@",
        "Microsoft.Web/serverfarms@",
        "Microsoft.Storage/storageAccounts/tableServices/tables@",
        "Microsoft.Storage/storageAccounts/blobServices/containers@",
        "Microsoft.Storage/storageAccounts/queueServices/queues@",
        "Microsoft.EventGrid/systemTopics@",
        "Microsoft.EventGrid/topics@",
        "Microsoft.Devices/IotHubs@",
        "Microsoft.NotificationHubs/namespaces/notificationHubs@",
        "Microsoft.SignalRService/webPubSub/hubs@",
        "Microsoft.KeyVault/vaults@",
        "Microsoft.Insights/components@",
    ):
        assert f"'{resource_type}" in bicep(), resource_type
    assert "tier: 'FlexConsumption'" in bicep()
    assert "runtime: { name: 'python', version: '3.11' }" in bicep()
    assert "@allowed(['dev', 'test', 'prod'])\nparam stage string" in bicep()


@pytest.mark.parametrize(
    "pattern",
    [
        r"AccountKey=(?!\$\{)",
        r"SharedAccessKey=(?!\$\{)",
        r"SharedAccessSignature=",
        r"[?&]sig=",
        r"-----BEGIN",
        # a key: 40 or more base64 characters with digits and both cases
        r"(?=[A-Za-z0-9+/]*\d)(?=[A-Za-z0-9+/]*[A-Z])(?=[A-Za-z0-9+/]*[a-z])[A-Za-z0-9+/]{40,}",
        r"(?i)(secret|password|key)\s*:\s*'[^'$]{8,}'",
    ],
)
def test_no_secret_is_written_into_the_file(pattern: str) -> None:
    assert not re.search(pattern, bicep()), pattern


def test_secret_app_settings_are_key_vault_references() -> None:
    references = dict(re.findall(r"^  (\w+): '(@Microsoft\.KeyVault\([^']*\))'$", bicep(), re.M))
    assert len(references) == 7
    for reference in references.values():
        assert re.fullmatch(
            r"@Microsoft\.KeyVault\(VaultName=\$\{vault\.name\};SecretName=\$\{\w+(\.name)?\}\)",
            reference,
        )
    for name, value in app_settings().items():
        if name.startswith("PAWTRACK_") and any(word in name for word in SECRET_LIKE):
            # a reference, or (push credentials optional) a reference or nothing
            used = re.fullmatch(r"(?:\w+ \? )?vaultReferences\.(\w+)(?: : '')?", value)
            assert used and used.group(1) in references, name
    assert not re.search(r"^param \w*[Ss]ecret\b(?!Name)", bicep(), re.M)
