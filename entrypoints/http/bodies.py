"""Request bodies into attrs request classes: strict JSON, then cattrs with strict types.

A wrong type or a missing field names the field's path (`weights[0].day`) rather
than failing as a whole; values are left for the domain to judge.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar, get_origin

import cattrs
from cattrs.cols import list_structure_factory
from cattrs.converters import BaseConverter
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from entrypoints.http.jsonio import JsonError, decode_json
from entrypoints.http.messages import HttpRequest
from entrypoints.http.problems import HttpProblem

T = TypeVar("T")
JSON_TYPES = ("application/json",)
FieldError = tuple[str, str]


def _strict(description: str, accepted: type) -> Callable[[object, type], Any]:
    """cattrs would turn "5" or true into 5; a request that says so is wrong, not rounded."""

    def structure(value: object, _: type) -> Any:
        if isinstance(value, bool) and accepted is not bool or not isinstance(value, accepted):
            raise TypeError(f"must be {description}")
        return value

    return structure


def _whole(value: object, _: type) -> int:
    """JSON has one number type: 1802.0 is the whole number 1802, as JSON Schema's `integer` says."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("must be a whole number")
    return value


def _number(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError("must be a number")
    return float(value)


def _is_list(kind: Any) -> bool:
    return get_origin(kind) is list


def _strict_list(kind: Any, converter: BaseConverter) -> Callable[[object, type], Any]:
    items = list_structure_factory(kind, converter)

    def structure(value: object, _: type) -> Any:
        if not isinstance(value, list):
            raise TypeError("must be an array")
        return items(value, kind)

    return structure


def _strict_object(value: object, _: type) -> Any:
    if not isinstance(value, dict):
        raise TypeError("must be an object")
    return value


def body_converter(*, lenient: Iterable[type] = ()) -> cattrs.Converter:
    """A converter of request bodies, strict about JSON's types; an unknown field is refused,
    except in the `lenient` classes (a body another system sends, fuller than we read)."""
    made = cattrs.Converter(forbid_extra_keys=True)
    made.register_structure_hook(str, _strict("a string", str))
    made.register_structure_hook(int, _whole)
    made.register_structure_hook(float, _number)
    made.register_structure_hook(bool, _strict("true or false", bool))
    made.register_structure_hook_func(lambda kind: kind == dict[str, Any], _strict_object)
    made.register_structure_hook_factory(_is_list, _strict_list)
    for kind in lenient:
        made.register_structure_hook(
            kind, make_dict_structure_fn(kind, made, _cattrs_forbid_extra_keys=False)
        )
    return made


converter = body_converter()


def json_body(request: HttpRequest, kind: type[T], media_types: Iterable[str] = JSON_TYPES) -> T:
    """The body as `kind`; HttpProblem 415, 400 or 422 naming what is wrong (dispatch checks 413)."""
    return structured(parsed_body(request, media_types), kind)


def parsed_body(request: HttpRequest, media_types: Iterable[str] = JSON_TYPES) -> object:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type not in media_types:
        raise HttpProblem(415, f"send the body as {' or '.join(media_types)}")
    try:
        return decode_json(request.body)
    except JsonError as error:
        raise HttpProblem(400, str(error)) from error


def structured(value: object, kind: type[T], using: cattrs.Converter = converter) -> T:
    if not isinstance(value, dict):
        raise HttpProblem(400, "the body must be a JSON object")
    try:
        return using.structure(value, kind)
    except (ClassValidationError, IterableValidationError) as error:
        errors = [{"field": field, "detail": detail} for field, detail in field_errors(error)]
        first = errors[0] if errors else {"field": "", "detail": "the body does not fit"}
        raise HttpProblem(
            422, f"{first['field']} {first['detail']}", field=first["field"], errors=errors
        ) from error


def field_errors(error: BaseException, path: str = "") -> list[FieldError]:
    """Every field that did not fit, with its path; cattrs groups them as nested exceptions."""
    if isinstance(error, ForbiddenExtraKeysError):
        return [(_joined(path, key), "is not a known field") for key in sorted(error.extra_fields)]
    if isinstance(error, ClassValidationError | IterableValidationError):
        noted, plain = error.group_exceptions()
        found = [
            e for inner, note in noted for e in field_errors(inner, _joined(path, _step(note)))
        ]
        return found + [e for inner in plain for e in field_errors(inner, path)]
    if isinstance(error, KeyError):
        return [(path, "is required")]
    return [(path, str(error) if isinstance(error, TypeError) else "has an invalid value")]


def _step(note: object) -> str | int:
    if isinstance(note, IterableValidationNote):
        return note.index
    return str(getattr(note, "name", ""))


def _joined(path: str, step: str | int) -> str:
    if isinstance(step, int):
        return f"{path}[{step}]"
    return f"{path}.{step}" if path else step
