"""What a pet did: daily activity, the day's GPS track, and recommendations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from application.use_cases.get_daily_activity import GetDailyActivityQuery
from application.use_cases.get_location_history import GetLocationHistoryQuery
from application.use_cases.get_recommendations import GetRecommendationsQuery
from domain.activity import DailyActivity
from domain.clockwork import format_instant, parse_day
from entrypoints.http.auth import caller
from entrypoints.http.languages import accepted_languages
from entrypoints.http.messages import HttpRequest, HttpResponse, json_response

if TYPE_CHECKING:
    from entrypoints.wiring import Container


def activity_view(found: DailyActivity) -> dict[str, object]:
    """km stay Decimals, so that they are written with their two places (0.80)."""
    return {
        "pet_id": found.pet_id,
        "day": found.day.isoformat(),
        "steps": found.steps,
        "walked_km": found.walked_km,
        "active_kcal": found.active_kcal,
        "resting_kcal": found.resting_kcal,
        "tracked_km": found.tracked_km,
    }


def daily_activity(container: Container, request: HttpRequest) -> HttpResponse:
    who, pet_id = caller(container, request), request.path_params["pet_id"]
    day = parse_day(request.path_params["day"])
    found = container.get_daily_activity()(GetDailyActivityQuery(who, pet_id, day))
    return json_response(activity_view(found))


def location_history(container: Container, request: HttpRequest) -> HttpResponse:
    who, pet_id = caller(container, request), request.path_params["pet_id"]
    day = parse_day(request.path_params["day"])
    readings = container.get_location_history()(GetLocationHistoryQuery(who, pet_id, day))
    points = [
        {
            "time": format_instant(r.time),
            "latitude": r.position.latitude,
            "longitude": r.position.longitude,
        }
        for r in readings
        if r.position is not None
    ]
    return json_response({"pet_id": pet_id, "day": day.isoformat(), "points": points})


def recommendations(container: Container, request: HttpRequest) -> HttpResponse:
    who, pet_id = caller(container, request), request.path_params["pet_id"]
    query = GetRecommendationsQuery(who, pet_id, accepted_languages(request))
    found = container.get_recommendations()(query)
    return json_response({"recommendations": [{"code": r.code, "title": r.title} for r in found]})
