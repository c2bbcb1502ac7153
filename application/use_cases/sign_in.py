from __future__ import annotations

import attrs

from application.ports.access import AppRegistry
from application.ports.identity import TokenIssuer
from domain.access import User
from domain.errors import NotFound


@attrs.frozen
class SignInCommand:
    user_id: str
    is_admin: bool = False
    app_id: str | None = None  # a token for this app acting for the user


class SignIn:
    """A token of the local issuer for a user it signs up on the way (a laptop and the tests;
    the clouds' identity providers sign in their own users). An app's token only for a
    registered app, as Cognito and Entra issue tokens only to clients they know."""

    def __init__(self, issuer: TokenIssuer, apps: AppRegistry) -> None:
        self._issuer, self._apps = issuer, apps

    def __call__(self, command: SignInCommand) -> str:
        if command.app_id is not None and self._apps.get(command.app_id) is None:
            raise NotFound(f"no registered app {command.app_id!r}: register it first (POST /apps)")
        user = User(command.user_id, command.user_id, is_admin=command.is_admin)
        return self._issuer.sign_in(user, app_id=command.app_id)


class GetSigningKeys:
    """The JSON Web Key Set that verifies the local issuer's tokens."""

    def __init__(self, issuer: TokenIssuer) -> None:
        self._issuer = issuer

    def __call__(self) -> dict[str, list[dict[str, str]]]:
        return self._issuer.public_keys()
