"""Requests as a probe sends them, and answers compared as a client would see them."""

from __future__ import annotations

import json
import re

from tests.support.drivers.api import Answer

from .access_probes import Caller, World

PROBLEM = "application/problem+json"
# Headers that differ between any two answers, whatever was asked: the date, and what is left
# of an app's requests this minute (IETF RateLimit; it counts requests, not things).
VOLATILE = {"date", "ratelimit"}
# A signed link's query (its expiry and signature, made from the clock to the second) differs
# between two answers a second apart; where it leads (scheme, host, path: the object) must not.
SIGNED_QUERY = re.compile(rb'(https?://[^"?\s]*)\?[^"\s]*')


def send(
    world: World,
    caller: Caller,
    method: str,
    path: str,
    body: object = None,
    query: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> Answer:
    token, content = world.api.token(caller.user, caller.app), b""
    headers = {**(headers or {}), "Authorization": f"Bearer {token}"}
    if body is not None:
        headers["Content-Type"], content = "application/json", json.dumps(body).encode()
    return world.api.send(method, path, headers, content, query or {})


def same(one: Answer, other: Answer) -> bool:
    """Byte for byte, as a client sees it: status, headers (but the date) and body (but the
    expiry and signature of a signed link)."""
    return (one.status, _headers(one), _body(one)) == (other.status, _headers(other), _body(other))


def _headers(answer: Answer) -> dict[str, str]:
    return {name: value for name, value in answer.headers.items() if name not in VOLATILE}


def _body(answer: Answer) -> bytes:
    return SIGNED_QUERY.sub(rb"\1?(signed)", answer.body)


def is_problem(answer: Answer, status: int) -> bool:
    return answer.status == status and answer.headers.get("content-type", "").startswith(PROBLEM)
