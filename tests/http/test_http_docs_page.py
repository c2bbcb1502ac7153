"""The docs page shows the API: every schema's every field in that schema's section, each
operation's request and response schemas, long descriptions, a table of contents, examples, and
a "try it" whose one script is the one the content security policy allows."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator, Mapping
from typing import Any

from http_support import Api

from entrypoints.http.docs import openapi_document
from entrypoints.http.docs_page import render_docs

pytest_plugins = ["http_fixtures"]


def _fields(schema: Mapping[str, Any], prefix: str = "") -> Iterator[str]:
    """Every property name of a schema, nested objects by dotted path, as the page names them."""
    for part in schema.get("allOf", []):
        yield from _fields(part, prefix)
    for name, spec in schema.get("properties", {}).items():
        yield prefix + name
        inner = spec.get("items", {}) if spec.get("type") == "array" else spec
        if "$ref" not in inner and "properties" in inner:
            yield from _fields(inner, f"{prefix}{name}{'[].' if inner is not spec else '.'}")


def _section(page: str, anchor: str) -> str:
    start = page.index(f"<section id='{anchor}'>")
    return page[start : page.index("</section>", start)]


def test_every_schema_field_of_the_document_is_on_the_page() -> None:
    document = openapi_document()
    page = render_docs(document)
    schemas = document["components"]["schemas"]
    checked = 0
    for name, schema in schemas.items():
        section = _section(page, f"schema-{name}")
        for field in _fields(schema):
            assert f"<code>{field}</code>" in section, f"{name}.{field}"
            checked += 1
    assert checked > 100  # the document has that many fields: the walk found them


def test_each_operation_shows_its_schemas_descriptions_and_an_example() -> None:
    document = openapi_document()
    page = render_docs(document)
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            section = _section(page, operation["operationId"])
            for paragraph in (operation.get("description") or "").split("\n\n"):
                assert paragraph.strip().split("\n")[0][:30].replace("'", "&#x27;") in section
            body = operation.get("requestBody", {}).get("content", {})
            for spec in body.values():
                if "$ref" in spec["schema"]:  # a named schema: linked to its section
                    named = spec["schema"]["$ref"].rsplit("/", 1)[-1]
                    assert f"href='#schema-{named}'" in section, (method, path)
                for field in _fields(spec["schema"]):  # an inline one: its fields right here
                    assert f"<code>{field}</code>" in section, (method, path, field)
            if "application/json" in body:
                assert "Example:" in section and "<textarea name='body'>" in section
            assert "<summary>Try it</summary>" in section
            assert f"href='#{operation['operationId']}'" in page  # in the table of contents


def test_the_page_script_is_the_one_its_policy_allows(api: Api) -> None:
    answer = api.call("GET", "/docs")
    policy = answer.headers["content-security-policy"]
    scripts = re.findall(rb"<script>(.*?)</script>", answer.body, re.DOTALL)
    assert len(scripts) == 1 and b"src=" not in answer.body
    digest = base64.b64encode(hashlib.sha256(scripts[0]).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy and "connect-src 'self'" in policy
    assert "default-src 'none'" in policy
