"""Every list answers one page at a time: `limit` (1 to 100, 50 by default) and the `cursor`
the page before handed out as `next_cursor` (null on the last page)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from application.use_cases.page_of import PageQuery, SortKey
from domain.access import Caller
from entrypoints.http.messages import HttpRequest, HttpResponse, json_response

if TYPE_CHECKING:
    from entrypoints.wiring import Container

T = TypeVar("T")


def page_response(
    container: Container,
    request: HttpRequest,
    who: Caller,
    name: str,
    items: Sequence[T],
    key: Callable[[T], SortKey],
    view: Callable[[T], object],
    scope: str | None = None,
) -> HttpResponse:
    """`{name: [...], "next_cursor": ...}`: the page of `items` (ordered by `key`) the request
    asks for. `scope` tells lists of one name apart (the quarantine of one tracker)."""
    limit, cursor = request.query.get("limit"), request.query.get("cursor")
    query = PageQuery(who, scope or name, items, key, limit, cursor)
    page = container.page_of()(query)
    return json_response(
        {name: [view(item) for item in page.items], "next_cursor": page.next_cursor}
    )
