"""What Pawtrack tells its operators: one structured line per event of interest, carrying the
current trace (application/tracing.py), and the metrics counted with it.

The lines and metrics are the same on every provider; how they are written is the adapter's:
a Powertools Logger line that is also a CloudWatch Embedded Metric Format document on Lambda,
a log line and OpenTelemetry instruments on Azure Functions, a JSON line and Prometheus
counters on a laptop.
"""

from __future__ import annotations

import abc
import enum
import functools
import re
from collections.abc import Mapping

from application import tracing

Field = str | int | float | bool | None
# A line never carries secrets or whereabouts: a field whose name holds one of these is refused.
SENSITIVE = ("token", "key", "secret", "signature", "password", "latitude", "longitude", "position")


class LogEvent(enum.StrEnum):
    """The events of interest, each one line (its `message`)."""

    REQUEST_SERVED = "request-served"
    DELIVERY_STORED = "delivery-stored"  # an MQTT packet or an HTTP ingest body
    DELIVERY_REFUSED = "delivery-refused"  # refused whole (a bad serial, too many readings)
    BUNDLE_PROCESSED = "bundle-processed"
    PUSH_SENT = "push-sent"
    PUSH_FAILED = "push-failed"
    PUSH_OUTBOX = "push-outbox"  # a push kept in the log where no push service is set up
    LIVE_UPDATE_SENT = "live-update-sent"
    JOB_RETRIED = "job-retried"
    JOB_DEAD_LETTERED = "job-dead-lettered"
    DELIVERIES_PARKED = "deliveries-parked"  # packets kept aside after the trigger's last retry
    WEBHOOK_SENT = "webhook-sent"  # a message an app's endpoint accepted
    WEBHOOK_RETRIED = "webhook-retried"  # not accepted: queued again after a backoff
    WEBHOOK_FAILED = "webhook-failed"  # 24 hours of retries over: kept for the administrator


class Unit(enum.StrEnum):
    """CloudWatch's unit names (EMF); Prometheus and OpenTelemetry take them as the unit."""

    COUNT = "Count"
    MILLISECONDS = "Milliseconds"


class Metric(enum.Enum):
    """Every metric: its name on every provider, and its unit."""

    READINGS_ACCEPTED = "ReadingsAccepted"
    READINGS_DUPLICATE = "ReadingsDuplicate"
    READINGS_REJECTED = "ReadingsRejected"
    READINGS_QUARANTINED = "ReadingsQuarantined"
    READINGS_CONFLICTING = "ReadingsConflicting"
    DELIVERIES_PROCESSED = "DeliveriesProcessed"
    BUNDLES_PROCESSED = "BundlesProcessed"
    PUSH_SENT = "PushSent"
    PUSH_FAILED = "PushFailed"
    LIVE_UPDATES_SENT = "LiveUpdatesSent"
    JOB_RETRIES = "JobRetries"
    JOBS_DEAD_LETTERED = "JobsDeadLettered"
    WEBHOOKS_SENT = "WebhooksSent"  # messages an app's endpoint accepted
    WEBHOOK_RETRIES = "WebhookRetries"  # messages queued again after a failed try
    WEBHOOKS_FAILED = "WebhooksFailed"  # messages kept for the administrator after 24 hours
    INGEST_LAG = "IngestLag"  # from a reading's time to its storage, per live delivery (its oldest)

    @property
    def unit(self) -> Unit:
        return Unit.MILLISECONDS if self is Metric.INGEST_LAG else Unit.COUNT

    @property
    def snake_name(self) -> str:
        """`ReadingsAccepted` → `readings_accepted`: for OpenTelemetry, whose instrument names
        are case-insensitive, and Prometheus."""
        return re.sub(r"(?<!^)(?=[A-Z])", "_", self.value).lower()


Metrics = Mapping[Metric, float]


class Telemetry(abc.ABC):
    @abc.abstractmethod
    def record(self, event: LogEvent, metrics: Metrics | None = None, **fields: Field) -> None:
        """Write one line for `event` with `fields` and the current trace (`line` says what it
        holds), and add each of `metrics` to its metric. Never raises for a line `line` takes:
        telemetry that fails must not fail the work it describes."""


class MetricsScrape(abc.ABC):
    """The metrics as a scraper reads them, where no cloud service collects them (a laptop)."""

    @abc.abstractmethod
    def exposition(self) -> tuple[str, bytes]:
        """The content type and the body of the Prometheus text format of every metric so far."""


def line(event: LogEvent, fields: Mapping[str, Field]) -> dict[str, Field]:
    """What a line holds besides what its writer adds (time, level, service): `message` (the
    event), the trace's `correlation_id` and `request_id`, the ids it names, then `fields`.
    Raises ValueError for a field that could hold a secret or a position."""
    refused = [name for name in fields if _sensitive(name)]
    if refused:
        raise ValueError(f"telemetry never carries {', '.join(refused)}")
    found: dict[str, Field] = {"message": event.value}
    trace = tracing.current()
    if trace is not None:
        found["correlation_id"] = trace.correlation_id
        if trace.request_id:
            found["request_id"] = trace.request_id
        found.update(trace.ids)
    found.update(fields)
    return found


@functools.cache
def _sensitive(name: str) -> bool:
    """Whether a field of this name could hold a secret or a position (the names are few and
    fixed: each is judged once per process, not once per line)."""
    lowered = name.lower()
    return any(word in lowered for word in SENSITIVE)
