"""Collar trackers: pairing one with a pet, and which pet one is paired with."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from application.use_cases.get_tracker import GetTrackerQuery, TrackerStatus
from application.use_cases.pair_tracker import PairTrackerCommand
from application.use_cases.unpair_tracker import UnpairTrackerCommand
from domain.clockwork import format_instant
from domain.trackers import Tracker
from entrypoints.http.auth import caller
from entrypoints.http.bodies import json_body
from entrypoints.http.messages import HttpRequest, HttpResponse, json_response, no_content

if TYPE_CHECKING:
    from entrypoints.wiring import Container


@attrs.frozen
class PairingBody:
    serial: str


def tracker_view(tracker: Tracker) -> dict[str, object]:
    return {"serial": tracker.serial, "pet_id": tracker.pet_id}


def status_view(status: TrackerStatus) -> dict[str, object]:
    last = status.last_reading_at
    return tracker_view(status.tracker) | {
        "battery": status.battery,
        "last_reading_at": None if last is None else format_instant(last),
    }


def pair_tracker(container: Container, request: HttpRequest) -> HttpResponse:
    who = caller(container, request)
    body = json_body(request, PairingBody)
    command = PairTrackerCommand(who, request.path_params["pet_id"], body.serial)
    return json_response(tracker_view(container.pair_tracker()(command)))


def get_tracker(container: Container, request: HttpRequest) -> HttpResponse:
    query = GetTrackerQuery(caller(container, request), request.path_params["serial"])
    return json_response(status_view(container.get_tracker()(query)))


def unpair_tracker(container: Container, request: HttpRequest) -> HttpResponse:
    command = UnpairTrackerCommand(caller(container, request), request.path_params["pet_id"])
    container.unpair_tracker()(command)
    return no_content()
