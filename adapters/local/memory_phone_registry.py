"""Owners' phones, in memory."""

from __future__ import annotations

from application.ports.phones import PhoneRegistry
from domain.announcements import Phone


class InMemoryPhoneRegistry(PhoneRegistry):
    def __init__(self) -> None:
        self._phones: dict[tuple[str, str], Phone] = {}

    def register(self, phone: Phone) -> None:
        self._phones[(phone.owner_id, phone.name)] = phone

    def of_owner(self, owner_id: str) -> list[Phone]:
        return [p for (owner, _), p in sorted(self._phones.items()) if owner == owner_id]

    def get(self, owner_id: str, name: str) -> Phone | None:
        return self._phones.get((owner_id, name))

    def remove(self, owner_id: str, name: str) -> None:
        self._phones.pop((owner_id, name), None)

    def remove_all(self, owner_id: str) -> None:
        for key in [key for key in self._phones if key[0] == owner_id]:
            del self._phones[key]
