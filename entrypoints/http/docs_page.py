"""A self-contained HTML page listing each operation of an OpenAPI document (no CDN, no script)."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

METHODS = ("get", "put", "post", "patch", "delete")
STYLE = """
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
section{border-top:1px solid #ddd;padding:.5rem 0}
code{background:#f4f4f4;padding:0 .25rem}
.method{display:inline-block;min-width:4.5rem;font-weight:bold;text-transform:uppercase}
table{border-collapse:collapse}td,th{text-align:left;padding:.1rem .75rem .1rem 0}
"""


def render_docs(document: Mapping[str, Any]) -> str:
    info = document.get("info", {})
    title = _text(info.get("title", "API"))
    parts = [
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{title} <small>{_text(info.get('version'))}</small></h1>",
        f"<p>{_text(info.get('description'))}</p>",
        "<p>The machine-readable contract: <a href='openapi.json'>openapi.json</a>.</p>",
    ]
    for path, item in document.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                parts.append(_operation(document, method, path, item))
    parts.append("</body></html>")
    return "\n".join(parts)


def _operation(document: Mapping[str, Any], method: str, path: str, item: Mapping[str, Any]) -> str:
    operation = item[method]
    listed = [*item.get("parameters", []), *operation.get("parameters", [])]
    parameters = [_resolved(document, parameter) for parameter in listed]
    responses = operation.get("responses", {})
    return "\n".join(
        [
            f"<section id='{_text(operation.get('operationId', ''))}'>",
            f"<h2><span class='method'>{method}</span> <code>{_text(path)}</code></h2>",
            f"<p>{_text(operation.get('summary', ''))}</p><p>Authentication: {_auth(operation)}</p>",
            _table(("Parameter", "In", "Description"), [_parameter_row(p) for p in parameters]),
            _table(("Body", "Schema"), _body_rows(operation)),
            _table(
                ("Status", "Meaning"),
                [
                    (_text(s), _text(_resolved(document, r).get("description")))
                    for s, r in responses.items()
                ],
            ),
            "</section>",
        ]
    )


def _auth(operation: Mapping[str, Any]) -> str:
    security = operation.get("security")
    if security == []:
        return "none"
    return _text(", ".join(name for scheme in security or [] for name in scheme) or "bearer")


def _parameter_row(parameter: Mapping[str, Any]) -> tuple[str, ...]:
    name = f"<code>{_text(parameter.get('name'))}</code>"
    return (name, _text(parameter.get("in")), _text(parameter.get("description")))


def _body_rows(operation: Mapping[str, Any]) -> list[tuple[str, ...]]:
    content = operation.get("requestBody", {}).get("content", {})
    return [
        (_text(media_type), _text(str(spec.get("schema", {}).get("$ref", "")).rsplit("/", 1)[-1]))
        for media_type, spec in content.items()
    ]


def _table(headings: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """Cells arrive escaped; an empty table is left out."""
    if not rows:
        return ""
    head = "".join(f"<th>{heading}</th>" for heading in headings)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _text(value: object) -> str:
    return escape("" if value is None else str(value))


def _resolved(document: Mapping[str, Any], thing: Mapping[str, Any]) -> Mapping[str, Any]:
    """Parameters and responses are often `$ref`s to components (`#/components/...`)."""
    reference = thing.get("$ref")
    if not isinstance(reference, str) or not reference.startswith("#/"):
        return thing
    found: Any = document
    for step in reference[2:].split("/"):
        found = found.get(step, {}) if isinstance(found, Mapping) else {}
    return found if isinstance(found, Mapping) else {}
