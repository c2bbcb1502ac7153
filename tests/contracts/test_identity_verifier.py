"""IdentityVerifier: a valid access token is its caller; any other token is Unauthenticated.

Each forged token differs from a valid one (`tokens.claims`, signed with the trusted
key under the trusted key id) in one respect, so a refusal is for that respect alone:
`test_the_providers_own_claims_signed_with_its_key_are_accepted` shows the unchanged
token passes. Tokens come from the provider's minter (see TokenMinter in harnesses.py).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import socket
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

from application.ports.identity import IdentityVerifier
from domain.access import Caller
from domain.errors import Unauthenticated
from tests.support.figures import Figures

from .harnesses.identity import TokenMinter, rsa_key

ATTACKER_JWKS = "https://attacker.invalid/.well-known/jwks.json"
# The figures' column of each verifier (tests/RELIABILITY.md).
PROVIDER = {"jwt": "local", "aws": "cognito", "azure": "entra"}


def refused(verifier: IdentityVerifier, token: str) -> bool:
    try:
        verifier.verify(token)
    except Unauthenticated:
        return True
    return False


def provider(request: pytest.FixtureRequest) -> str:
    return PROVIDER[request.node.callspec.params["identity"]]


def segment(data: Mapping[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def rs256(tokens: TokenMinter, claims: Mapping[str, Any], **header: Any) -> str:
    """The claims signed with the trusted key; `header` adds to or replaces {alg, kid}."""
    return jwt.encode(
        dict(claims), tokens.signing_key, algorithm="RS256", headers={"kid": tokens.kid, **header}
    )


def by_hand(
    tokens: TokenMinter,
    header: Mapping[str, Any],
    claims: Mapping[str, Any],
    hmac_secret: bytes | None = None,
) -> str:
    """A token PyJWT refuses to write: signed with the trusted key, or HS256 with `hmac_secret`."""
    signed = f"{segment(header)}.{segment(claims)}".encode()
    if hmac_secret is None:
        signature = tokens.signing_key.sign(signed, padding.PKCS1v15(), hashes.SHA256())
    else:
        signature = hmac.new(hmac_secret, signed, hashlib.sha256).digest()
    return f"{signed.decode()}.{b64(signature)}"


def attacker_jwk(kid: str) -> dict[str, str]:
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(rsa_key("attacker").public_key()))
    return {**jwk, "kid": kid, "alg": "RS256", "use": "sig"}


def test_an_owners_token_is_the_owner(verifier: IdentityVerifier, tokens: TokenMinter) -> None:
    assert verifier.verify(tokens.owner("owner-1")) == Caller("owner-1", None, False)


def test_an_admins_token_is_an_administrator(
    verifier: IdentityVerifier, tokens: TokenMinter
) -> None:
    assert verifier.verify(tokens.admin("admin-1")) == Caller("admin-1", None, True)


def test_an_apps_token_is_the_app_acting_for_its_owner(
    verifier: IdentityVerifier, tokens: TokenMinter
) -> None:
    assert verifier.verify(tokens.app("owner-1", "app-1")) == Caller("owner-1", "app-1", False)


def test_the_providers_own_claims_signed_with_its_key_are_accepted(
    verifier: IdentityVerifier, tokens: TokenMinter
) -> None:
    assert verifier.verify(rs256(tokens, tokens.claims("owner-1"))) == Caller("owner-1")


def test_a_token_is_refused_once_its_lifetime_is_over(
    verifier: IdentityVerifier, tokens: TokenMinter
) -> None:
    token = tokens.owner("owner-1")
    tokens.clock.advance(timedelta(days=2))
    with pytest.raises(Unauthenticated):
        verifier.verify(token)


def _claims(tokens: TokenMinter, **changes: Any) -> dict[str, Any]:
    """A valid owner's claims with some replaced (a value of None removes the claim)."""
    claims = {**tokens.claims("owner-1"), **changes}
    return {name: value for name, value in claims.items() if value is not None}


def _at(tokens: TokenMinter, minutes: int) -> int:
    return int((tokens.clock.now() + timedelta(minutes=minutes)).timestamp())


def _unsigned(alg: str) -> Callable[[TokenMinter], str]:
    return lambda t: f"{segment({'alg': alg, 'kid': t.kid})}.{segment(t.claims('owner-1'))}."


def _hmac_with_public_key(pem: Callable[[TokenMinter], bytes]) -> Callable[[TokenMinter], str]:
    """The classic algorithm confusion: HS256 keyed with the public key a verifier already holds."""

    return lambda t: by_hand(t, {"alg": "HS256", "kid": t.kid}, t.claims("owner-1"), pem(t))


def _pkcs1_pem(t: TokenMinter) -> bytes:
    return t.signing_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.PKCS1
    )


def _tampered(t: TokenMinter) -> str:
    header, _, signature = t.owner("owner-1").split(".")
    return f"{header}.{segment(_claims(t, sub='owner-2'))}.{signature}"


def _raised_to_admin(t: TokenMinter) -> str:
    """The payload of an admin's token under the signature of an owner's."""
    header, _, signature = t.owner("admin-1").split(".")
    return f"{header}.{t.admin('admin-1').split('.')[1]}.{signature}"


def _signed_by_another_key(t: TokenMinter) -> str:
    return jwt.encode(
        t.claims("owner-1"), rsa_key("attacker"), algorithm="RS256", headers={"kid": t.kid}
    )


ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _signature_changed(change: Callable[[str], str]) -> Callable[[TokenMinter], str]:
    """A valid token whose signature segment is written another way that decodes to the same bytes."""

    def forge(t: TokenMinter) -> str:
        signed, _, signature = t.owner("owner-1").rpartition(".")
        return f"{signed}.{change(signature)}"

    return forge


def _unused_bits_set(segment: str) -> str:
    """The last character with a bit set that base64 decoding drops (a 256-byte signature
    leaves 4 such bits): the same bytes, a different, non-canonical text."""
    assert len(segment) % 4 in (2, 3), "the segment must end in a partial quantum"
    return segment[:-1] + ALPHABET[ALPHABET.index(segment[-1]) ^ 1]


def _caller_claims(t: TokenMinter, **changes: Any) -> str:
    """A valid owner's claims with the provider's claim named by `changes`' key replaced:
    `subject`, `client` or `admin` (see TokenMinter's claim names)."""
    names = {"subject": t.subject_claim, "client": t.client_claim, "admin": t.admin_claim}
    claims = {**t.claims("owner-1"), **{names[k]: v for k, v in changes.items()}}
    return by_hand(t, {"alg": "RS256", "kid": t.kid}, claims)


FORGED: dict[str, Callable[[TokenMinter], str]] = {
    "garbage": lambda t: "garbage",
    "empty": lambda t: "",
    "three-dots-of-nothing": lambda t: "..",
    "not-base64": lambda t: "a!.b!.c!",
    "with-bearer-prefix": lambda t: f"Bearer {t.owner('owner-1')}",
    "an-extra-segment": lambda t: f"{t.owner('owner-1')}.{b64(b'more')}",
    "no-signature": lambda t: t.owner("owner-1").rsplit(".", 1)[0] + ".",
    "alg-none": _unsigned("none"),
    "alg-None": _unsigned("None"),
    "alg-NONE": _unsigned("NONE"),
    "alg-none-keeping-the-signature": lambda t: (
        f"{segment({'alg': 'none', 'kid': t.kid})}.{t.owner('owner-1').split('.', 1)[1]}"
    ),
    "hs256-keyed-with-the-public-pem": _hmac_with_public_key(lambda t: t.public_pem),
    "hs256-keyed-with-the-pkcs1-pem": _hmac_with_public_key(_pkcs1_pem),
    "missing-exp": lambda t: rs256(t, _claims(t, exp=None)),
    "expired": lambda t: rs256(t, _claims(t, iat=_at(t, -70), nbf=_at(t, -70), exp=_at(t, -10))),
    "nbf-in-the-future": lambda t: rs256(t, _claims(t, nbf=_at(t, 10))),
    "other-issuer": lambda t: rs256(t, _claims(t, iss="https://issuer.invalid")),
    "issuer-prefix": lambda t: rs256(t, _claims(t, iss=t.issuer[:-1])),
    "issuer-plus-slash": lambda t: rs256(t, _claims(t, iss=t.issuer + "/")),
    "issuer-plus-host": lambda t: rs256(t, _claims(t, iss=t.issuer + ".attacker.invalid")),
    "issuer-in-a-list": lambda t: by_hand(
        t, {"alg": "RS256", "kid": t.kid}, _claims(t, iss=[t.issuer])
    ),
    "missing-issuer": lambda t: rs256(t, _claims(t, iss=None)),
    "other-audience": lambda t: rs256(t, t.retarget(t.claims("owner-1"), "another-api")),
    "audience-prefix": lambda t: rs256(t, t.retarget(t.claims("owner-1"), t.audience[:-1])),
    "audience-plus-suffix": lambda t: rs256(t, t.retarget(t.claims("owner-1"), t.audience + "x")),
    "missing-audience": lambda t: rs256(t, t.retarget(t.claims("owner-1"), None)),
    "id-token": lambda t: rs256(t, t.as_id_token(t.claims("owner-1"))),
    "missing-subject": lambda t: rs256(t, _claims(t, sub=None)),
    "unknown-kid": lambda t: rs256(t, t.claims("owner-1"), kid="no-such-key"),
    "missing-kid": lambda t: by_hand(t, {"alg": "RS256", "typ": "JWT"}, t.claims("owner-1")),
    "tampered-payload": _tampered,
    "payload-of-another-token": _raised_to_admin,
    "signed-by-another-key-with-the-same-kid": _signed_by_another_key,
    # Claims of the documented names but not of the documented type or range.
    "admin-list-as-a-string-containing-it": lambda t: _caller_claims(
        t, admin=f"not-{t.admin_value}"
    ),
    "admin-list-holding-a-non-string": lambda t: _caller_claims(t, admin=[[t.admin_value]]),
    "iat-in-the-future-beside-a-valid-nbf": lambda t: rs256(
        t, _claims(t, iat=_at(t, 10), nbf=_at(t, -1))
    ),
    "iat-as-a-string": lambda t: rs256(t, _claims(t, iat=str(_at(t, -1)))),
    "exp-as-a-boolean": lambda t: rs256(t, _claims(t, exp=True)),
    "exp-beyond-the-longest-lifetime": lambda t: rs256(
        t, _claims(t, iat=_at(t, -1), exp=_at(t, 60 * 24 * 30))
    ),
    "exp-before-iat": lambda t: rs256(t, _claims(t, iat=_at(t, 0), exp=_at(t, 0) - 1)),
    "empty-subject": lambda t: _caller_claims(t, subject=""),
    "subject-of-blanks": lambda t: _caller_claims(t, subject="   "),
    "subject-not-a-string": lambda t: _caller_claims(t, subject=12345),
    "audience-in-a-list": lambda t: by_hand(
        t, {"alg": "RS256", "kid": t.kid}, t.retarget(t.claims("owner-1"), [t.audience])
    ),
    # A client the provider never issued tokens to, or no client at all.
    "client-never-registered": lambda t: _caller_claims(t, client="never-registered"),
    "client-empty": lambda t: _caller_claims(t, client=""),
    # One token, written another way: base64url without padding, in its canonical form only.
    "signature-padded": _signature_changed(lambda s: s + "=" * (-len(s) % 4 or 4)),
    "signature-with-non-canonical-bits": _signature_changed(_unused_bits_set),
    "signature-with-a-stray-character": _signature_changed(lambda s: s[:100] + "!" + s[100:]),
    "signature-in-standard-base64": _signature_changed(
        lambda s: s.replace("-", "+").replace("_", "/")
    ),
}


# The cases of the figures' own rows (tests/RELIABILITY.md): the signature's checks, which
# PyJWT on cryptography makes; the claims' types and ranges; the clients an app may be.
SIGNATURE_CASES = {
    "no-signature", "alg-none-keeping-the-signature", "tampered-payload", "payload-of-another-token",
    "signed-by-another-key-with-the-same-kid", "signature-padded",
    "signature-with-non-canonical-bits", "signature-with-a-stray-character",
    "signature-in-standard-base64",
}  # fmt: skip
CLAIM_CASES = {
    "admin-list-as-a-string-containing-it", "admin-list-holding-a-non-string",
    "iat-in-the-future-beside-a-valid-nbf", "iat-as-a-string", "exp-as-a-boolean",
    "exp-beyond-the-longest-lifetime", "exp-before-iat", "empty-subject", "subject-of-blanks",
    "subject-not-a-string", "audience-in-a-list",
}  # fmt: skip
CLIENT_CASES = {"client-never-registered", "client-empty"}
ROWS_OF_CASES = {
    "signatures": SIGNATURE_CASES,
    "claim-checks": CLAIM_CASES,
    "app-scope": CLIENT_CASES,
}


@pytest.mark.parametrize("forge", FORGED.values(), ids=FORGED.keys())
def test_a_forged_or_invalid_token_is_unauthenticated(
    verifier: IdentityVerifier,
    tokens: TokenMinter,
    forge: Callable[[TokenMinter], str],
    figures: Figures,
    request: pytest.FixtureRequest,
) -> None:
    held = refused(verifier, forge(tokens))
    figures.record("token-attacks", provider(request), held=held)
    case = request.node.callspec.id.split("-", 1)[1]
    for row in (row for row, cases in ROWS_OF_CASES.items() if case in cases):
        figures.record(row, provider(request), held=held)
    assert held


@pytest.fixture
def fetches(monkeypatch: pytest.MonkeyPatch, tokens: TokenMinter) -> Iterator[list[str]]:
    """Every place the code under test tried to reach, other than the provider's own keys.

    Each attempt also fails, so a verifier that swallows the error is still caught here.
    """
    attempts: list[str] = []

    def refuse(where: str) -> None:
        if where not in tokens.key_locations:
            attempts.append(where)
            raise AssertionError(f"the verifier tried to reach {where}")

    def urlopen(url: Any, *args: Any, **kwargs: Any) -> Any:
        refuse(urlsplit(url if isinstance(url, str) else url.full_url).netloc)

    def create_connection(address: tuple[str, int], *args: Any, **kwargs: Any) -> Any:
        refuse(f"{address[0]}:{address[1]}")

    def getaddrinfo(host: str, port: object, *args: Any, **kwargs: Any) -> Any:
        refuse(f"{host}:{port}")

    def connect(self: socket.socket, address: Any) -> None:
        refuse(str(address))

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    yield attempts


KEY_LOCATIONS: dict[str, Callable[[TokenMinter], dict[str, Any]]] = {
    "jku": lambda t: {"jku": ATTACKER_JWKS},
    "x5u": lambda t: {"x5u": "https://attacker.invalid/signing.pem"},
    "jwk": lambda t: {"jwk": attacker_jwk(t.kid)},
}


@pytest.mark.parametrize("location", KEY_LOCATIONS.values(), ids=KEY_LOCATIONS.keys())
def test_a_key_location_in_the_header_is_refused_and_never_fetched(
    verifier: IdentityVerifier,
    tokens: TokenMinter,
    fetches: list[str],
    location: Callable[[TokenMinter], dict[str, Any]],
    figures: Figures,
    request: pytest.FixtureRequest,
) -> None:
    claims, header = tokens.claims("owner-1"), location(tokens)
    by_the_attacker = jwt.encode(
        claims, rsa_key("attacker"), "RS256", {"kid": tokens.kid, **header}
    )
    for token in (rs256(tokens, claims, **header), by_the_attacker):
        held = refused(verifier, token) and fetches == []
        figures.record("token-attacks", provider(request), held=held)
        assert held


def test_a_valid_token_needs_no_fetch_of_the_attackers(
    verifier: IdentityVerifier, tokens: TokenMinter, fetches: list[str]
) -> None:
    """The guard above is not what refuses: with it installed, a good token still passes."""
    assert verifier.verify(tokens.owner("owner-1")) == Caller("owner-1")
    assert fetches == []
