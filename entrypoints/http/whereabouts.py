"""Where a pet is now, and its safe zone."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from application.use_cases.get_whereabouts import GetWhereaboutsQuery
from application.use_cases.set_safe_zone import SetSafeZoneCommand
from domain.clockwork import format_instant
from domain.safe_zones import SafeZone
from entrypoints.http.auth import caller
from entrypoints.http.bodies import json_body
from entrypoints.http.messages import HttpRequest, HttpResponse, json_response, no_content

if TYPE_CHECKING:
    from entrypoints.wiring import Container


@attrs.frozen
class SafeZoneBody:
    latitude: float
    longitude: float
    radius_m: float


def safe_zone_view(zone: SafeZone | None) -> dict[str, object] | None:
    if zone is None:
        return None
    return {
        "latitude": zone.centre.latitude,
        "longitude": zone.centre.longitude,
        "radius_m": zone.radius_m,
    }


def whereabouts(container: Container, request: HttpRequest) -> HttpResponse:
    who, pet_id = caller(container, request), request.path_params["pet_id"]
    found = container.get_whereabouts()(GetWhereaboutsQuery(who, pet_id))
    return json_response(
        {
            "pet_id": pet_id,
            "time": format_instant(found.time),
            "latitude": found.position.latitude,
            "longitude": found.position.longitude,
        }
    )


def put_safe_zone(container: Container, request: HttpRequest) -> HttpResponse:
    who, pet_id = caller(container, request), request.path_params["pet_id"]
    body = json_body(request, SafeZoneBody)
    zone = SafeZone.checked(body.latitude, body.longitude, body.radius_m)
    pet = container.set_safe_zone()(SetSafeZoneCommand(who, pet_id, zone))
    return json_response({"pet_id": pet.id, "safe_zone": safe_zone_view(pet.safe_zone)})


def delete_safe_zone(container: Container, request: HttpRequest) -> HttpResponse:
    who, pet_id = caller(container, request), request.path_params["pet_id"]
    container.set_safe_zone()(SetSafeZoneCommand(who, pet_id, None))
    return no_content()
