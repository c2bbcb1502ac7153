"""The HTTP handler: API Gateway's events through the one route table, in both payload formats."""

from __future__ import annotations

import json
from typing import Any

import pytest

from entrypoints.aws_lambda.apigateway import gateway_event
from entrypoints.aws_lambda.http import handler
from entrypoints.wiring import Container

from .conftest import ingest_key, sample, token_for


def with_token(event: dict[str, Any], token: str) -> dict[str, Any]:
    """The sample with a real bearer token, in whichever header the format uses."""
    bearer = f"Bearer {token}"
    if "multiValueHeaders" in event:
        event["headers"]["Authorization"] = bearer
        event["multiValueHeaders"]["Authorization"] = [bearer]
    else:
        event["headers"]["authorization"] = bearer
    return event


def for_pet(event: dict[str, Any], pet_id: str) -> dict[str, Any]:
    event["pathParameters"]["pet_id"] = pet_id
    event["rawPath" if "rawPath" in event else "path"] = f"/pets/{pet_id}"
    return event


def registered_pet(token: str) -> str:
    answer = handler(with_token(sample("http_api_post_pet"), token), None)
    assert answer["statusCode"] == 201, answer
    pet_id: str = json.loads(answer["body"])["id"]
    return pet_id


def test_both_formats_get_the_same_answer_to_the_same_call(container: Container) -> None:
    alice = token_for(container, "alice")
    pet_id = registered_pet(alice)
    v2 = handler(with_token(for_pet(sample("http_api_get_pet"), pet_id), alice), None)
    v1 = handler(with_token(for_pet(sample("rest_api_get_pet"), pet_id), alice), None)
    assert v2 == v1
    assert v2["statusCode"] == 200 and v2["isBase64Encoded"] is False
    assert v2["headers"] == {"content-type": "application/json", "etag": '"1"'}
    assert json.loads(v2["body"])["name"] == "Rex"


def test_another_owners_pet_is_404_in_both_formats(container: Container) -> None:
    pet_id = registered_pet(token_for(container, "alice"))
    bob = token_for(container, "bob")
    for name in ("http_api_get_pet", "rest_api_get_pet"):
        answer = handler(with_token(for_pet(sample(name), pet_id), bob), None)
        assert answer["statusCode"] == 404
        assert answer["headers"]["content-type"] == "application/problem+json"


def test_a_forged_token_is_401_with_the_challenge(container: Container) -> None:
    answer = handler(sample("http_api_get_pet"), None)  # the sample's token is signed by no one
    assert answer["statusCode"] == 401
    assert answer["headers"]["www-authenticate"] == 'Bearer realm="pawtrack"'


def test_a_base64_body_is_decoded(container: Container) -> None:
    event = sample("http_api_base64_body")
    event["headers"]["x-api-key"] = ingest_key(container)
    assert gateway_event(event).request.body.startswith(b'{"tracker": "PT-1001"')
    answer = handler(event, None)
    assert answer["statusCode"] == 200, answer
    report = json.loads(answer["body"])
    assert report["quarantined"] == 1  # the tracker is paired with no pet
    assert [(r["position"], r["field"]) for r in report["rejected"]] == [(2, "steps")]


@pytest.mark.parametrize("name", ["http_api_get_pet", "rest_api_get_pet"])
def test_a_route_the_table_does_not_know_is_matched_by_the_table(
    container: Container, name: str
) -> None:
    alice = token_for(container, "alice")
    pet_id = registered_pet(alice)
    event = with_token(for_pet(sample(name), pet_id), alice)
    if name.startswith("http"):
        event["routeKey"] = "$default"
    else:
        event["resource"], event["pathParameters"] = "/{proxy+}", {"proxy": f"pets/{pet_id}"}
    answer = handler(event, None)
    assert answer["statusCode"] == 200 and json.loads(answer["body"])["id"] == pet_id


def test_an_unrouted_path_is_404_and_a_wrong_method_405(container: Container) -> None:
    event = sample("http_api_get_pet")
    event.update(routeKey="$default", rawPath="/nowhere")
    assert handler(event, None)["statusCode"] == 404
    event.update(rawPath="/pets")
    event["requestContext"]["http"]["method"] = "DELETE"
    answer = handler(event, None)
    assert answer["statusCode"] == 405 and answer["headers"]["allow"] == "POST, GET"
