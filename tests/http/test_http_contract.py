"""The route table and openapi.yaml describe the same API, and the document holds together."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from openapi_check import resolved

from entrypoints.http.docs import openapi_document
from entrypoints.http.docs_page import render_docs
from entrypoints.http.jsonio import encode_json
from entrypoints.http.routes import ROUTES

METHODS = ("get", "put", "post", "patch", "delete", "head", "options", "trace")


def documented_operations() -> set[tuple[str, str]]:
    paths: dict[str, Any] = openapi_document()["paths"]
    return {
        (method.upper(), path)
        for path, item in paths.items()
        for method in item
        if method in METHODS
    }


HTTP = Path(__file__).resolve().parents[2] / "entrypoints" / "http"


def test_the_served_document_is_openapi_yaml_as_json() -> None:
    """openapi.json is made from openapi.yaml (`make openapi`): after an edit, run it."""
    edited = yaml.safe_load((HTTP / "openapi.yaml").read_text("utf-8"))
    served = json.loads((HTTP / "openapi.json").read_text("utf-8"))
    assert served == edited, "openapi.json is not openapi.yaml: run `make openapi`"
    assert openapi_document() == edited


def test_every_route_is_documented_and_every_documented_operation_routed() -> None:
    routed = {(route.method, route.template) for route in ROUTES}
    assert routed == documented_operations()
    assert len(routed) == len(ROUTES), "a route appears twice in the table"


def test_path_parameters_are_documented_as_in_the_template() -> None:
    for path, item in openapi_document()["paths"].items():
        for method in (m for m in item if m in METHODS):
            parameters = [
                resolved(p)
                for p in [*item.get("parameters", []), *item[method].get("parameters", [])]
            ]
            in_path = {p["name"] for p in parameters if p["in"] == "path"}
            assert in_path == set(re.findall(r"\{(\w+)\}", path)), f"{method} {path}"


def _references(node: object) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if "$ref" in node else []
        return own + [ref for value in node.values() for ref in _references(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _references(value)]
    return []


OAUTH_FORMS = {"/oauth/token", "/oauth/revoke"}


def test_every_reference_resolves() -> None:
    for reference in _references(openapi_document()):
        assert resolved({"$ref": reference}), reference


def test_every_operation_has_an_id_a_summary_and_problems_as_problem_json() -> None:
    ids = []
    for path, item in openapi_document()["paths"].items():
        for method in (m for m in item if m in METHODS):
            operation = item[method]
            ids.append(operation["operationId"])
            assert operation["summary"], f"{method} {path}"
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    # RFC 6749 §5.2 fixes the token and revocation endpoints' error format.
                    expected = ["application/problem+json"]
                    if response.get("$ref") == "#/components/responses/OAuthError":
                        expected = ["application/json"]
                    assert list(resolved(response)["content"]) == expected
    assert len(ids) == len(set(ids))


def test_bearer_routes_document_401_and_body_routes_413_and_415() -> None:
    for path, item in openapi_document()["paths"].items():
        for method in (m for m in item if m in METHODS):
            operation = item[method]
            if operation.get("security") != []:
                assert "401" in operation["responses"], f"{method} {path}"
            if "requestBody" in operation:
                # OAuth's form endpoints answer a bad form as RFC 6749 does: 400 invalid_request.
                bad = {"400", "413", "415"} if path in OAUTH_FORMS else {"400", "413", "415", "422"}
                assert bad <= set(operation["responses"]), f"{method} {path}"


def test_the_document_is_json_and_the_docs_page_lists_every_operation() -> None:
    encode_json(openapi_document())  # YAML could hold dates or other values JSON has not
    page = render_docs(openapi_document())
    for method, path in documented_operations():
        assert f"<span class='method'>{method.lower()}</span> <code>{path}</code>" in page
    assert "X-Contentful-Topic" in page and "pet_id" in page
