"""The users of the Cognito user pool: ListUsers, and ListUsersInGroup for the administrators."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from application.ports.identity import UserDirectory
from domain.access import User


class CognitoUserDirectory(UserDirectory):
    """A user's id is their `sub` (what their tokens carry), their name the username."""

    def __init__(self, client: Any, user_pool_id: str, admin_group: str = "admin") -> None:
        self._client, self._pool, self._admin_group = client, user_pool_id, admin_group

    def list_users(self) -> list[User]:
        admins = {_sub(user) for user in self._admins()}
        users = [
            User(_sub(user), user["Username"], _sub(user) in admins)
            for user in self._pages("list_users", "Users")
        ]
        return sorted(users, key=lambda user: (user.name, user.id))

    def _admins(self) -> Iterator[dict[str, Any]]:
        return self._pages("list_users_in_group", "Users", GroupName=self._admin_group)

    def _pages(self, operation: str, field: str, **arguments: str) -> Iterator[dict[str, Any]]:
        pages = self._client.get_paginator(operation).paginate(UserPoolId=self._pool, **arguments)
        for page in pages:
            yield from page.get(field, [])


def _sub(user: dict[str, Any]) -> str:
    for attribute in user.get("Attributes", []):
        if attribute["Name"] == "sub":
            return str(attribute["Value"])
    raise ValueError(f"Cognito listed user {user.get('Username')!r} without a sub")
