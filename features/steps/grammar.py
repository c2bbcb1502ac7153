"""Step patterns written the way the features read, turned into regular expressions.

`"{name}"` matches a quoted string without quotes inside, `{n:d}` a whole number,
`{x:f}` a decimal number, `{day:day}` a date, `{t:instant}` an ISO instant.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from pytest_bdd import given, parsers, then, when

from domain.clockwork import parse_instant

_FIELD = re.compile(r'"\{(\w+)\}"|\{(\w+)(?::(\w+))?\}')
_PATTERNS = {
    "text": r".+?",
    "d": r"-?\d+",
    "f": r"-?\d+(?:\.\d+)?",
    "day": r"\d{4}-\d{2}-\d{2}",
    "instant": r"\S+",
}
_WORD = r"\S+"
_CONVERTERS: dict[str, Any] = {
    "d": int,
    "f": float,
    "day": date.fromisoformat,
    "instant": lambda text: parse_instant(text),
}


def pattern(template: str) -> tuple[Any, dict[str, Any]]:
    converters: dict[str, Any] = {}

    def field(match: re.Match[str]) -> str:
        quoted, name, kind = match.groups()
        if quoted:
            return f'"(?P<{quoted}>[^"]*)"'
        if kind in _CONVERTERS:
            converters[name] = _CONVERTERS[kind]
        return f"(?P<{name}>{_PATTERNS.get(kind or '', _WORD)})"

    regex = _FIELD.sub(
        field, re.escape(template).replace(r"\{", "{").replace(r"\}", "}").replace(r"\ ", " ")
    )
    return parsers.re(f"^{regex}$"), converters


def action(template: str, **kwargs: Any) -> Any:
    """An action step: it reads the same after Given and after When."""
    parser, converters = pattern(template)

    def decorate(function: Any) -> Any:
        # stacklevel 2: register the step in the module that uses @action, not in this one.
        function = when(parser, converters=converters, stacklevel=2, **kwargs)(function)
        return given(parser, converters=converters, stacklevel=2, **kwargs)(function)

    return decorate


def outcome(template: str) -> Any:
    parser, converters = pattern(template)
    return then(parser, converters=converters)


def names(text: str) -> list[str]:
    """ "Mia, Rex" → ["Mia", "Rex"]."""
    return [part.strip() for part in text.split(",") if part.strip()]


def table_value(text: str) -> object:
    """A feature table cell as a tracker would send it: empty is absent, numbers are numbers."""
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            continue
    return text


def instant(text: str) -> datetime:
    return parse_instant(text)
