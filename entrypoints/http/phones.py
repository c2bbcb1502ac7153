"""Phones that receive the owner's push notifications."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from application.use_cases.register_phone import RegisterPhoneCommand
from application.use_cases.remove_phone import RemovePhoneCommand
from entrypoints.http.auth import caller
from entrypoints.http.bodies import json_body
from entrypoints.http.messages import HttpRequest, HttpResponse, json_response, no_content

if TYPE_CHECKING:
    from entrypoints.wiring import Container


@attrs.frozen
class PhoneBody:
    name: str
    platform: str
    device_token: str


def register_phone(container: Container, request: HttpRequest) -> HttpResponse:
    who = caller(container, request)
    body = json_body(request, PhoneBody)
    command = RegisterPhoneCommand(who, body.name, body.platform, body.device_token)
    phone = container.register_phone()(command)
    return json_response({"name": phone.name, "platform": phone.platform.value}, 201)


def remove_phone(container: Container, request: HttpRequest) -> HttpResponse:
    command = RemovePhoneCommand(caller(container, request), request.path_params["name"])
    container.remove_phone()(command)
    return no_content()
