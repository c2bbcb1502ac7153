"""GrantRepository: one grant per owner and app, replaced on put, gone on revoke."""

from __future__ import annotations

from application.ports.access import GrantRepository
from domain.access import Grant, Scope

ALL = frozenset(Scope)


def test_a_grant_comes_back_whole(grants: GrantRepository) -> None:
    grant = Grant("owner-1", "app-1", frozenset({Scope.ACTIVITY, Scope.LOCATION}))
    grants.put(grant)
    assert grants.get("owner-1", "app-1") == grant
    assert grants.get("owner-1", "app-2") is None
    assert grants.get("owner-2", "app-1") is None


def test_putting_a_grant_again_replaces_it(grants: GrantRepository) -> None:
    grants.put(Grant("owner-1", "app-1", ALL))
    narrower = Grant("owner-1", "app-1", frozenset({Scope.PROFILE}))
    grants.put(narrower)
    assert grants.get("owner-1", "app-1") == narrower
    assert grants.of_owner("owner-1") == [narrower]


def test_an_owners_grants_are_ordered_by_app_id(grants: GrantRepository) -> None:
    for app_id in ("app-c", "app-a", "app-b"):
        grants.put(Grant("owner-1", app_id, ALL))
    grants.put(Grant("owner-2", "app-0", ALL))
    assert [g.app_id for g in grants.of_owner("owner-1")] == ["app-a", "app-b", "app-c"]
    assert grants.of_owner("owner-3") == []


def test_a_revoked_grant_is_gone_for_the_next_read(grants: GrantRepository) -> None:
    grants.put(Grant("owner-1", "app-1", ALL))
    grants.put(Grant("owner-2", "app-1", ALL))
    grants.revoke("owner-1", "app-1")
    assert grants.get("owner-1", "app-1") is None
    assert grants.of_owner("owner-1") == []
    assert grants.get("owner-2", "app-1") == Grant("owner-2", "app-1", ALL)


def test_revoking_a_grant_never_made_does_nothing(grants: GrantRepository) -> None:
    grants.put(Grant("owner-1", "app-1", ALL))
    grants.revoke("owner-1", "app-2")
    grants.revoke("owner-9", "app-1")
    assert grants.of_owner("owner-1") == [Grant("owner-1", "app-1", ALL)]
