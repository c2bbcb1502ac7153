"""A grant's scopes as the stores keep them: their values in order, a list (DynamoDB) or that
list as JSON text (SQLite, Tables)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from domain.access import Scope


def scope_values(scopes: Iterable[Scope]) -> list[str]:
    return sorted(scope.value for scope in scopes)


def scopes_of(values: Iterable[str]) -> frozenset[Scope]:
    return frozenset(map(Scope, values))


def scopes_json(scopes: Iterable[Scope]) -> str:
    return json.dumps(scope_values(scopes))


def scopes_from_json(text: str) -> frozenset[Scope]:
    return scopes_of(json.loads(text))
