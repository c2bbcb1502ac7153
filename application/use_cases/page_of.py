"""One page of a list, and the cursor to the next: every list of the API pages the same way."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

import attrs

from application.ports.pages import PageCursors
from domain.access import Caller
from domain.errors import InvalidInput

T = TypeVar("T")
DEFAULT_LIMIT = 50
MAX_LIMIT = 100
SortKey = tuple[str, ...]


@attrs.frozen
class PageQuery(Generic[T]):
    """`items` ordered by `key` (a key per item, unique); `scope` names the list and whatever
    filters it (the quarantine's tracker), so that a cursor is good for this list only."""

    caller: Caller
    scope: str
    items: Sequence[T]
    key: Callable[[T], SortKey]
    limit: str | None = None
    cursor: str | None = None


@attrs.frozen
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None


def checked_limit(text: str | None) -> int:
    if text is None:
        return DEFAULT_LIMIT
    if not text.isdigit() or not 1 <= int(text) <= MAX_LIMIT:
        raise InvalidInput("limit", f"limit must be a whole number from 1 to {MAX_LIMIT}")
    return int(text)


class PageOf:
    """The page after the cursor (the first without one), at most `limit` items (50 by default,
    at most 100). A cursor carries the list, its caller and the last key shown, sealed: one made
    up, altered, or sealed for another list or caller is refused (InvalidInput, field `cursor`)."""

    def __init__(self, cursors: PageCursors) -> None:
        self._cursors = cursors

    def __call__(self, query: PageQuery[T]) -> Page[T]:
        limit, after = checked_limit(query.limit), self._after(query)
        ordered = sorted(query.items, key=query.key)
        rest = [item for item in ordered if after is None or query.key(item) > after]
        shown = rest[:limit]
        if len(rest) <= limit:
            return Page(shown, None)
        return Page(shown, self._cursor(query, query.key(shown[-1])))

    def _owner(self, caller: Caller) -> list[str | None]:
        return [caller.user_id, caller.app_id]

    def _cursor(self, query: PageQuery[T], last: SortKey) -> str:
        carried = [query.scope, self._owner(query.caller), list(last)]
        return self._cursors.seal(json.dumps(carried, separators=(",", ":")))

    def _after(self, query: PageQuery[T]) -> SortKey | None:
        if query.cursor is None:
            return None
        opened = self._cursors.open(query.cursor)
        refused = InvalidInput("cursor", "the cursor is not one this list handed out")
        if opened is None:
            raise refused
        scope, owner, last = json.loads(opened)
        if scope != query.scope or owner != self._owner(query.caller):
            raise refused
        return tuple(last)
