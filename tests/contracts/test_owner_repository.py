"""OwnerRepository: defaults for an owner who never set anything; saving replaces."""

from __future__ import annotations

from application.ports.owners import OwnerRepository
from domain.owners import Owner


def test_an_owner_who_never_set_anything_gets_the_defaults(owners: OwnerRepository) -> None:
    assert owners.get("owner-1") == Owner("owner-1", "UTC")


def test_saved_settings_replace_earlier_ones(owners: OwnerRepository) -> None:
    owners.save(Owner("owner-1", "Europe/Berlin"))
    owners.save(Owner("owner-1", "America/New_York"))
    owners.save(Owner("owner-2", "Asia/Tokyo"))
    assert owners.get("owner-1") == Owner("owner-1", "America/New_York")
    assert owners.get("owner-2") == Owner("owner-2", "Asia/Tokyo")


def test_a_removed_owner_gets_the_defaults_again(owners: OwnerRepository) -> None:
    owners.save(Owner("owner-1", "Europe/Berlin"))
    owners.save(Owner("owner-2", "Asia/Tokyo"))
    owners.remove("owner-1")
    owners.remove("owner-1")  # again: nothing happens
    assert owners.get("owner-1") == Owner("owner-1", "UTC")
    assert owners.get("owner-2") == Owner("owner-2", "Asia/Tokyo")
