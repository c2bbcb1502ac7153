"""Tokens signed with the key a binding trusts, so that a forged token differs from one it would
accept in a single respect (the minters of tests/contracts, pointed at the binding's own issuer).

http: the local issuer of the server's container (its key lives in the data directory);
aws: moto's Cognito key and the binding's user pool; azure: the fake Entra the binding trusts.
"""

from __future__ import annotations

from adapters.local.settable_clock import SettableClock
from entrypoints.wiring import Container
from tests.contracts.harnesses.aws import CognitoTokenMinter
from tests.contracts.harnesses.azure_identity import EntraTokenMinter
from tests.contracts.harnesses.identity import LocalTokenMinter, TokenMinter
from tests.support.aws import client, sign_in
from tests.support.drivers.api import ApiDriver
from tests.support.drivers.aws import AwsDriver
from tests.support.drivers.azure import AUDIENCE, AzureDriver
from tests.support.drivers.http import HttpDriver


class ServerTokenMinter(LocalTokenMinter):
    """The local server's issuer: its key, key id, issuer and audience, on the binding's clock."""

    def __init__(self, container: Container, clock: SettableClock) -> None:
        self.clock, self.signing_key = clock, container.ports().signing_key()
        self.local_issuer = container.ports.token_issuer()
        self.issuer, self.audience = (
            container.ports.settings().issuer,
            container.ports.settings().audience,
        )
        self.kid = self.local_issuer.public_keys()["keys"][0]["kid"]


def binding_minter(api: ApiDriver) -> TokenMinter:
    if isinstance(api, HttpDriver):
        return ServerTokenMinter(api.c, api.clock)
    if isinstance(api, AwsDriver):
        owner, admin = (
            sign_in(api.testbed, "model-owner"),
            sign_in(api.testbed, "model-admin", admin=True),
        )
        return CognitoTokenMinter(api.testbed, owner, admin)
    if isinstance(api, AzureDriver):
        # Entra's tokens are judged on the system clock, whatever time the business clock tells.
        return EntraTokenMinter(api.entra, SettableClock(), AUDIENCE, api.mobile_client_id)
    raise TypeError(f"no minter for {type(api).__name__}")


def genuine_id_tokens(api: ApiDriver) -> dict[str, str]:
    """ID tokens the binding's own identity provider issued (not crafted): Cognito's, on moto."""
    if not isinstance(api, AwsDriver):
        return {}
    sign_in(api.testbed, "model-owner")  # the user, made if new (password as sign_in sets it)
    answer = client("cognito-idp").admin_initiate_auth(
        UserPoolId=api.testbed.user_pool_id,
        ClientId=api.testbed.app_client_id,
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "model-owner", "PASSWORD": "Correct-horse-1!"},
    )
    return {"genuine-cognito-id-token": answer["AuthenticationResult"]["IdToken"]}
