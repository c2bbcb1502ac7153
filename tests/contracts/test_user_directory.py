"""UserDirectory: every user of the identity provider, ordered by name."""

from __future__ import annotations

from typing import Protocol

import pytest

from domain.access import User


class LocalUserDirectory(Protocol):
    """A UserDirectory one can sign up to: the local identity provider's, or a harness
    that signs users up with the provider (see CognitoUserHarness) and lists them under
    the ids the test gave them."""

    def add(self, user: User) -> None: ...

    def list_users(self) -> list[User]: ...

    def remove(self, user_id: str) -> None: ...


def test_no_users_before_anyone_signs_up(users: LocalUserDirectory) -> None:
    assert users.list_users() == []


def test_users_are_listed_by_name(users: LocalUserDirectory) -> None:
    users.add(User("u-3", "Carla"))
    users.add(User("u-1", "Bob", is_admin=True))
    users.add(User("u-2", "Anna"))
    assert users.list_users() == [
        User("u-2", "Anna"),
        User("u-1", "Bob", True),
        User("u-3", "Carla"),
    ]


def test_users_with_the_same_name_are_both_listed(users: LocalUserDirectory) -> None:
    unique = getattr(users, "names_are_unique", None)
    if unique:  # a directory whose names are usernames cannot have two of one name
        pytest.skip(unique)
    users.add(User("u-2", "Sam"))
    users.add(User("u-1", "Sam"))
    assert sorted(u.id for u in users.list_users()) == ["u-1", "u-2"]


def test_signing_up_again_replaces_the_user(users: LocalUserDirectory) -> None:
    users.add(User("u-1", "Bob"))
    users.add(User("u-1", "Robert", is_admin=True))
    assert users.list_users() == [User("u-1", "Robert", is_admin=True)]


def test_a_removed_user_is_no_longer_listed(users: LocalUserDirectory) -> None:
    users.add(User("u-1", "Anna"))
    users.add(User("u-2", "Bob", is_admin=True))
    users.add(User("u-3", "Carla", is_admin=True))
    users.remove("u-2")
    users.remove("u-2")  # again: nothing happens
    users.remove("u-9")
    assert users.list_users() == [User("u-1", "Anna"), User("u-3", "Carla", True)]
