"""PhoneRegistry: one phone per owner and name, listed by name."""

from __future__ import annotations

from application.ports.phones import PhoneRegistry
from domain.announcements import Phone, Platform


def test_an_owners_phones_are_listed_by_name(phones: PhoneRegistry) -> None:
    pixel = Phone("owner-1", "pixel", Platform.ANDROID, "token-a")
    ipad = Phone("owner-1", "ipad", Platform.IOS, "token-b")
    phones.register(pixel)
    phones.register(ipad)
    phones.register(Phone("owner-2", "iphone", Platform.IOS, "token-c"))
    assert phones.of_owner("owner-1") == [ipad, pixel]
    assert phones.of_owner("owner-3") == []


def test_registering_the_same_name_again_replaces_the_phone(phones: PhoneRegistry) -> None:
    phones.register(Phone("owner-1", "phone", Platform.ANDROID, "old-token"))
    phones.register(Phone("owner-2", "phone", Platform.IOS, "their-token"))
    replacement = Phone("owner-1", "phone", Platform.IOS, "new-token")
    phones.register(replacement)
    assert phones.of_owner("owner-1") == [replacement]
    assert phones.of_owner("owner-2") == [Phone("owner-2", "phone", Platform.IOS, "their-token")]


def test_removing_an_owners_phones_leaves_the_others(phones: PhoneRegistry) -> None:
    theirs = Phone("owner-2", "iphone", Platform.IOS, "token-c")
    for phone in (Phone("owner-1", "pixel", Platform.ANDROID, "token-a"), theirs):
        phones.register(phone)
    phones.register(Phone("owner-1", "ipad", Platform.IOS, "token-b"))
    phones.remove_all("owner-1")
    phones.remove_all("owner-1")  # again: nothing happens
    assert phones.of_owner("owner-1") == []
    assert phones.of_owner("owner-2") == [theirs]


def test_one_phone_is_found_and_removed_by_name(phones: PhoneRegistry) -> None:
    pixel = Phone("owner-1", "pixel", Platform.ANDROID, "token-a")
    ipad = Phone("owner-1", "ipad", Platform.IOS, "token-b")
    theirs = Phone("owner-2", "pixel", Platform.IOS, "token-c")
    for phone in (pixel, ipad, theirs):
        phones.register(phone)
    assert phones.get("owner-1", "pixel") == pixel
    assert phones.get("owner-3", "pixel") is None
    phones.remove("owner-1", "pixel")
    phones.remove("owner-1", "pixel")  # again: nothing happens
    assert phones.get("owner-1", "pixel") is None
    assert phones.of_owner("owner-1") == [ipad]
    assert phones.of_owner("owner-2") == [theirs]
