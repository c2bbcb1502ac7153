from __future__ import annotations

import attrs

from application.authorization import hidden_from_apps
from application.ports.notifications import PushNotifier
from application.ports.phones import PhoneRegistry
from domain.access import Caller
from domain.errors import NotFound


@attrs.frozen
class RemovePhoneCommand:
    caller: Caller
    name: str


class RemovePhone:
    """The owner in person removes one of their phones: its push registration at the provider
    first (an SNS endpoint; nothing is registered in Notification Hubs), then the phone, so that
    asking again after a failure finishes the job and no push reaches it from then on. To an app
    every phone is unknown (404), as for every change named by an id."""

    def __init__(self, phones: PhoneRegistry, push: PushNotifier) -> None:
        self._phones, self._push = phones, push

    def __call__(self, command: RemovePhoneCommand) -> None:
        hidden_from_apps(command.caller, "phone")
        phone = self._phones.get(command.caller.user_id, command.name)
        if phone is None:
            raise NotFound("there is no such phone")
        self._push.forget(phone)
        self._phones.remove(phone.owner_id, phone.name)
