"""The tracker platform's HTTP delivery of readings (MQTT and bundles reach the same use case)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from application.use_cases.record_readings import RecordReadingsCommand
from domain.api_keys import Purpose
from entrypoints.http.auth import api_key
from entrypoints.http.bodies import json_body
from entrypoints.http.bundles import report_view
from entrypoints.http.messages import HttpRequest, HttpResponse, json_response

if TYPE_CHECKING:
    from entrypoints.wiring import Container


@attrs.frozen
class DeliveryBody:
    """Readings stay raw: the domain judges each one, so one bad reading never sinks the rest."""

    tracker: str
    readings: list[Any]


def record_readings(container: Container, request: HttpRequest) -> HttpResponse:
    api_key(container, request, Purpose.INGEST)
    body = json_body(request, DeliveryBody)
    report = container.record_readings()(RecordReadingsCommand(body.tracker, body.readings))
    return json_response(report_view(report, "position"))
