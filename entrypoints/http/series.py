"""Activity over a range of days, and one day by the hours of the owner's clock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from application.use_cases.get_daily_series import GetDailySeriesQuery
from application.use_cases.get_hourly_series import GetHourlySeriesQuery
from domain.clockwork import parse_day
from entrypoints.http.auth import caller
from entrypoints.http.messages import HttpRequest, HttpResponse, json_response

if TYPE_CHECKING:
    from entrypoints.wiring import Container


def daily_series(container: Container, request: HttpRequest) -> HttpResponse:
    who, pet_id = caller(container, request), request.path_params["pet_id"]
    first = parse_day(request.query.get("from"), "from")
    last = parse_day(request.query.get("to"), "to")
    found = container.get_daily_series()(GetDailySeriesQuery(who, pet_id, first, last))
    days = [{"day": d.day.isoformat(), "steps": d.steps} for d in found]
    return json_response(
        {"pet_id": pet_id, "from": first.isoformat(), "to": last.isoformat(), "days": days}
    )


def hourly_series(container: Container, request: HttpRequest) -> HttpResponse:
    who, pet_id = caller(container, request), request.path_params["pet_id"]
    day = parse_day(request.path_params["day"])
    found = container.get_hourly_series()(GetHourlySeriesQuery(who, pet_id, day))
    hours = [{"start": h.start.isoformat(), "steps": h.steps} for h in found]
    return json_response({"pet_id": pet_id, "day": day.isoformat(), "hours": hours})
