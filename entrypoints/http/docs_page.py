"""A self-contained HTML page of an OpenAPI document: a table of contents by tag, each operation
with its long description, parameters, request and response schemas (every field) and examples,
each schema's fields, and a "try it" form per operation. No CDN and no outside resource: the
page's one script is inline, allowed by its SHA-256 in the page's content security policy."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from entrypoints.http.docs_schemas import example_of, field_rows, resolve, type_of
from entrypoints.http.docs_try import TRY_SCRIPT

METHODS = ("get", "put", "post", "patch", "delete")
STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#222;display:flex}
nav{position:sticky;top:0;height:100vh;overflow:auto;width:17rem;flex:none;padding:1rem;
background:#f6f6f8;border-right:1px solid #ddd;font-size:13px}
nav ul{list-style:none;padding-left:.5rem;margin:.2rem 0 .8rem}nav a{text-decoration:none}
main{max-width:62rem;padding:1rem 2rem;overflow-wrap:anywhere}
section{border-top:1px solid #ddd;padding:.5rem 0}
code{background:#f4f4f4;padding:0 .25rem}pre{background:#f4f4f4;padding:.5rem;overflow:auto}
.method{display:inline-block;min-width:4.5rem;font-weight:bold;text-transform:uppercase}
table{border-collapse:collapse;margin:.3rem 0}td,th{text-align:left;padding:.1rem .75rem .1rem 0;
vertical-align:top;border-bottom:1px solid #eee}
details{margin:.4rem 0}form label{display:block;margin:.2rem 0}
textarea{width:100%;min-height:6rem;font:13px monospace}
"""


def render_docs(document: Mapping[str, Any]) -> str:
    info = document.get("info", {})
    title = _text(info.get("title", "API"))
    operations = list(_operations(document))
    parts = [
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>",
        f"<style>{STYLE}</style></head><body>",
        _contents(document, operations),
        f"<main><h1>{title} <small>{_text(info.get('version'))}</small></h1>",
        _paragraphs(info.get("description")),
        "<p>The machine-readable contract: <a href='openapi.json'>openapi.json</a>.</p>",
        "<p><label>Bearer token for “try it”: <input id='token' size='60'></label></p>",
    ]
    parts += [_operation(document, method, path, item) for method, path, item in operations]
    parts.append("<h2 id='schemas'>Schemas</h2>")
    for name, schema in document.get("components", {}).get("schemas", {}).items():
        parts.append(_schema_section(document, name, schema))
    parts.append(f"</main><script>{TRY_SCRIPT}</script></body></html>")
    return "\n".join(parts)


def _operations(document: Mapping[str, Any]) -> list[tuple[str, str, Mapping[str, Any]]]:
    return [
        (method, path, item)
        for path, item in document.get("paths", {}).items()
        for method in METHODS
        if method in item
    ]


def _contents(document: Mapping[str, Any], operations: list[tuple[str, str, Any]]) -> str:
    by_tag: dict[str, list[str]] = {}
    for method, path, item in operations:
        operation = item[method]
        tag = (operation.get("tags") or ["other"])[0]
        link = f"<li><a href='#{_anchor(operation, method, path)}'>{method.upper()} {_text(path)}</a></li>"
        by_tag.setdefault(tag, []).append(link)
    groups = [
        f"<p><b>{_text(tag)}</b></p><ul>{''.join(links)}</ul>" for tag, links in by_tag.items()
    ]
    schemas = document.get("components", {}).get("schemas", {})
    listed = "".join(
        f"<li><a href='#schema-{_text(name)}'>{_text(name)}</a></li>" for name in schemas
    )
    return f"<nav><h2>Contents</h2>{''.join(groups)}<b><a href='#schemas'>Schemas</a></b><ul>{listed}</ul></nav>"


def _operation(document: Mapping[str, Any], method: str, path: str, item: Mapping[str, Any]) -> str:
    operation = item[method]
    listed = [*item.get("parameters", []), *operation.get("parameters", [])]
    parameters = [resolve(document, parameter) for parameter in listed]
    return "\n".join(
        [
            f"<section id='{_anchor(operation, method, path)}'>",
            f"<h2><span class='method'>{method}</span> <code>{_text(path)}</code></h2>",
            f"<p><b>{_text(operation.get('summary', ''))}</b></p>",
            _paragraphs(operation.get("description")),
            f"<p>Authentication: {_auth(operation)}</p>",
            _table(
                ("Parameter", "In", "Type", "Required", "Description"),
                [_parameter_row(p) for p in parameters],
            ),
            _request_body(document, operation),
            _responses(document, operation),
            _try_form(document, method, path, parameters, operation),
            "</section>",
        ]
    )


def _request_body(document: Mapping[str, Any], operation: Mapping[str, Any]) -> str:
    body = resolve(document, operation.get("requestBody", {}))
    parts = []
    for media_type, spec in body.get("content", {}).items():
        schema = spec.get("schema", {})
        parts.append(f"<h3>Request body <code>{_text(media_type)}</code>: {type_of(schema)}</h3>")
        parts.append(
            _table(("Field", "Type", "Required", "Description"), field_rows(document, schema))
        )
        if media_type.endswith("json"):
            parts.append(f"<p>Example:</p><pre>{_json(example_of(document, schema))}</pre>")
    return "\n".join(parts)


def _responses(document: Mapping[str, Any], operation: Mapping[str, Any]) -> str:
    rows, examples = [], []
    for status, reference in operation.get("responses", {}).items():
        response = resolve(document, reference)
        content = response.get("content", {})
        schemas = [spec.get("schema", {}) for spec in content.values()]
        kinds = ", ".join(
            f"<code>{_text(m)}</code> {type_of(s)}" for m, s in zip(content, schemas, strict=True)
        )
        rows.append((_text(status), _text(response.get("description")), kinds))
        if str(status).startswith("2") and schemas and "json" in next(iter(content)):
            examples.append(
                f"<p>Example ({_text(status)}):</p><pre>{_json(example_of(document, schemas[0]))}</pre>"
            )
    return _table(("Status", "Meaning", "Body"), rows) + "\n".join(examples)


def _try_form(
    document: Mapping[str, Any],
    method: str,
    path: str,
    parameters: list[Any],
    operation: Mapping[str, Any],
) -> str:
    fields = [
        f"<label>{_text(p.get('name'))} ({_text(p.get('in'))}) "
        f"<input data-in='{_text(p.get('in'))}' name='{_text(p.get('name'))}'></label>"
        for p in parameters
        if p.get("in") in ("path", "query")
    ]
    content = resolve(document, operation.get("requestBody", {})).get("content", {})
    if "application/json" in content:
        example = _json(example_of(document, content["application/json"].get("schema", {})))
        fields.append(f"<label>body<textarea name='body'>{example}</textarea></label>")
    return (
        f"<details><summary>Try it</summary><form class='try' data-method='{method.upper()}' "
        f"data-path='{_text(path)}'>{''.join(fields)}<button>Send</button></form>"
        "<pre class='answer'></pre></details>"
    )


def _schema_section(document: Mapping[str, Any], name: str, schema: Mapping[str, Any]) -> str:
    rows = field_rows(document, schema)
    return (
        f"<section id='schema-{_text(name)}'><h3>{_text(name)}</h3>{_paragraphs(schema.get('description'))}"
        + (
            _table(("Field", "Type", "Required", "Description"), rows)
            if rows
            else f"<p>{type_of(schema)}</p>"
        )
        + "</section>"
    )


def _anchor(operation: Mapping[str, Any], method: str, path: str) -> str:
    return _text(operation.get("operationId") or f"{method}-{path}")


def _auth(operation: Mapping[str, Any]) -> str:
    security = operation.get("security")
    if security == []:
        return "none"
    return _text(", ".join(name for scheme in security or [] for name in scheme) or "bearer")


def _parameter_row(parameter: Mapping[str, Any]) -> tuple[str, ...]:
    return (
        f"<code>{_text(parameter.get('name'))}</code>",
        _text(parameter.get("in")),
        type_of(parameter.get("schema", {})),
        "yes" if parameter.get("required") else "",
        _text(parameter.get("description")),
    )


def _table(headings: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    """Cells arrive escaped; an empty table is left out."""
    if not rows:
        return ""
    head = "".join(f"<th>{heading}</th>" for heading in headings)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _paragraphs(text: object) -> str:
    """A long description, its blank lines kept as paragraph breaks."""
    if not text:
        return ""
    return "".join(
        f"<p>{_text(part.strip())}</p>" for part in str(text).split("\n\n") if part.strip()
    )


def _json(value: Any) -> str:
    return _text(json.dumps(value, indent=2, ensure_ascii=False))


def _text(value: object) -> str:
    return escape("" if value is None else str(value))
