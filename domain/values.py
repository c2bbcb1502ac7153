"""Checks shared by every entity: a choice among an enum's values, a bounded piece of text."""

from __future__ import annotations

import enum
from typing import TypeVar

from domain.errors import InvalidInput

E = TypeVar("E", bound=enum.Enum)


def choice(kind: type[E], value: object, field: str) -> E:
    """The member of `kind` whose value is `value`, or InvalidInput naming the field and the options."""
    try:
        return kind(value)
    except ValueError as error:
        options = " or ".join(repr(member.value) for member in kind)
        raise InvalidInput(field, f"{field} must be {options}") from error


def text(value: object, field: str, max_length: int) -> str:
    """Non-blank text of at most `max_length` characters, without surrounding spaces."""
    if not isinstance(value, str) or not value.strip() or len(value) > max_length:
        raise InvalidInput(field, f"{field} must be 1 to {max_length} characters")
    return value.strip()
