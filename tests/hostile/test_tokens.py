"""The forged-token matrix of the identity contract, sent through each binding's own entrypoints.

tests/contracts/test_identity_verifier.py shows every IdentityVerifier refuses these tokens;
here each one travels as `Authorization: Bearer <forged>` through the binding's HTTP
entrypoint (the local server over HTTP, the Lambda handler, the Azure Function) to a route that
changes something (POST /pets) and one that reads (GET /pets/{pet_id}), and to the binding's
live connection. Every one must answer 401 problem+json and change nothing. The tokens are
signed with the key the binding trusts (tests/hostile/access_minters.py), and the same minter's
unforged token is accepted first, so a refusal is for the forgery alone.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import jwt
import pytest

from tests.contracts.harnesses.identity import TokenMinter, rsa_key
from tests.contracts.test_identity_verifier import ATTACKER_JWKS, FORGED, KEY_LOCATIONS, rs256
from tests.support.drivers.api import Answer, ApiDriver
from tests.support.figures import Figures

from .access_live import HTTP_REFUSED, LiveClient
from .access_minters import binding_minter, genuine_id_tokens

VICTIM = "owner-1"  # whom FORGED's tokens claim to be
ATTACKER_HOST = urlsplit(ATTACKER_JWKS).hostname or ""
PET = {"name": "Rex", "species": "dog", "weight_kg": 30}


def forged_tokens(minter: TokenMinter) -> dict[str, str]:
    """FORGED, and each key-location header on a token signed by the trusted key and by the
    attacker's (as the contract's key-location test sends them)."""
    tokens = {name: forge(minter) for name, forge in FORGED.items()}
    claims = minter.claims(VICTIM)
    for name, location in KEY_LOCATIONS.items():
        header = {"kid": minter.kid, **location(minter)}
        tokens[f"{name}-trusted-signature"] = rs256(minter, claims, **header)
        tokens[f"{name}-attackers-signature"] = jwt.encode(
            claims, rsa_key("attacker"), "RS256", header
        )
    return tokens


def named_users(tokens: dict[str, str]) -> set[str]:
    """Every user a token claims to be (`sub`, Entra's `oid`): whom a forgery would act as."""
    users = {VICTIM}
    for token in tokens.values():
        try:
            claims = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            continue
        named = (v for k, v in claims.items() if k in ("sub", "oid") and isinstance(v, str))
        users |= {v for v in named if v.strip()}  # a blank name is nobody's: no token has it
    return users


@pytest.fixture
def attacker_lookups(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Name lookups of the attacker's host (where jku/x5u point): a fetch starts with one.

    Only that host is refused; the binding's own traffic (moto, Azurite, fakes) goes on.
    """
    lookups: list[str] = []
    real = socket.getaddrinfo

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name == ATTACKER_HOST or name.endswith("." + ATTACKER_HOST):
            lookups.append(name)
            raise OSError(f"the binding tried to reach {name}")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield lookups


def bearer(api: ApiDriver, method: str, path: str, token: str, body: object = None) -> Answer:
    # A field value ends at its last visible character (RFC 9110 5.5): an empty token is "Bearer".
    headers = {"Authorization": f"Bearer {token}".rstrip()}
    content = b""
    if body is not None:
        headers["Content-Type"], content = "application/json", json.dumps(body).encode()
    return api.send(method, path, headers, content, {})


def pets_of(api: ApiDriver, minter: TokenMinter, users: set[str]) -> dict[str, object]:
    answers = {user: bearer(api, "GET", "/pets", minter.owner(user)) for user in sorted(users)}
    assert all(a.status == 200 for a in answers.values()), answers
    return {user: json.loads(answer.body) for user, answer in answers.items()}


def unauthorized(answer: Answer) -> bool:
    return answer.status == 401 and answer.headers.get("content-type", "").startswith(
        "application/problem+json"
    )


def test_forged_tokens_are_401_on_every_bindings_http_entrypoint_and_change_nothing(
    api: ApiDriver, binding: str, figures: Figures, attacker_lookups: list[str]
) -> None:
    minter = binding_minter(api)
    # The minter's own tokens pass, so each refusal below is for the forgery alone.
    made = bearer(api, "POST", "/pets", minter.owner(VICTIM), PET)
    assert made.status == 201, made
    pet_id = json.loads(made.body)["id"]
    resigned = rs256(minter, minter.claims(VICTIM))
    assert bearer(api, "GET", f"/pets/{pet_id}", resigned).status == 200

    tokens = forged_tokens(minter) | genuine_id_tokens(api)
    users = named_users(tokens)
    before = pets_of(api, minter, users)
    accepted = []
    for name, token in tokens.items():
        for method, path, body in (("POST", "/pets", PET), ("GET", f"/pets/{pet_id}", None)):
            held = unauthorized(bearer(api, method, path, token, body))
            figures.record("token-attacks", binding, held=held)
            if not held:
                accepted.append(f"{name} on {method} {path}")
    unchanged = pets_of(api, minter, users) == before
    figures.record("token-attacks", binding, held=unchanged and not attacker_lookups)
    assert accepted == []
    assert unchanged, "a refused token changed somebody's pets"
    assert attacker_lookups == [], "the binding went to fetch a key from the token's header"


def test_forged_tokens_cannot_open_a_live_connection(
    api: ApiDriver, binding: str, figures: Figures, attacker_lookups: list[str]
) -> None:
    minter, live = binding_minter(api), LiveClient(api)
    assert live.open(minter.owner(VICTIM)) is not None, "the minter's own token is refused"
    tokens, opened = forged_tokens(minter) | genuine_id_tokens(api), []
    for name, token in tokens.items():
        refusals = len(live.refusals)
        held = live.open(token) is None and live.refusals[refusals:] in ([401], [HTTP_REFUSED])
        figures.record("token-attacks", binding, held=held)
        if not held:
            opened.append(f"{name}: {live.refusals[refusals:]}")
    kept = {user: live.registered(user) for user in named_users(tokens)}
    expected = {user: None if binding == "azure" else int(user == VICTIM) for user in kept}
    assert opened == []
    assert kept == expected, "a refused connection was kept"
    assert attacker_lookups == []
