"""A fake of Key Vault's secrets REST API (api-version 7.4): PUT, GET and DELETE of
`/secrets/{name}`, each with a bearer token the fake Entra issued for `https://vault.azure.net`
(signature, issuer, audience, expiry) to a client the vault's access lets in (RBAC), a name of
letters, digits and dashes; `SecretNotFound` (404) for a name it does not hold."""

from __future__ import annotations

import re

import jwt

from tests.support.azure_fake_entra import FakeEntra
from tests.support.azure_fakes import LoopbackServer, Request, Response, problem

AUDIENCE = "https://vault.azure.net"
NAME = re.compile(r"/secrets/([A-Za-z0-9-]{1,127})")


class FakeKeyVault(LoopbackServer):
    def __init__(self, entra: FakeEntra, allowed_client: str) -> None:
        super().__init__()
        self.entra, self.allowed_client = entra, allowed_client
        self.secrets: dict[str, str] = {}

    def handle(self, request: Request) -> Response:
        found = NAME.fullmatch(request.path)
        if found is None or request.query.get("api-version") != "7.4":
            return problem(400, "BadParameter", f"{request.method} {request.target}")
        refusal = self._refusal(request)
        if refusal is not None:
            return refusal
        name = found.group(1)
        with self.lock:
            if request.method == "PUT":
                self.secrets[name] = str(request.json()["value"])
                return Response(200, {"id": f"{self.url}/secrets/{name}/1"})
            if name not in self.secrets:
                return problem(
                    404, "SecretNotFound", f"A secret with (name/id) {name} was not found"
                )
            if request.method == "GET":
                return Response(
                    200, {"value": self.secrets[name], "id": f"{self.url}/secrets/{name}/1"}
                )
            if request.method == "DELETE":
                del self.secrets[name]
                return Response(200, {"recoveryId": f"{self.url}/deletedsecrets/{name}"})
        return problem(405, "MethodNotAllowed", request.method)

    def _refusal(self, request: Request) -> Response | None:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        try:
            claims = jwt.decode(
                token, self.entra.signing_key.public_key(), algorithms=["RS256"],
                audience=AUDIENCE, issuer=self.entra.issuer(),
                options={"require": ["exp", "iat", "aud", "iss", "azp"]},
            )  # fmt: skip
        except jwt.PyJWTError as error:
            return problem(401, "Unauthorized", str(error))
        if scheme != "Bearer" or claims["azp"] != self.allowed_client:
            return problem(403, "Forbidden", "the caller has no access to this vault's secrets")
        return None
