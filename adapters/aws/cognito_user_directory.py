"""The users of the Cognito user pool: ListUsers, and ListUsersInGroup for the administrators;
AdminDeleteUser when an owner erases their account."""

from __future__ import annotations

import contextlib
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

    def remove(self, user_id: str) -> None:
        """Finds the user by `sub` (ListUsers with a filter), then AdminDeleteUser: their refresh
        tokens stop working with them. Their access tokens live to their expiry (ErasedAccounts)."""
        if '"' in user_id or "\\" in user_id:  # no sub has them; they would break the filter
            return
        found = self._client.list_users(UserPoolId=self._pool, Filter=f'sub = "{user_id}"')
        for user in found.get("Users", []):
            with contextlib.suppress(self._client.exceptions.UserNotFoundException):
                self._client.admin_delete_user(UserPoolId=self._pool, Username=user["Username"])

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
