"""Advice articles written in the CMS."""

from __future__ import annotations

import attrs

from domain.errors import InvalidInput


@attrs.frozen
class Article:
    id: str
    title: str
    body: str
    tag: str


def checked_article(id: object, title: object, body: object, tag: object) -> Article:
    for field, value, limit in (("id", id, 200), ("title", title, 300), ("tag", tag, 100)):
        if not isinstance(value, str) or not value.strip() or len(value) > limit:
            raise InvalidInput(field, f"{field} must be 1 to {limit} characters")
    if not isinstance(body, str) or len(body) > 100_000:
        raise InvalidInput("body", "body must be text of at most 100000 characters")
    return Article(id, title, body, tag)  # type: ignore[arg-type]
