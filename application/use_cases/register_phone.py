from __future__ import annotations

import attrs

from application.authorization import require_owner_in_person
from application.ports.phones import PhoneRegistry
from domain.access import Caller
from domain.announcements import Phone, Platform
from domain.errors import InvalidInput

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
        if not command.name.strip() or len(command.name) > 100:
            raise InvalidInput("name", "name must be 1 to 100 characters")
        if not command.device_token.strip() or len(command.device_token) > MAX_TOKEN_LENGTH:
            raise InvalidInput("device_token", "device_token must be 1 to 4096 characters")
        phone = Phone(
            command.caller.user_id,
            command.name.strip(),
            Platform.parse(command.platform),
            command.device_token,
        )
        self._phones.register(phone)
        return phone
