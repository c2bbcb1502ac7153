"""The HTTP functions: one per route of the table, with Azure's route template and method,
each translating the host's request to the neutral one and the answer back."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import azure.functions as func
import pytest

from entrypoints.azure_functions.http_messages import azure_response, neutral_request
from entrypoints.http.messages import HttpResponse
from entrypoints.http.routes import ROUTES
from entrypoints.wiring import Container

from .conftest import registered_functions, token_for

HOST = "https://pawtrack-dev.azurewebsites.net"
VALID_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,127}$")
NOT_IN_THE_TABLE = {("GET", "live/negotiate")}

Serve = Callable[[func.HttpRequest], func.HttpResponse]


def http_functions() -> dict[str, Any]:
    return {f.get_function_name(): f for f in registered_functions() if f.is_http_function()}


def trigger_of(function: Any) -> tuple[list[str], str]:
    trigger = function.get_bindings_dict()["bindings"][0]
    assert trigger["type"] == "httpTrigger"
    return [str(getattr(m, "value", m)) for m in trigger["methods"]], trigger["route"]


def function_for(method: str, route: str) -> Serve:
    found = [f for f in http_functions().values() if trigger_of(f) == ([method], route)]
    assert len(found) == 1
    serve: Serve = found[0].get_user_function()
    return serve


def request(
    method: str,
    route: str,
    path: str,
    *,
    token: str | None = None,
    body: object = None,
    route_params: dict[str, str] | None = None,
) -> func.HttpResponse:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    raw = b"" if body is None else json.dumps(body).encode()
    built = func.HttpRequest(
        method,
        f"{HOST}{path}",
        headers=headers,
        params={},
        route_params=route_params or {},
        body=raw,
    )
    return function_for(method, route)(built)


def test_every_route_has_exactly_one_function_with_its_method_and_template() -> None:
    triggers = [trigger_of(f) for f in http_functions().values()]
    for route in ROUTES:
        assert triggers.count(([route.method], route.template.removeprefix("/"))) == 1, route.key
    table = {(route.method, route.template.removeprefix("/")) for route in ROUTES}
    extra = {(methods[0], path) for methods, path in triggers} - table
    assert extra == NOT_IN_THE_TABLE
    assert len(triggers) == len(ROUTES) + len(NOT_IN_THE_TABLE)


def test_function_names_are_unique_and_valid() -> None:
    names = [f.get_function_name() for f in registered_functions()]
    assert len(names) == len(set(names))
    assert all(VALID_NAME.match(name) for name in names), names


def test_http_functions_are_anonymous_to_the_host() -> None:
    for function in http_functions().values():
        assert function.get_bindings_dict()["bindings"][0]["authLevel"] == func.AuthLevel.ANONYMOUS


def test_the_hosts_request_becomes_the_neutral_request() -> None:
    raw = func.HttpRequest(
        "post",
        f"{HOST}/pets/rex%20one/weights?unit=kg",
        headers={"Content-Type": "application/json", "X-Api-Key": "k"},
        params={"unit": "kg"},
        route_params={"pet_id": "rex one"},
        body=b'{"kg": 21}',
    )
    neutral = neutral_request(raw)
    assert (neutral.method, neutral.path) == ("POST", "/pets/rex one/weights")
    assert neutral.path_params == {"pet_id": "rex one"}
    assert neutral.query == {"unit": "kg"}
    assert neutral.headers["content-type"] == "application/json"
    assert neutral.headers["x-api-key"] == "k"
    assert neutral.body == b'{"kg": 21}'


def test_the_neutral_response_goes_back_with_its_status_headers_and_bytes() -> None:
    answer = azure_response(HttpResponse(201, {"content-type": "image/png"}, b"\x89PNG\x00"))
    assert answer.status_code == 201
    assert answer.headers["content-type"] == "image/png"
    assert answer.get_body() == b"\x89PNG\x00"


def test_a_pet_registered_through_one_function_is_read_through_another(
    container: Container,
) -> None:
    alice = token_for(container, "alice")
    body = {"name": "Rex", "species": "dog", "weight_kg": 20}
    created = request("POST", "pets", "/pets", token=alice, body=body)
    assert created.status_code == 201, created.get_body()
    pet_id = json.loads(created.get_body())["id"]
    read = request(
        "GET", "pets/{pet_id}", f"/pets/{pet_id}", token=alice, route_params={"pet_id": pet_id}
    )
    assert read.status_code == 200
    assert read.headers["content-type"] == "application/json"
    assert json.loads(read.get_body())["name"] == "Rex"


def test_another_owners_pet_is_a_404_problem(container: Container) -> None:
    alice, bob = token_for(container, "alice"), token_for(container, "bob")
    body = {"name": "Rex", "species": "dog", "weight_kg": 20}
    pet_id = json.loads(request("POST", "pets", "/pets", token=alice, body=body).get_body())["id"]
    answer = request(
        "GET", "pets/{pet_id}", f"/pets/{pet_id}", token=bob, route_params={"pet_id": pet_id}
    )
    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("token", [None, "forged.token.value"])
def test_without_a_valid_token_it_is_401_with_the_challenge(
    container: Container, token: str | None
) -> None:
    answer = request("GET", "pets", "/pets", token=token)
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == 'Bearer realm="pawtrack"'


def test_a_public_route_needs_no_token(container: Container) -> None:
    answer = request("GET", "openapi.json", "/openapi.json")
    assert answer.status_code == 200
    assert "paths" in json.loads(answer.get_body())
