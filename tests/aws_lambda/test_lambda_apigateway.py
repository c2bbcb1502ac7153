"""API Gateway's two payload formats read as one neutral request; answers written back in each."""

from __future__ import annotations

import base64

import pytest

from entrypoints.aws_lambda.apigateway import gateway_event
from entrypoints.http.messages import HttpResponse

from .conftest import sample


def test_both_payload_formats_read_as_the_same_neutral_request() -> None:
    http_api = gateway_event(sample("http_api_get_pet"))
    rest_api = gateway_event(sample("rest_api_get_pet"))
    assert http_api.route_key == rest_api.route_key == "GET /pets/{pet_id}"
    v2, v1 = http_api.request, rest_api.request
    assert (v2.method, v2.path, v2.path_params, v2.body) == (
        v1.method,
        v1.path,
        v1.path_params,
        b"",
    )
    assert v2.query == v1.query == {"lang": "de", "note": "rex & co"}
    for name in ("authorization", "cookie", "accept", "user-agent"):
        assert v2.headers[name] == v1.headers[name], name


def test_rest_api_path_parameters_arrive_encoded_and_are_decoded() -> None:
    event = sample("rest_api_get_pet")
    event.update(path="/pets/rex%20%26%20co", pathParameters={"pet_id": "rex%20%26%20co"})
    request = gateway_event(event).request
    assert (request.path, request.path_params) == ("/pets/rex & co", {"pet_id": "rex & co"})


def test_rest_api_headers_and_queries_without_their_multi_value_forms() -> None:
    event = sample("rest_api_get_pet")
    event.update(multiValueHeaders=None, multiValueQueryStringParameters=None)
    request = gateway_event(event).request
    assert request.headers["authorization"].startswith("Bearer ")
    assert request.query == {"lang": "de", "note": "rex & co"}


def test_repeated_rest_api_headers_are_joined_and_names_lower_cased() -> None:
    event = sample("rest_api_get_pet")
    event["multiValueHeaders"]["Accept"] = ["application/json", "text/html"]
    assert gateway_event(event).request.headers["accept"] == "application/json, text/html"


def test_http_api_cookies_come_back_as_one_header_and_an_empty_event_reads_empty() -> None:
    assert gateway_event(sample("http_api_get_pet")).request.headers["cookie"] == (
        "theme=dark; seen_tour=1"
    )
    event = sample("http_api_post_pet")
    event.update(rawQueryString="", body=None)
    del event["headers"]["authorization"]
    request = gateway_event(event).request
    assert (request.query, request.body, "cookie" in request.headers) == ({}, b"", False)


@pytest.mark.parametrize("name", ["http_api_get_pet", "rest_api_get_pet"])
def test_text_answers_go_as_text_and_others_in_base64(name: str) -> None:
    gateway = gateway_event(sample(name))
    text = gateway.answer(HttpResponse(200, {"content-type": "text/html"}, "<p>Grüße</p>".encode()))
    assert (text["body"], text["isBase64Encoded"]) == ("<p>Grüße</p>", False)
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF"
    binary = gateway.answer(HttpResponse(200, {"content-type": "image/jpeg"}, jpeg))
    assert binary["isBase64Encoded"] is True and base64.b64decode(binary["body"]) == jpeg
    assert binary["statusCode"] == 200 and binary["headers"] == {"content-type": "image/jpeg"}
