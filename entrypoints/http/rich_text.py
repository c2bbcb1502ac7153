"""Contentful's Rich Text (its default field type for long text) as the article's plain text.

A Rich Text value is a JSON tree of Contentful's node types: a `document` holds blocks
(paragraphs, headings, lists of list items, quotes, tables, rules, embedded entries), a
paragraph or heading holds inline nodes (`text` with its `value`, hyperlinks around text,
embedded entries). Its text is the text nodes' values in order, each paragraph or heading on a
line of its own, as Contentful's own plain-text renderer (`@contentful/rich-text-plain-text-
renderer`, for JavaScript) makes it with a line break between blocks; embedded entries and
assets carry no text. A tree that breaks Contentful's nesting rules (an unknown node type, text
straight under a list) is refused, as Contentful itself refuses to store one. Written here:
the Python `rich-text-renderer` renders HTML, not text, and has had no release since 2023.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from domain.errors import InvalidInput

MAX_DEPTH = 32  # Contentful nests lists in lists; a deeper tree is no document of Contentful's
HEADINGS = {f"heading-{level}" for level in range(1, 7)}
LINES = {"paragraph", *HEADINGS}  # blocks of inline nodes: a line of text each
CONTAINERS = {"document", "unordered-list", "ordered-list", "list-item", "blockquote"}
CONTAINERS |= {"table", "table-row", "table-cell", "table-header-cell"}
VOIDS = {"hr", "embedded-entry-block", "embedded-asset-block", "embedded-resource-block"}
LINKS = {"hyperlink", "entry-hyperlink", "asset-hyperlink", "resource-hyperlink"}
INLINE = {"text", *LINKS, "embedded-entry-inline", "embedded-resource-inline"}


def is_rich_text(value: object) -> bool:
    return isinstance(value, Mapping) and value.get("nodeType") == "document"


def plain_text(document: Mapping[str, Any], field: str = "body") -> str:
    """The document's text; InvalidInput naming `field` for a tree that is no Rich Text."""
    lines: list[str] = []
    _block(document, lines, _Checks(field))
    return "\n".join(line for line in lines if line)


class _Checks:
    def __init__(self, field: str) -> None:
        self.field = field

    def refuse(self, why: str) -> InvalidInput:
        return InvalidInput(self.field, f"{self.field} is no Rich Text document: {why}")

    def children(self, node: Mapping[str, Any], allowed: set[str], depth: int) -> list[Any]:
        if depth > MAX_DEPTH:
            raise self.refuse(f"nodes nested deeper than {MAX_DEPTH} levels")
        content = node.get("content")  # every node but text has one, if only an empty one
        if not isinstance(content, list):
            raise self.refuse(f"a {node.get('nodeType')!r} node's content is not a list")
        for child in content:
            kind = child.get("nodeType") if isinstance(child, Mapping) else None
            if not isinstance(kind, str) or kind not in allowed:
                raise self.refuse(f"{kind!r} cannot stand in a {node.get('nodeType')!r}")
        return content


def _block(node: Mapping[str, Any], lines: list[str], checks: _Checks, depth: int = 0) -> None:
    kind = node.get("nodeType")
    if kind in LINES:
        inline = checks.children(node, INLINE, depth)
        lines.append("".join(_inline(child, checks, depth + 1) for child in inline))
    elif kind in CONTAINERS:
        for child in checks.children(node, CONTAINERS - {"document"} | LINES | VOIDS, depth):
            _block(child, lines, checks, depth + 1)


def _inline(node: Mapping[str, Any], checks: _Checks, depth: int) -> str:
    kind = node.get("nodeType")
    if kind == "text":
        value = node.get("value")
        if not isinstance(value, str):
            raise checks.refuse("a text node holds no text value")
        return value
    if kind in LINKS:
        return "".join(
            _inline(child, checks, depth + 1) for child in checks.children(node, {"text"}, depth)
        )
    return ""  # an embedded entry: no text of its own
