"""Hostile request bodies, the routes that read a body, and how to send raw bytes through any
binding's HTTP entrypoint. Shared by tests/hostile/test_http_input.py and
tests/http/test_http_bad_input.py (which sends the same bodies to the route table directly)."""

from __future__ import annotations

from entrypoints.http.messages import MAX_BODY_BYTES
from tests.support.drivers.api import Answer, ApiDriver

JSON = {"Content-Type": "application/json"}
CONTENTFUL = "application/vnd.contentful.management.v1+json"

# body: what the problem's detail must name
MALFORMED: dict[str, tuple[bytes, str]] = {
    "truncated": (b'{"name": "Rex",', "not JSON"),
    "duplicate key": (b'{"name": "Rex", "name": "Max", "species": "dog", "weight_kg": 2}', "twice"),
    "NaN": (b'{"name": "Rex", "species": "dog", "weight_kg": NaN}', "NaN"),
    "Infinity": (b'{"name": "Rex", "species": "dog", "weight_kg": -Infinity}', "Infinity"),
    "overflowing float": (b'{"name": "Rex", "species": "dog", "weight_kg": 1e999}', "out of range"),
    "huge integer": (b'{"weight_kg": 1' + b"0" * 100 + b"}", "digits"),
    "integer of thousands of digits": (b'{"weight_kg": ' + b"9" * 5000 + b"}", "digits"),
    "deep nesting": (b'{"name": ' + b"[" * 40 + b"]" * 40 + b"}", "nested"),
    "very deep nesting": (b"[" * 100_000 + b"]" * 100_000, "nested"),
    "lone surrogate": (b'{"name": "\\ud800", "species": "dog", "weight_kg": 2}', "surrogate"),
    "surrogate key": (b'{"\\udfff": 1}', "surrogate"),
    "not UTF-8": (b'{"name": "R\xe9x"}', "UTF-8"),
    "UTF-16": ('{"name": "Rex"}'.encode("utf-16"), "UTF-8"),
    "array, not object": (b'[{"name": "Rex"}]', "object"),
    "empty": (b"", "not JSON"),
}
OVERSIZED = b'{"name": "' + b"x" * MAX_BODY_BYTES + b'"}'
NOT_JSON_TYPES = (None, "text/plain", "application/x-www-form-urlencoded", "application/jsonx")

# Every route that reads a body; {pet} and {app} are filled in, "key" names the API key it needs.
BODY_ROUTES: tuple[tuple[str, str, str | None], ...] = (
    ("POST", "/pets", None),
    ("PATCH", "/pets/{pet}", None),
    ("POST", "/pets/{pet}/weights", None),
    ("PUT", "/pets/{pet}/tracker", None),
    ("PUT", "/me", None),
    ("POST", "/phones", None),
    ("PUT", "/grants/{app}", None),
    ("POST", "/ingest/readings", "ingest"),
    ("POST", "/webhooks/contentful", "content"),
)


def send_raw(
    api: ApiDriver, method: str, path: str, headers: dict[str, str], body: bytes
) -> Answer:
    return api.send(method, path, headers, body, {})
