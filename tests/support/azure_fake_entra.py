"""A fake Microsoft Entra ID: the tenant's JWKS, the client-credentials token endpoint,
and `mint` for the delegated v2 access tokens a user's sign-in would produce.

It signs with one RSA key (kid "fake-entra-key") for every tenant it knows, as Entra
signs for all tenants with the same keys. Time is real unless `mint` is told a `now`.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import time
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs

import attrs
import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from .azure_fakes import LoopbackServer, Request, Response, problem
from .fake_sign_in import CodeGrants

TOKEN_LIFETIME = timedelta(hours=1)


@functools.cache
def signing_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@attrs.frozen
class Client:
    """An app registration with a secret, and the Graph application permissions granted to it."""

    secret: str
    graph_roles: tuple[str, ...]


class FakeEntra(LoopbackServer):
    kid = "fake-entra-key"

    def __init__(self, tenant: str | None = None) -> None:
        super().__init__()
        self.tenant = tenant or str(uuid.uuid4())
        self.tenants = {self.tenant}
        self.signing_key = signing_key()
        self.clients: dict[str, Client] = {}
        self.issued: list[dict[str, Any]] = []  # the client-credentials tokens' claims
        self.key_fetches = 0
        self.codes = CodeGrants()  # codes of owners' sign-ins (Pawtrack's authorization server)

    def issuer(self, tenant: str | None = None) -> str:
        return f"{self.url}/{tenant or self.tenant}/v2.0"

    @property
    def jwks_url(self) -> str:
        return f"{self.url}/{self.tenant}/discovery/v2.0/keys"

    def add_client(self, graph_roles: Iterable[str] = ()) -> tuple[str, str]:
        """A confidential client: its id and secret."""
        client_id, secret = str(uuid.uuid4()), uuid.uuid4().hex
        self.clients[client_id] = Client(secret, tuple(graph_roles))
        return client_id, secret

    def mint(
        self,
        oid: str,
        *,
        client_id: str,
        audience: str,
        scp: str | None = "Pets.Read",
        roles: Iterable[str] = (),
        tenant: str | None = None,
        now: datetime | None = None,
    ) -> str:
        """A user's v2 access token for `audience`, got through the client `client_id`."""
        at = int((now or datetime.now(UTC)).timestamp())
        tid = tenant or self.tenant
        pairwise = hashlib.sha256(f"{oid}:{client_id}".encode()).hexdigest()[:43]
        claims: dict[str, Any] = {
            "aud": audience, "iss": self.issuer(tid), "iat": at, "nbf": at,
            "exp": at + int(TOKEN_LIFETIME.total_seconds()), "azp": client_id, "azpacr": "0",
            "oid": oid, "sub": pairwise, "tid": tid, "uti": uuid.uuid4().hex, "ver": "2.0",
            "preferred_username": f"{oid}@contoso.example", "name": oid,
        }  # fmt: skip
        if scp is not None:
            claims["scp"] = scp
        if roles:
            claims["roles"] = list(roles)
        return self.sign(claims)

    def sign(self, claims: dict[str, Any]) -> str:
        return jwt.encode(claims, self.signing_key, algorithm="RS256", headers={"kid": self.kid})

    def handle(self, request: Request) -> Response:
        tenant, _, rest = request.path.strip("/").partition("/")
        if tenant not in self.tenants:
            return problem(400, "invalid_tenant", f"AADSTS90002: Tenant '{tenant}' not found.")
        if request.method == "GET" and rest == "discovery/v2.0/keys":
            with self.lock:
                self.key_fetches += 1
            return Response(200, {"keys": [self._jwk()]})
        if request.method == "POST" and rest == "oauth2/v2.0/token":
            if b"grant_type=authorization_code" in request.body:
                return self.codes.exchange(request)  # an owner's sign-in
            return self._client_credentials(tenant, request)
        return problem(404, "NotFound", request.path)

    def _jwk(self) -> dict[str, str]:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.signing_key.public_key()))
        return {**jwk, "kid": self.kid, "use": "sig"}

    def _client_credentials(self, tenant: str, request: Request) -> Response:
        if request.headers.get("content-type", "").split(";")[0] != (
            "application/x-www-form-urlencoded"
        ):
            return _oauth_error(400, "invalid_request", "AADSTS900144: form body expected")
        form = {name: values[-1] for name, values in parse_qs(request.body.decode()).items()}
        if form.get("grant_type") != "client_credentials":
            return _oauth_error(400, "unsupported_grant_type", "client_credentials only")
        client = self.clients.get(form.get("client_id", ""))
        if client is None or not hmac.compare_digest(client.secret, form.get("client_secret", "")):
            return _oauth_error(401, "invalid_client", "AADSTS7000215: Invalid client secret.")
        scope = form.get("scope", "")
        if not scope.endswith("/.default") or " " in scope:
            return _oauth_error(400, "invalid_scope", "AADSTS1002012: one /.default scope")
        return Response(200, self._issue(tenant, form["client_id"], client, scope))

    def _issue(self, tenant: str, client_id: str, client: Client, scope: str) -> dict[str, Any]:
        now = int(time.time())
        lifetime = int(TOKEN_LIFETIME.total_seconds()) - 1
        claims = {
            "aud": scope.removesuffix("/.default"), "iss": self.issuer(tenant), "iat": now,
            "nbf": now, "exp": now + lifetime, "azp": client_id, "idtyp": "app",
            "oid": str(uuid.uuid5(uuid.NAMESPACE_OID, client_id)), "tid": tenant,
            "roles": list(client.graph_roles), "ver": "2.0",
        }  # fmt: skip
        with self.lock:
            self.issued.append(claims)
        token = self.sign(claims)
        return {"token_type": "Bearer", "expires_in": lifetime, "access_token": token}


def _oauth_error(status: int, error: str, description: str) -> Response:
    return Response(status, {"error": error, "error_description": description})
