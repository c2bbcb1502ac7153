"""The contract, served: openapi.yaml as JSON, and a readable page generated from it.

openapi.yaml is the document people edit; openapi.json, made from it by `make openapi` and held
to it by tests/http/test_http_contract.py, is what a function reads, so that no function needs
a YAML parser (PyYAML would also be imported by dependency-injector at every cold start).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from entrypoints.http.docs_page import render_docs
from entrypoints.http.docs_try import CONTENT_SECURITY_POLICY
from entrypoints.http.jsonio import encode_json
from entrypoints.http.messages import HttpRequest, HttpResponse

if TYPE_CHECKING:
    from entrypoints.wiring import Container


@cache
def openapi_document() -> dict[str, Any]:
    """Read on first request, not at import, so that a cold start that never serves docs pays nothing."""
    text = resources.files("entrypoints").joinpath("http/openapi.json").read_text("utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


@cache
def _openapi_json() -> bytes:
    return encode_json(openapi_document())


@cache
def _docs_html() -> bytes:
    return render_docs(openapi_document()).encode("utf-8")


def openapi_json(container: Container, request: HttpRequest) -> HttpResponse:
    return HttpResponse(200, {"content-type": "application/json"}, _openapi_json())


def docs_page(container: Container, request: HttpRequest) -> HttpResponse:
    headers = {
        "content-type": "text/html; charset=utf-8",
        # Self-contained: no outside resource loads; its one script is allowed by its hash.
        "content-security-policy": CONTENT_SECURITY_POLICY,
    }
    return HttpResponse(200, headers, _docs_html())
