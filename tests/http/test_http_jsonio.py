"""Strict JSON in, exact JSON out."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from entrypoints.http import jsonio
from entrypoints.http.jsonio import JsonError, decode_json, encode_json


def test_decimals_keep_their_places() -> None:
    assert encode_json({"km": Decimal("0.80"), "more": [Decimal("12.00"), Decimal("-1.50")]}) == (
        b'{"km":0.80,"more":[12.00,-1.50]}'
    )


def test_text_never_passes_for_a_decimal() -> None:
    """Decimals are marked with a per-process secret; text shaped like a mark stays text."""
    for sneaky in (
        "decimal-" + "0" * 32 + ":1.00",
        jsonio._MARK.replace("decimal", "DECIMAL") + "1",
    ):
        assert json.loads(encode_json({"name": sneaky})) == {"name": sneaky}


def test_output_is_ascii_json_even_for_a_stored_lone_surrogate() -> None:
    encoded = encode_json({"payload": "R\u00e9x \ud800"})
    assert encoded.isascii() and json.loads(encoded) == {"payload": "R\u00e9x \ud800"}


def test_anything_but_json_values_is_refused_when_writing() -> None:
    with pytest.raises(TypeError):
        encode_json({"x": object()})
    with pytest.raises(TypeError):
        encode_json({"x": Decimal("NaN")})


def test_limits_are_exact() -> None:
    assert decode_json(b"1" * 100) == int("1" * 100)
    assert decode_json(b"-" + b"1" * 100) == -int("1" * 100)
    with pytest.raises(JsonError):
        decode_json(b"1" * 101)
    assert decode_json(b"[" * 32 + b"]" * 32) is not None
    with pytest.raises(JsonError):
        decode_json(b"[" * 33 + b"]" * 33)
    with pytest.raises(JsonError):
        decode_json(b'{"a": {"b": 1, "b": 2}}')
