from __future__ import annotations

import attrs

from application.authorization import require_owner_in_person
from application.ports.phones import PhoneRegistry
from domain.access import Caller
from domain.announcements import Phone, Platform
from domain.values import text

MAX_TOKEN_LENGTH = 4096


@attrs.frozen
class RegisterPhoneCommand:
    caller: Caller
    name: str
    platform: str
    device_token: str


class RegisterPhone:
    def __init__(self, phones: PhoneRegistry) -> None:
        self._phones = phones

    def __call__(self, command: RegisterPhoneCommand) -> Phone:
        require_owner_in_person(command.caller)
        phone = Phone(
            command.caller.user_id,
            text(command.name, "name", 100),
            Platform.parse(command.platform),
            text(command.device_token, "device_token", MAX_TOKEN_LENGTH),
        )
        self._phones.register(phone)
        return phone
