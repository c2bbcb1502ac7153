"""Verifies Microsoft Entra ID v2 access tokens issued for the Pawtrack API.

The checks of the other verifiers, in Entra's words: RS256 only; key-location
headers (`jku`, `x5u`, `jwk`, `x5c`, `crit`) refused and never fetched; keys from
the JWKS (adapters.jwt_checks.SigningKeys); `ver` "2.0"; `aud` exactly the API's client id;
the issuer exactly `{authority}/{tid}/v2.0` with `tid` in the allowed tenants
(a multi-tenant API would otherwise trust every tenant in the world);
`exp`/`nbf` against the clock with a small leeway.

The caller is the user's object id `oid` (the same in every app's tokens, where
`sub` differs per app). Only delegated tokens (with `scp`) are callers: an app-only
token (client credentials, `roles` without `scp`) acts for nobody and is refused.

Who is calling is `azp`, the client the user signed in to:
- the mobile app's client id (`mobile_client_id`, configured): the owner in person;
- a client registered as a third-party app (AppRegistry): that app acting for `oid`;
- anything else (another app of the tenant, say): Unauthenticated.
Administrators hold the API's app role "Pawtrack.Admin" (`roles`); whether an app may
act as one is the use cases' rule (require_admin refuses apps).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

import jwt

from adapters.jwt_checks import (
    Fetch,
    SigningKeys,
    app_of,
    check_times,
    checked_header,
    verified_claims,
)
from application.ports.access import AppRegistry
from application.ports.clock import Clock
from application.ports.identity import IdentityVerifier
from domain.access import Caller
from domain.errors import Unauthenticated

ADMIN_ROLE = "Pawtrack.Admin"
REQUIRED = ["exp", "iat", "nbf", "iss", "aud", "sub", "oid", "tid", "azp", "scp", "ver"]


class EntraIdentityVerifier(IdentityVerifier):
    def __init__(
        self,
        jwks_url: str,
        authority: str,
        audience: str,
        allowed_tenants: Collection[str],
        apps: AppRegistry,
        clock: Clock,
        fetch: Fetch | None = None,
        *,
        mobile_client_id: str,
    ) -> None:
        self._keys = SigningKeys(jwks_url, clock, fetch)
        self._authority, self._audience = authority.rstrip("/"), audience
        self._tenants = frozenset(allowed_tenants)
        self._apps, self._clock, self._mobile = apps, clock, mobile_client_id

    def verify(self, token: str) -> Caller:
        try:
            claims = self._claims(token)
        except (jwt.PyJWTError, ValueError, KeyError, TypeError) as error:
            raise Unauthenticated("the bearer token is not valid") from error
        roles = claims.get("roles")
        is_admin = isinstance(roles, list) and ADMIN_ROLE in roles  # not a substring of a str
        return Caller(
            user_id=claims["oid"],
            app_id=app_of(claims["azp"], self._mobile, self._apps),
            is_admin=is_admin,
        )

    def _claims(self, token: str) -> dict[str, Any]:
        header = checked_header(token)
        claims = verified_claims(
            token,
            self._keys.key(header.get("kid")),
            audience=self._audience,
            options={
                "require": REQUIRED,
                "verify_iss": False,  # it depends on `tid`: checked below, exactly
                "verify_exp": False,
                "verify_nbf": False,
                "verify_iat": False,
            },
        )
        self._check_origin(claims)
        check_times(claims, self._clock)
        return claims

    def _check_origin(self, claims: Mapping[str, Any]) -> None:
        tenant = claims["tid"]
        if not isinstance(tenant, str) or tenant not in self._tenants:
            raise ValueError("a tenant that is not allowed")
        if claims["iss"] != f"{self._authority}/{tenant}/v2.0" or claims["ver"] != "2.0":
            raise ValueError("not a v2 token of the tenant's issuer")
        if claims["aud"] != self._audience:  # a list containing it passes PyJWT's check
            raise ValueError("another audience")
        if not isinstance(claims["scp"], str) or not claims["scp"].strip():
            raise ValueError("not a delegated token")
        if not all(isinstance(claims[name], str) for name in ("oid", "sub", "azp")):
            raise ValueError("malformed object id, subject or client id")
