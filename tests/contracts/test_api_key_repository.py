"""ApiKeyRepository: key records found by prefix, replaced on save, never a plaintext."""

from __future__ import annotations

import pytest

from application.ports.api_keys import ApiKeyRepository
from domain.api_keys import ApiKey, Purpose, prefix_of
from domain.errors import Conflict


def test_a_stored_key_is_found_by_its_prefix_and_still_matches(api_keys: ApiKeyRepository) -> None:
    plaintext, key = ApiKey.issue(Purpose.CONTENT, "Contentful")
    api_keys.add(key)
    stored = api_keys.get(prefix_of(plaintext) or "")
    assert stored == key
    assert stored is not None and stored.matches(plaintext, Purpose.CONTENT)


def test_an_unknown_prefix_is_none(api_keys: ApiKeyRepository) -> None:
    assert api_keys.get("0123456789ab") is None


def test_saving_a_revoked_key_replaces_the_record(api_keys: ApiKeyRepository) -> None:
    plaintext, key = ApiKey.issue(Purpose.INGEST, "Tracker platform")
    _, other = ApiKey.issue(Purpose.INGEST, "Other")
    api_keys.add(key)
    api_keys.add(other)
    api_keys.save(key.revoke())
    stored = api_keys.get(key.prefix)
    assert stored == key.revoke()
    assert stored is not None and not stored.matches(plaintext, Purpose.INGEST)
    assert api_keys.get(other.prefix) == other


def test_adding_a_taken_prefix_conflicts(api_keys: ApiKeyRepository) -> None:
    # Not in the port's docstring yet; the in-memory reference raises, so every adapter must.
    _, key = ApiKey.issue(Purpose.CONTENT, "First")
    api_keys.add(key)
    with pytest.raises(Conflict):
        api_keys.add(ApiKey(key.prefix, "0" * 64, Purpose.INGEST, "Second"))
    assert api_keys.get(key.prefix) == key


def test_every_key_is_listed_by_prefix_revoked_ones_too(api_keys: ApiKeyRepository) -> None:
    issued = [ApiKey.issue(purpose, name)[1] for purpose, name in _KEYS]
    for key in issued:
        api_keys.add(key)
    api_keys.save(issued[0].revoke())
    expected = sorted([issued[0].revoke(), *issued[1:]], key=lambda key: key.prefix)
    assert api_keys.all() == expected


_KEYS = [(Purpose.CONTENT, "cms"), (Purpose.INGEST, "platform"), (Purpose.INGEST, "other")]
