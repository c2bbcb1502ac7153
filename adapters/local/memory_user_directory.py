"""The local identity provider's users, in memory."""

from __future__ import annotations

from application.ports.identity import UserDirectory
from domain.access import User


class InMemoryUserDirectory(UserDirectory):
    """The users a local identity provider knows; `add` stands for signing up."""

    def __init__(self) -> None:
        self._users: dict[str, User] = {}

    def add(self, user: User) -> None:
        self._users[user.id] = user

    def list_users(self) -> list[User]:
        return sorted(self._users.values(), key=lambda u: (u.name, u.id))

    def remove(self, user_id: str) -> None:
        self._users.pop(user_id, None)
