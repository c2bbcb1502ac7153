"""Microsoft Graph REST calls with the backend's bearer token: paged reads, creates, deletes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx

TokenProvider = Callable[[], str]
PAGE_SIZE = 999  # Graph's largest $top for users and assignments


class GraphApi:
    def __init__(
        self, http_client: httpx.Client, graph_url: str, token_provider: TokenProvider
    ) -> None:
        self._http, self._base, self._token = http_client, graph_url.rstrip("/"), token_provider

    def pages(self, path: str, **query: str) -> Iterator[dict[str, Any]]:
        """Every item of a collection, following `@odata.nextLink` (an absolute URL)."""
        url: str | None = f"{self._base}/v1.0/{path}"
        params: dict[str, str] | None = query
        while url is not None:
            body = self._call("GET", url, params=params).json()
            yield from body.get("value", [])
            url, params = body.get("@odata.nextLink"), None  # the link carries the query
            if url is not None and not url.startswith(self._base + "/"):
                raise ValueError(f"Graph linked to a page elsewhere: {url}")

    def get(self, path: str, **query: str) -> dict[str, Any]:
        body: dict[str, Any] = self._call("GET", f"{self._base}/v1.0/{path}", params=query).json()
        return body

    def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        created: dict[str, Any] = self._call("POST", f"{self._base}/v1.0/{path}", json=body).json()
        return created

    def delete(self, path: str) -> None:
        self._call("DELETE", f"{self._base}/v1.0/{path}")

    def _call(self, method: str, url: str, **arguments: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self._token()}"}
        answer = self._http.request(method, url, headers=headers, **arguments)
        answer.raise_for_status()
        return answer
