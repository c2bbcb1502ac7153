"""The reader's languages, from Accept-Language (RFC 9110, section 12.5.4): the language
ranges most wanted first, by their weight (`q`), those of equal weight in the order sent; a
range of weight 0 is not wanted and left out. A malformed member is skipped, never an error:
a reader always gets an answer, in the default language at worst."""

from __future__ import annotations

import re

from entrypoints.http.messages import HttpRequest

_RANGE = re.compile(r"\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
_WEIGHT = re.compile(r"q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)", re.IGNORECASE)
MAX_RANGES = 20  # a header may be long; the first ranges are plenty


def accepted_languages(request: HttpRequest) -> tuple[str, ...]:
    weighted: list[tuple[float, int, str]] = []
    for position, member in enumerate(request.headers.get("accept-language", "").split(",")):
        language, *parameters = (part.strip() for part in member.split(";"))
        weight = _weight(parameters)
        if _RANGE.fullmatch(language) and weight is not None and weight > 0:
            weighted.append((-weight, position, language))
    return tuple(language for *_, language in sorted(weighted)[:MAX_RANGES])


def _weight(parameters: list[str]) -> float | None:
    if not parameters:
        return 1.0
    found = _WEIGHT.fullmatch(parameters[0].replace(" ", ""))
    return float(found.group(1)) if found and len(parameters) == 1 else None
