"""The docs page's view of JSON Schemas: every field as a table row (nested fields by dotted
path), and an example value made from the schema where the document gives none."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

REF = "#/components/schemas/"
MAX_DEPTH = 4  # schemas refer to each other; a table or an example stops this deep
EXAMPLE_VALUES = {
    "date": "2026-11-23",
    "date-time": "2026-11-23T08:00:00Z",
    "uri": "https://example.com/",
    "email": "owner@example.com",
}


def resolve(document: Mapping[str, Any], schema: Mapping[str, Any]) -> Mapping[str, Any]:
    reference = schema.get("$ref")
    if not isinstance(reference, str) or not reference.startswith("#/"):
        return schema
    found: Any = document
    for step in reference[2:].split("/"):
        found = found.get(step, {}) if isinstance(found, Mapping) else {}
    return found if isinstance(found, Mapping) else {}


def type_of(schema: Mapping[str, Any]) -> str:
    """The schema's type in a few words, linking to a named schema's section."""
    reference = schema.get("$ref")
    if isinstance(reference, str) and reference.startswith(REF):
        name = reference.removeprefix(REF)
        return f"<a href='#schema-{escape(name)}'>{escape(name)}</a>"
    for combined in ("oneOf", "anyOf"):
        if combined in schema:
            return " | ".join(type_of(option) for option in schema[combined])
    if "allOf" in schema:
        return " & ".join(type_of(part) for part in schema["allOf"])
    kind = schema.get("type", "any")
    kind = " | ".join(kind) if isinstance(kind, list) else str(kind)
    if kind == "array":
        return f"array of {type_of(schema.get('items', {}))}"
    words = [escape(kind)]
    if "format" in schema:
        words.append(f"({escape(str(schema['format']))})")
    if "enum" in schema:
        words.append(
            "one of " + ", ".join(f"<code>{escape(str(v))}</code>" for v in schema["enum"])
        )
    return " ".join(words)


def field_rows(
    document: Mapping[str, Any], schema: Mapping[str, Any], prefix: str = "", depth: int = 0
) -> list[tuple[str, ...]]:
    """(field, type, required, description) for each property, nested objects inline."""
    schema = resolve(document, schema)
    rows: list[tuple[str, ...]] = []
    for part in schema.get("allOf", []):
        rows += field_rows(document, part, prefix, depth)
    required = set(schema.get("required", []))
    for name, spec in schema.get("properties", {}).items():
        described = resolve(document, spec) if "$ref" not in spec else spec
        text = spec.get("description") or resolve(document, spec).get("description", "")
        rows.append(
            (
                f"<code>{escape(prefix + name)}</code>",
                type_of(described),
                "yes" if name in required else "",
                escape(str(text)),
            )
        )
        inner = spec.get("items", {}) if spec.get("type") == "array" else spec
        if "$ref" not in inner and depth < MAX_DEPTH and "properties" in inner:
            suffix = "[]." if inner is not spec else "."
            rows += field_rows(document, inner, f"{prefix}{name}{suffix}", depth + 1)
    return rows


def example_of(document: Mapping[str, Any], schema: Mapping[str, Any], depth: int = 0) -> Any:
    """The schema's own example, else a value of its shape (first enum value, a sample date)."""
    schema = resolve(document, schema)
    if "example" in schema:
        return schema["example"]
    if "examples" in schema and schema["examples"]:
        return schema["examples"][0]
    if "enum" in schema:
        return schema["enum"][0]
    for combined in ("oneOf", "anyOf"):
        if schema.get(combined):
            return example_of(document, schema[combined][0], depth)
    if "allOf" in schema:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            value = example_of(document, part, depth)
            merged |= value if isinstance(value, dict) else {}
        return merged
    kind = schema.get("type", "object")
    kind = next((k for k in kind if k != "null"), "null") if isinstance(kind, list) else kind
    if kind == "object":
        if depth >= MAX_DEPTH:
            return {}
        properties = schema.get("properties", {})
        return {name: example_of(document, spec, depth + 1) for name, spec in properties.items()}
    if kind == "array":
        return (
            [] if depth >= MAX_DEPTH else [example_of(document, schema.get("items", {}), depth + 1)]
        )
    return _scalar(kind, schema)


def _scalar(kind: str, schema: Mapping[str, Any]) -> Any:
    if kind == "string":
        return EXAMPLE_VALUES.get(str(schema.get("format")), "string")
    if kind in ("integer", "number"):
        low = schema.get("minimum", schema.get("exclusiveMinimum", 0))
        return int(low) + 1 if kind == "integer" else float(low) + 1.5
    return {"boolean": True, "null": None}.get(kind)
