"""Advice articles written in the CMS."""

from __future__ import annotations

import attrs

from domain.errors import InvalidInput
from domain.values import text


@attrs.frozen
class Article:
    id: str
    title: str
    body: str
    tag: str


def checked_article(id: object, title: object, body: object, tag: object) -> Article:
    if not isinstance(body, str) or len(body) > 100_000:
        raise InvalidInput("body", "body must be text of at most 100000 characters")
    return Article(text(id, "id", 200), text(title, "title", 300), body, text(tag, "tag", 100))
