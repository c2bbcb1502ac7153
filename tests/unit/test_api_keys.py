"""API keys: found by a public prefix, matched in constant time, stored only as a digest."""

from __future__ import annotations

import hashlib
import hmac

import attrs
import pytest

from domain.api_keys import ApiKey, Purpose, prefix_of
from domain.errors import InvalidInput


@pytest.fixture
def issued() -> tuple[str, ApiKey]:
    return ApiKey.issue(Purpose.CONTENT, "cms")


def test_the_plaintext_carries_the_public_prefix(issued: tuple[str, ApiKey]) -> None:
    plaintext, key = issued
    assert plaintext.startswith(f"pk_{key.prefix}_")
    assert len(key.prefix) == 12
    assert prefix_of(plaintext) == key.prefix
    assert (key.purpose, key.name, key.revoked) == (Purpose.CONTENT, "cms", False)


def test_each_key_is_new() -> None:
    (first, a), (second, b) = ApiKey.issue(Purpose.CONTENT, "a"), ApiKey.issue(Purpose.CONTENT, "a")
    assert first != second
    assert a.prefix != b.prefix


def test_the_record_keeps_a_digest_and_never_the_plaintext(issued: tuple[str, ApiKey]) -> None:
    plaintext, key = issued
    assert key.digest == hashlib.sha256(plaintext.encode()).hexdigest()
    secret = plaintext.split("_", 2)[2]
    for field in attrs.fields(ApiKey):
        value = str(getattr(key, field.name))
        assert plaintext not in value
        assert secret not in value


def test_the_key_matches_for_its_purpose(issued: tuple[str, ApiKey]) -> None:
    plaintext, key = issued
    assert key.matches(plaintext, Purpose.CONTENT) is True


def test_another_purpose_never_matches(issued: tuple[str, ApiKey]) -> None:
    plaintext, key = issued
    assert key.matches(plaintext, Purpose.INGEST) is False


def test_a_revoked_key_never_matches(issued: tuple[str, ApiKey]) -> None:
    plaintext, key = issued
    revoked = key.revoke()
    assert revoked.revoked is True
    assert revoked.matches(plaintext, Purpose.CONTENT) is False
    assert (revoked.prefix, revoked.digest) == (key.prefix, key.digest)


def test_a_key_with_the_same_prefix_and_another_secret_does_not_match(
    issued: tuple[str, ApiKey],
) -> None:
    plaintext, key = issued
    tampered = plaintext[:-1] + ("A" if plaintext[-1] != "A" else "B")
    assert prefix_of(tampered) == key.prefix
    assert key.matches(tampered, Purpose.CONTENT) is False
    assert key.matches("", Purpose.CONTENT) is False


def test_the_match_compares_digests_in_constant_time(
    issued: tuple[str, ApiKey], monkeypatch: pytest.MonkeyPatch
) -> None:
    plaintext, key = issued
    compared: list[tuple[str, str]] = []
    original = hmac.compare_digest

    def compare_digest(a: str, b: str) -> bool:
        compared.append((a, b))
        return original(a, b)

    monkeypatch.setattr("domain.api_keys.hmac.compare_digest", compare_digest)
    assert key.matches(plaintext, Purpose.CONTENT) is True
    assert compared == [(key.digest, key.digest)]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "pk_",
        "pk_abc_secret",
        "xx_0123456789ab_secret",
        "pk_0123456789ab",
        "pk0123456789absecret",
    ],
)
def test_malformed_keys_have_no_prefix(text: str) -> None:
    assert prefix_of(text) is None


def test_a_well_formed_key_with_underscores_in_its_secret() -> None:
    assert prefix_of("pk_0123456789ab_se_cr_et") == "0123456789ab"


def test_purposes_are_content_and_ingest() -> None:
    assert Purpose.parse("content") is Purpose.CONTENT
    assert Purpose.parse("ingest") is Purpose.INGEST
    with pytest.raises(InvalidInput) as error:
        Purpose.parse("admin")
    assert error.value.field == "purpose"
