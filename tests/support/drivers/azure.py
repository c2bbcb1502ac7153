"""The `azure` binding: every action through the Azure Functions, with inputs built as the
Functions host delivers them (func.HttpRequest, Event Hub events, Event Grid events, queue
messages), against Azurite on 127.0.0.1 and loopback fakes of the services without an
emulator (Entra ID, Microsoft Graph, Notification Hubs, Web PubSub, an Event Grid topic).

Where Azure would invoke a function by itself (Event Grid, the queue trigger), the driver does
what the host does: it takes the published event or queued message and invokes the function.
"""

from __future__ import annotations

import base64
import io
import json
import logging
import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast
from unittest import mock
from urllib.parse import urlencode, urlsplit

import attrs
import azure.functions as func
import httpx
from azure.data.tables import TableServiceClient
from azure.functions import meta
from azure.functions.eventhub import EventHubTriggerConverter
from azure.functions.queue import QueueMessageInConverter
from azure.storage.blob import BlobServiceClient
from azure.storage.queue import QueueServiceClient
from dependency_injector import providers
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader

from adapters.local.settable_clock import SettableClock
from application.intake import Failed
from entrypoints.azure_functions import runtime
from entrypoints.azure_functions.bundles import blob_created
from entrypoints.azure_functions.events import announce
from entrypoints.azure_functions.function_app import function_app
from entrypoints.azure_functions.http_api import function_name
from entrypoints.azure_functions.iot import IotHubMessage, record_all
from entrypoints.azure_functions.jobs import process_job
from entrypoints.azure_functions.tracing import invocation
from entrypoints.http.routes import match
from entrypoints.settings import Settings
from entrypoints.wiring import build_container
from tests.support.azure import ACCOUNT, azurite, unique_name
from tests.support.azure_eventgrid import start_fake_event_grid
from tests.support.azure_fake_durable import FakeDurable
from tests.support.azure_fake_entra import FakeEntra
from tests.support.azure_fake_graph import FakeGraph
from tests.support.azure_fake_hubs import FakeNotificationHubs, shown_text
from tests.support.azure_fake_keyvault import FakeKeyVault
from tests.support.azure_fake_webpubsub import FakeWebPubSub
from tests.support.drivers.api import Answer, ApiDriver
from tests.support.drivers.base import Delivery
from tests.support.drivers.operator import OperatorActions
from tests.support.drivers.traces import KINDS, Record
from tests.support.telemetry import Line, opentelemetry_totals, parsed, span_exporter

AUDIENCE = "api://pawtrack"
ADMIN_ROLE = "Pawtrack.Admin"
HOST = "https://pawtrack.azurewebsites.net"
MAX_DEQUEUE = 5
_functions: dict[str, Any] = {}


def host_function(name: str) -> Any:
    """The user function the host runs under this name (the app is indexed once per session:
    the library refuses to index one app twice)."""
    if not _functions:
        _functions.update(
            {f.get_function_name(): f.get_user_function() for f in function_app().get_functions()}
        )
    return _functions[name]


class AzureDriver(OperatorActions, ApiDriver):
    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self._start_services()
        self.environment = mock.patch.dict(os.environ, self._settings())
        self.environment.start()
        self.clock = SettableClock()
        self.c = build_container(Settings.from_environment())
        self.c.ports().clock.override(providers.Object(self.clock))
        # What the worker hands the host (the lines), and what the distro would export (metrics).
        self.telemetry_out, self.metrics = io.StringIO(), InMemoryMetricReader()
        logger = logging.Logger("pawtrack.telemetry")
        logger.addHandler(logging.StreamHandler(self.telemetry_out))
        self.c.ports().telemetry_logger.override(providers.Object(logger))
        meters = MeterProvider(metric_readers=[self.metrics])
        self.c.ports().telemetry_meters.override(providers.Object(meters))
        self.spans = span_exporter()
        runtime.use_container(self.c)
        self.admins: set[str] = set()
        self.users: dict[str, str] = {}
        self.connections: dict[str, str] = {}

    def _start_services(self) -> None:
        storage = azurite()
        self.table, self.container_name, self.queue = (
            unique_name("t"),
            unique_name("c"),
            unique_name("q"),
        )
        TableServiceClient.from_connection_string(storage.connection_string).create_table(
            self.table
        )
        blobs = BlobServiceClient.from_connection_string(storage.connection_string)
        blobs.create_container(self.container_name)
        self.poison_container = unique_name("p")  # main.bicep's `poison`
        blobs.create_container(self.poison_container)
        queues = QueueServiceClient.from_connection_string(storage.connection_string)
        self.jobs = queues.create_queue(self.queue)
        self.poison = queues.create_queue(f"{self.queue}-poison")
        self.storage = storage
        self.entra = FakeEntra()
        self.mobile_client_id = str(uuid.uuid4())
        self.graph_client = self.entra.add_client(
            graph_roles=(
                "User.Read.All",
                "User.ReadWrite.All",
                "User.DeleteRestore.All",
                "Application.Read.All",
                "Application.ReadWrite.OwnedBy",
            )
        )
        self.graph = FakeGraph(self.entra, AUDIENCE)
        self.durable = FakeDurable()
        self.vault = FakeKeyVault(self.entra, self.graph_client[0])
        self.hubs, self.pubsub, self.grid = (
            FakeNotificationHubs(),
            FakeWebPubSub(),
            start_fake_event_grid(),
        )

    def _settings(self) -> dict[str, str]:
        return {
            "PAWTRACK_CLOUD": "azure",
            "PAWTRACK_STORAGE_CONNECTION": self.storage.connection_string,
            "PAWTRACK_TABLE": self.table,
            "PAWTRACK_BLOB_CONTAINER": self.container_name,
            "PAWTRACK_POISON_CONTAINER": self.poison_container,
            "PAWTRACK_JOBS_QUEUE": self.queue,
            "PAWTRACK_EVENTGRID_ENDPOINT": self.grid.endpoint,
            "PAWTRACK_EVENTGRID_KEY": self.grid.key,
            "PAWTRACK_NOTIFICATION_HUB_CONNECTION": self.hubs.connection_string,
            "PAWTRACK_NOTIFICATION_HUB": self.hubs.hub,
            "PAWTRACK_WEBPUBSUB_CONNECTION": self.pubsub.connection_string,
            "PAWTRACK_WEBPUBSUB_HUB": self.pubsub.hub,
            "PAWTRACK_ENTRA_TENANT_ID": self.entra.tenant,
            "PAWTRACK_ENTRA_AUTHORITY": self.entra.url,
            "PAWTRACK_ENTRA_AUDIENCE": AUDIENCE,
            "PAWTRACK_ENTRA_MOBILE_CLIENT_ID": self.mobile_client_id,
            "PAWTRACK_ENTRA_ADMIN_ROLE_ID": self.graph.admin_role_id,
            "PAWTRACK_GRAPH_URL": self.graph.url,
            "PAWTRACK_GRAPH_CLIENT_ID": self.graph_client[0],
            "PAWTRACK_GRAPH_CLIENT_SECRET": self.graph_client[1],
            "PAWTRACK_PUBLIC_URL": HOST,
            "PAWTRACK_DURABLE_URL": self.durable.url,
            "PAWTRACK_DURABLE_KEY": self.durable.key,
            "PAWTRACK_VAULT_URL": self.vault.url,
            "PAWTRACK_WEBHOOKS_TO_LOOPBACK": "1",  # the apps' receivers listen on 127.0.0.1
        }

    def close(self) -> None:
        self.close_receivers()
        runtime.use_container(None)
        self.environment.stop()
        fakes = (self.entra, self.graph, self.hubs, self.pubsub, self.grid, self.durable)
        for fake in (*fakes, self.vault):
            fake.close()

    # Owners sign in with Entra, which returns them to Pawtrack with a code.
    def sign_in_at_provider(self, owner: str, sign_in_url: str) -> str:
        url = httpx.URL(sign_in_url)
        authorize = f"{self.entra.url}/{self.entra.tenant}/oauth2/v2.0/authorize"
        assert str(url.copy_with(query=None)) == authorize, sign_in_url
        client_id, return_to = url.params["client_id"], url.params["redirect_uri"]
        assert (client_id, return_to) == (self.mobile_client_id, f"{HOST}/oauth/login")
        code = self.entra.codes.issue(self.token(owner), client_id, return_to)
        return f"{return_to}?{urlencode({'code': code, 'state': url.params['state']})}"

    # Transport: the Functions host matching the route and running its function.
    def send(
        self, method: str, path: str, headers: dict[str, str], body: bytes, query: dict[str, str]
    ) -> Answer:
        found = match(method, path)
        assert found is not None, f"no function for {method} {path}"
        route, params = found
        url = f"{HOST}{path}" + (f"?{urlencode(query)}" if query else "")
        request = func.HttpRequest(
            method, url, headers=headers, params=query, route_params=params, body=body
        )
        response = host_function(function_name(route))(request, invocation_context())
        headers = {name.lower(): value for name, value in response.headers.items()}
        return Answer(response.status_code, headers, response.get_body())

    def token(self, user: str, app: str | None = None) -> str:
        roles = (ADMIN_ROLE,) if user in self.admins else ()
        client_id = self.ids[app] if app else self.mobile_client_id
        return self.entra.mint(
            self.users[user], client_id=client_id, audience=AUDIENCE, roles=roles
        )

    def put_object(self, url: str, data: bytes, headers: dict[str, str]) -> None:
        response = httpx.put(url, content=data, headers=headers)
        assert response.status_code == 201, response.text
        # The storage account's Event Grid subscription announces the blob to its function, with
        # the blob's URL as Azure names it (Azurite's URLs carry the account in the path).
        name = urlsplit(url).path.split(f"/{self.container_name}/", 1)[1]
        blob_url = f"https://{ACCOUNT}.blob.core.windows.net/{self.container_name}/{name}"
        blob_created(
            self._grid_event(
                "Microsoft.Storage.BlobCreated",
                {
                    "url": blob_url,
                    "contentType": headers["Content-Type"],
                    "contentLength": len(data),
                },
            ),
            invocation_context(),
        )
        self.settle()

    def settle(self) -> None:
        while self._deliver_jobs() + self._deliver_events():
            pass

    def _deliver_jobs(self) -> int:
        delivered = 0
        for message in self.jobs.receive_messages(messages_per_page=32, visibility_timeout=30):
            delivered += 1
            try:
                body = base64.b64decode(message.content).decode()
                process_job(_queue_message(body, message.dequeue_count or 1), invocation_context())
            except Exception as error:  # the host retries, then parks the message
                if (message.dequeue_count or 1) >= MAX_DEQUEUE:
                    self.poison.send_message(message.content)
                    self.jobs.delete_message(message)
                raise AssertionError(f"a job failed: {error}") from error
            self.jobs.delete_message(message)
        return delivered

    def _deliver_events(self) -> int:
        events = self.grid.take()
        for event in events:
            grid_event = self._grid_event(event["eventType"], event["data"], event["subject"])
            announce(grid_event, invocation_context())
        return len(events)

    def _grid_event(
        self, event_type: str, data: dict[str, Any], subject: str = ""
    ) -> func.EventGridEvent:
        return func.EventGridEvent(
            id=str(uuid.uuid4()), topic="/subscriptions/0000/resourceGroups/pawtrack/providers/Microsoft.EventGrid/topics/pawtrack",
            subject=subject, event_type=event_type, event_time=datetime.now(UTC), data_version="1.0", data=data,
        )  # fmt: skip

    # The world
    def set_time(self, now: datetime) -> None:
        self.clock.set(now)

    def add_user(self, name: str, *, admin: bool = False) -> None:
        self.users[name] = str(uuid.uuid4())
        self.graph.put_user(self.users[name], name)
        if admin:
            self.admins.add(name)
            self.graph.assign_admin(self.users[name])

    # Trackers send MQTT packets to IoT Hub; its built-in endpoint feeds the Event Hub trigger.
    def report_readings(self, serial: str, readings: list[dict[str, object]]) -> Delivery:
        event = _iot_event(serial, {"readings": readings})
        with invocation("iot_readings", invocation_context()):  # what readings_arrived does
            (report,) = record_all(runtime.container().record_deliveries(), [IotHubMessage(event)])
        if isinstance(report, Failed):
            raise report.error
        self.settle()
        return Delivery(
            report.accepted,
            report.duplicates,
            tuple((r.position, r.field) for r in report.rejected),
        )

    # Phones: what Notification Hubs delivered to each device; live: what Web PubSub sent.
    def received_notifications(self, phone: str) -> list[str]:
        deliveries = self.hubs.deliveries.get(self.device_token(phone), [])
        return [str(shown_text(service_format, payload)) for service_format, payload in deliveries]

    def connect_live(self, owner: str) -> None:
        """The app negotiates (an authenticated function), then connects to Web PubSub as its user."""
        headers = {"Authorization": f"Bearer {self.token(owner)}"}
        request = func.HttpRequest("GET", f"{HOST}/live/negotiate", headers=headers, body=b"")
        answer = host_function("live_negotiate")(request, invocation_context())
        assert answer.status_code == 200, answer.get_body()
        self.connections[owner] = self.pubsub.connect_with(json.loads(answer.get_body())["url"])
        self.footprint(owner).connections.add(self.connections[owner])

    def live_updates(self, owner: str, expected: int) -> list[dict[str, object]]:
        if owner not in self.connections:
            return []
        return [
            m if isinstance(m, dict) else json.loads(m)
            for m in self.pubsub.received[self.connections[owner]]
        ]

    # Operations: the lines the worker handed the host, the metrics, the spans.
    def telemetry_lines(self) -> list[Line]:
        return parsed(self.telemetry_out.getvalue())

    def metric_totals(self) -> dict[str, float]:
        return opentelemetry_totals(self.metrics)

    # Privacy: what the deployment's stores hold, read from them directly.
    kinds_held = tuple(k for k in KINDS if k != "push")  # direct sends register no phone

    def user_id(self, name: str) -> str:
        return self.users[name]

    def records(self) -> Iterator[Record]:
        table = TableServiceClient.from_connection_string(
            self.storage.connection_string
        ).get_table_client(self.table)
        for entity in table.list_entities():
            pk, rk = entity["PartitionKey"], entity["RowKey"]
            yield _entity_kind(pk, rk), f"entity {pk} / {rk}", repr(dict(entity))
        blobs = BlobServiceClient.from_connection_string(self.storage.connection_string)
        for blob in blobs.get_container_client(self.container_name).list_blobs():
            kind = "photos" if blob.name.startswith("photos/") else "bundles"
            yield kind, f"blob {blob.name}", ""
        with self.graph.lock:
            for user in [*self.graph.users.values(), *self.graph.deleted_users.values()]:
                yield "identity", f"graph user {user['id']}", repr(user)
            for assignment in self.graph.assignments:
                yield "identity", "graph app role assignment", repr(assignment)
        with self.pubsub.lock:
            for connection_id in self.pubsub.connections:
                user = self.pubsub.users.get(connection_id, "")
                yield "live", f"web pubsub connection {connection_id}", user


ENTITY_KINDS = {  # by the PartitionKey's prefix; the owner's and the pet's partitions by RowKey
    "LIVE": "live",
    "TRACKER": "trackers",
    "QUARANTINE": "quarantine",
    "BUNDLE": "bundles",
    "ANNOUNCEMENT": "announcements",
    "ERASED": "identity",
}
OWNER_ENTITY_KINDS = {
    "PROFILE": "profile",
    "PHONE": "phones",
    "GRANT": "grants",
    "PET": "pets",
    "BUNDLE": "bundles",
}
PET_ENTITY_KINDS = {"PET": "pets", "DAY": "activity", "TRACKER": "trackers"}


def _entity_kind(pk: str, rk: str) -> str:
    prefix, row = pk.split("|", 1)[0], rk.split("|", 1)[0]
    if prefix == "OWNER":
        return OWNER_ENTITY_KINDS.get(row, "other")
    if prefix == "PET":
        return PET_ENTITY_KINDS.get(row, "other")
    return ENTITY_KINDS.get(prefix, "other")


def invocation_context() -> func.Context:
    """The host's context of one invocation: its id (no host span: the tests run no host)."""
    context = SimpleNamespace(invocation_id=str(uuid.uuid4()), trace_context=None)
    return cast(func.Context, context)


def _iot_event(device: str, body: object) -> func.EventHubEvent:
    properties = [
        {"iothub-connection-device-id": device, "SequenceNumber": 1, "PartitionKey": None}
    ]
    events: list[func.EventHubEvent] = EventHubTriggerConverter.decode(
        meta.Datum(json.dumps([body]), "json"),
        trigger_metadata={"SystemPropertiesArray": meta.Datum(json.dumps(properties), "json")},
    )
    return events[0]


@attrs.frozen
class RetryContext:
    retry_count: int
    max_retry_count: int = 5  # iot_readings' retry policy


@attrs.frozen
class HostContext:
    """What the host hands a function with a retry policy: which try of the batch this is, and
    (as invocation_context) the invocation's id, no host span."""

    retry_context: RetryContext = RetryContext(0)
    invocation_id: str = attrs.field(factory=lambda: str(uuid.uuid4()))
    trace_context: None = None


def _queue_message(body: str | bytes, dequeue_count: int) -> func.QueueMessage:
    """As the host hands a message in: text as a string, other bytes as bytes."""
    when = json.dumps(datetime.now(UTC).isoformat())
    message: func.QueueMessage = QueueMessageInConverter.decode(
        meta.Datum(body, "bytes" if isinstance(body, bytes) else "string"),
        trigger_metadata={
            "Id": meta.Datum(str(uuid.uuid4()), "string"),
            "DequeueCount": meta.Datum(str(dequeue_count), "string"),
            "InsertionTime": meta.Datum(when, "json"),
            "ExpirationTime": meta.Datum(when, "json"),
            "NextVisibleTime": meta.Datum(when, "json"),
            "PopReceipt": meta.Datum("AgAAAAMAAAAAAAAA", "string"),
        },
    )
    return message
