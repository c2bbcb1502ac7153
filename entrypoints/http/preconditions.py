"""Optimistic concurrency over HTTP: a pet's version is its entity tag (`ETag: "3"`), and a
change sent with `If-Match` is made only on a version it names (RFC 9110, section 13.1.1).

A failed precondition answers 409 like any change made on a stale copy (the `version` field of
a body answers the same), not 412: the issue this serves asks for 409 throughout.
"""

from __future__ import annotations

import re

from entrypoints.http.messages import HttpRequest

# entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE, etagc = "!" / "#"-"~" (obs-text is not taken)
_TAG = r'(W/)?"([!#-~]*)"'
_LIST = re.compile(rf"[ \t]*{_TAG}([ \t]*,[ \t]*{_TAG})*[ \t]*")
_EACH = re.compile(_TAG)
MAX_VERSION_DIGITS = 18


def etag(version: int) -> str:
    return f'"{version}"'


def if_match(request: HttpRequest) -> frozenset[int] | None:
    """The versions If-Match names (None: no header, or `*`). Strong comparison: a weak tag, a
    tag this API never gives (`"03"`, `"x"`) or a value that is no list of tags names none."""
    value = request.headers.get("if-match")
    if value is None or value.strip() == "*":
        return None
    if not _LIST.fullmatch(value):
        return frozenset()
    return frozenset(
        int(opaque) for weak, opaque in _EACH.findall(value) if not weak and _is_version(opaque)
    )


def _is_version(opaque: str) -> bool:
    return (
        0 < len(opaque) <= MAX_VERSION_DIGITS
        and opaque.isascii()
        and opaque.isdigit()
        and str(int(opaque)) == opaque
    )


def both(first: frozenset[int] | None, second: frozenset[int] | None) -> frozenset[int] | None:
    """Versions that satisfy both conditions (the body's `version` and If-Match)."""
    if first is None or second is None:
        return first if second is None else second
    return first & second
