"""Holds responses to openapi.yaml: the status must be documented and the body fit its schema.

A small subset of JSON Schema (type, properties, required, items, enum, oneOf,
$ref) is enough for this document; an unknown keyword is ignored, not guessed.
"""

from __future__ import annotations

import json
from typing import Any

from entrypoints.http.docs import openapi_document
from entrypoints.http.messages import HttpResponse

TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def resolved(thing: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in thing:
        found: Any = openapi_document()
        for step in thing["$ref"].removeprefix("#/").split("/"):
            found = found[step]
        thing = found
    return thing


def undocumented(method: str, template: str, response: HttpResponse) -> list[str]:
    operation = openapi_document()["paths"][template][method.lower()]
    spec = operation["responses"].get(str(response.status))
    if spec is None:
        return [f"{method} {template} answered {response.status}, which is not documented"]
    content = resolved(spec).get("content")
    if not content:
        return [] if not response.body else [f"{method} {template} {response.status} has a body"]
    media_type = response.headers.get("content-type", "").split(";")[0]
    if media_type not in content:
        return [f"{method} {template} {response.status} answered {media_type}"]
    if not media_type.endswith("json"):
        return []
    return schema_errors(content[media_type]["schema"], json.loads(response.body), "$")


def schema_errors(schema: dict[str, Any], value: Any, path: str) -> list[str]:
    schema = resolved(schema)
    if "oneOf" in schema:
        fitting = [s for s in schema["oneOf"] if not schema_errors(s, value, path)]
        return [] if len(fitting) == 1 else [f"{path} fits {len(fitting)} of oneOf"]
    kinds = schema.get("type")
    kinds = [kinds] if isinstance(kinds, str) else kinds
    if kinds and not any(TYPES[kind](value) for kind in kinds):
        return [f"{path} is not {kinds}: {value!r}"]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{path} is not one of {schema['enum']}: {value!r}"]
    if isinstance(value, dict):
        return _object_errors(schema, value, path)
    if isinstance(value, list) and "items" in schema:
        return [
            e
            for i, item in enumerate(value)
            for e in schema_errors(schema["items"], item, f"{path}[{i}]")
        ]
    return []


def _object_errors(schema: dict[str, Any], value: dict[str, Any], path: str) -> list[str]:
    errors = [
        f"{path}.{name} is missing" for name in schema.get("required", []) if name not in value
    ]
    properties = schema.get("properties", {})
    if schema.get("additionalProperties") is False:
        errors += [f"{path}.{name} is not documented" for name in value if name not in properties]
    for name, inner in properties.items():
        if name in value:
            errors += schema_errors(inner, value[name], f"{path}.{name}")
    return errors
