"""Access rules: owners read their own data; apps only what that owner granted them."""

from __future__ import annotations

import pytest

from domain.access import App, Caller, Grant, Scope, may_read
from domain.errors import InvalidInput

ALICE = Caller("alice")
VET = Caller("alice", app_id="vet")
ACTIVITY_ONLY = Grant("alice", "vet", frozenset({Scope.ACTIVITY}))


@pytest.mark.parametrize("scope", list(Scope))
def test_an_owner_reads_all_of_their_own_data(scope: Scope) -> None:
    assert may_read(ALICE, "alice", scope, None) is True


@pytest.mark.parametrize("scope", list(Scope))
def test_nobody_reads_another_owners_data(scope: Scope) -> None:
    assert may_read(Caller("bob"), "alice", scope, None) is False
    assert may_read(Caller("ops", is_admin=True), "alice", scope, None) is False
    assert may_read(Caller("bob", app_id="vet"), "alice", scope, ACTIVITY_ONLY) is False


def test_an_app_reads_what_its_grant_allows() -> None:
    assert may_read(VET, "alice", Scope.ACTIVITY, ACTIVITY_ONLY) is True


def test_an_app_reads_nothing_beyond_its_grant() -> None:
    assert may_read(VET, "alice", Scope.LOCATION, ACTIVITY_ONLY) is False
    assert may_read(VET, "alice", Scope.PROFILE, ACTIVITY_ONLY) is False


def test_an_app_without_a_grant_reads_nothing() -> None:
    assert may_read(VET, "alice", Scope.ACTIVITY, None) is False


def test_a_grant_to_another_app_opens_nothing() -> None:
    other_app = Grant("alice", "insurer", frozenset(Scope))
    assert may_read(VET, "alice", Scope.ACTIVITY, other_app) is False


def test_a_grant_from_another_owner_opens_nothing() -> None:
    bobs = Grant("bob", "vet", frozenset(Scope))
    assert may_read(VET, "alice", Scope.ACTIVITY, bobs) is False


def test_scopes_are_parsed_from_their_names() -> None:
    assert Scope.parse_all(["activity:read", "location:read", "activity:read"]) == frozenset(
        {Scope.ACTIVITY, Scope.LOCATION}
    )


@pytest.mark.parametrize("values", [[], ["activity:write"], ["activity:read", "admin"]])
def test_unknown_or_no_scopes_are_refused(values: list[str]) -> None:
    with pytest.raises(InvalidInput) as error:
        Scope.parse_all(values)
    assert error.value.field == "scopes"


def test_a_caller_is_an_app_when_it_names_one() -> None:
    assert (ALICE.is_app, VET.is_app) == (False, True)


def test_apps_are_registered_with_a_trimmed_name_and_a_fresh_id() -> None:
    first, second = App.register(" VetConnect "), App.register("VetConnect")
    assert first.name == "VetConnect"
    assert first.id != second.id
    for name in ("", "  ", "x" * 101):
        with pytest.raises(InvalidInput):
            App.register(name)
