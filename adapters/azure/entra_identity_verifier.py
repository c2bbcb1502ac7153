"""Verifies Microsoft Entra ID v2 access tokens issued for the Pawtrack API.

The checks of the other verifiers, in Entra's words: RS256 only; key-location
headers (`jku`, `x5u`, `jwk`, `x5c`, `crit`) refused and never fetched; keys from
the JWKS (adapters.jwt_checks.SigningKeys); `ver` "2.0"; `aud` exactly the API's client id;
the issuer exactly `{authority}/{tid}/v2.0` with `tid` in the allowed tenants
(a multi-tenant API would otherwise trust every tenant in the world);
`exp`, `iat`, `nbf` against the clock with a small leeway, a day at most (adapters.jwt_checks);
`oid` and `sub` non-blank strings; `roles` a list of strings.

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
    fetched_jwks,
    strings,
    subject,
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
        self._keys = SigningKeys(fetched_jwks(jwks_url, fetch), clock)
        self._authority, self._audience = authority.rstrip("/"), audience
        self._tenants = frozenset(allowed_tenants)
        self._apps, self._clock, self._mobile = apps, clock, mobile_client_id

    def verify(self, token: str) -> Caller:
        try:
            claims = self._claims(token)
            user_id, is_admin = subject(claims, "oid"), ADMIN_ROLE in strings(claims, "roles")
        except (jwt.PyJWTError, ValueError, KeyError, TypeError) as error:
            raise Unauthenticated("the bearer token is not valid") from error
        app_id = app_of(claims["azp"], self._mobile, self._apps)
        return Caller(user_id=user_id, app_id=app_id, is_admin=is_admin)

    def _claims(self, token: str) -> dict[str, Any]:
        header = checked_header(token)
        claims = verified_claims(
            token,
            self._keys.key(header.get("kid")),
            require=REQUIRED,
            audience=self._audience,  # the issuer depends on `tid`: checked below, exactly
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
        if not isinstance(claims["scp"], str) or not claims["scp"].strip():
            raise ValueError("not a delegated token")
        subject(claims, "sub")  # pairwise per app: not the caller, but never blank
