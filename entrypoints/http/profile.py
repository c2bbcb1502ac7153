"""The signed-in owner's own settings, and the erasure of their account."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from application.use_cases.delete_account import DeleteAccountCommand
from application.use_cases.get_profile import GetProfileQuery
from application.use_cases.set_time_zone import SetTimeZoneCommand
from domain.owners import Owner
from entrypoints.http.auth import caller
from entrypoints.http.bodies import json_body
from entrypoints.http.messages import HttpRequest, HttpResponse, json_response, no_content

if TYPE_CHECKING:
    from entrypoints.wiring import Container


@attrs.frozen
class ProfileBody:
    time_zone: str


def profile_view(owner: Owner) -> dict[str, object]:
    return {"id": owner.id, "time_zone": owner.time_zone}


def get_me(container: Container, request: HttpRequest) -> HttpResponse:
    owner = container.get_profile()(GetProfileQuery(caller(container, request)))
    return json_response(profile_view(owner))


def put_me(container: Container, request: HttpRequest) -> HttpResponse:
    who = caller(container, request)
    body = json_body(request, ProfileBody)
    owner = container.set_time_zone()(SetTimeZoneCommand(who, body.time_zone))
    return json_response(profile_view(owner))


def delete_me(container: Container, request: HttpRequest) -> HttpResponse:
    """Erases the account; the same token may ask again to finish an erasure that failed."""
    container.delete_account()(DeleteAccountCommand(caller(container, request, erasing=True)))
    return no_content()
