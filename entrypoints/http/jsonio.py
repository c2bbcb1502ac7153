"""Strict JSON in, exact JSON out.

Reading refuses what Python's json module would quietly accept (duplicate keys,
NaN, huge integers, deep nesting, lone surrogates), so that no odd body reaches
a use case or turns into a 500. Writing keeps Decimals as written (0.80 stays 0.80).
"""

from __future__ import annotations

import json
import math
import re
import secrets
from decimal import Decimal

MAX_INTEGER_DIGITS = 100
MAX_DEPTH = 32
# A per-process marker, so that no text a caller stored can pass for a Decimal.
_MARK = f"decimal-{secrets.token_hex(16)}:"
_MARKED = re.compile(rf'"{_MARK}(-?[0-9]+(?:\.[0-9]+)?)"')


class JsonError(ValueError):
    """The body is not acceptable JSON; the message says why."""


def decode_json(data: bytes) -> object:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise JsonError(f"the body is not UTF-8 (byte {error.start})") from error
    try:
        value = json.loads(
            text,
            object_pairs_hook=_unique_keys,
            parse_constant=_no_constant,
            parse_int=_bounded_int,
            parse_float=_finite_float,
        )
    except RecursionError as error:
        raise JsonError(f"the body is nested more than {MAX_DEPTH} levels deep") from error
    except json.JSONDecodeError as error:
        raise JsonError(f"the body is not JSON: {error.msg} at line {error.lineno}") from error
    _check_depth_and_text(value)
    return value


def encode_json(value: object) -> bytes:
    # ASCII escapes keep even a stored lone surrogate (from a quarantined reading) valid JSON.
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"), default=_marked)
    return _MARKED.sub(r"\1", text).encode("ascii")


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    found: dict[str, object] = {}
    for key, value in pairs:
        if key in found:
            raise JsonError(f"the key {key!r} appears twice in one object")
        found[key] = value
    return found


def _no_constant(name: str) -> object:
    raise JsonError(f"{name} is not a JSON number")


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        raise JsonError(f"an integer has more than {MAX_INTEGER_DIGITS} digits")
    return int(text)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise JsonError(f"the number {text[:20]} is out of range")
    return value


def _check_depth_and_text(value: object) -> None:
    """Walks without recursion, so that a deep body cannot exhaust the stack here either."""
    pending: list[tuple[object, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, str):
            _check_text(item)
            continue
        if not isinstance(item, dict | list):
            continue
        if depth > MAX_DEPTH:
            raise JsonError(f"the body is nested more than {MAX_DEPTH} levels deep")
        children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
        pending.extend((child, depth + 1) for child in children)


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise JsonError("a string holds a lone surrogate (\\ud800-\\udfff)") from error


def _marked(value: object) -> str:
    if isinstance(value, Decimal) and value.is_finite():
        return f"{_MARK}{value:f}"
    raise TypeError(f"{type(value).__name__} is not JSON")
