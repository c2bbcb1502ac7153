"""API keys through each binding's HTTP entrypoint: an administrator issues a CMS key and an
ingest key, the CMS and the tracker platform use them, the administrator revokes them.

No store of the binding holds a key in plaintext (nor its secret part: the store keeps the
public prefix and a digest), nothing logged at DEBUG during the whole flow shows one, and a
revoked key is refused on the very next request, which then changes nothing.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta

import pytest

from domain.api_keys import prefix_of
from tests.support.drivers.api import Answer, ApiDriver, entry_sys
from tests.support.figures import Figures

from .access_stores import stored

CONTENTFUL = "application/vnd.contentful.management.v1+json"


def article(entry: str, title: str) -> bytes:
    fields = {"title": {"en-US": title}, "body": {"en-US": "."}, "tag": {"en-US": "great-job"}}
    return json.dumps({"sys": entry_sys(entry), "fields": fields}).encode()


def publish(api: ApiDriver, key: str, entry: str) -> Answer:
    headers = {
        "X-Api-Key": key,
        "X-Contentful-Topic": "ContentManagement.Entry.publish",
        "Content-Type": CONTENTFUL,
    }
    return api.send("POST", "/webhooks/contentful", headers, article(entry, f"About {entry}"), {})


def ingest(api: ApiDriver, key: str, serial: str, steps: int) -> Answer:
    time = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
    body = json.dumps({"tracker": serial, "readings": [{"time": time, "steps": steps}]}).encode()
    headers = {"X-Api-Key": key, "Content-Type": "application/json"}
    return api.send("POST", "/ingest/readings", headers, body, {})


def issue(api: ApiDriver, purpose: str) -> str:
    body = {"purpose": purpose, "name": f"{purpose} key"}
    return str(api.call("POST", "/api-keys", "ops", json_body=body)["key"])


def revoke(api: ApiDriver, key: str) -> None:
    api.call("DELETE", f"/api-keys/{prefix_of(key)}", "ops")


def steps_today(api: ApiDriver) -> int:
    return api.activity("alice", "Rex", datetime.now(UTC).date()).steps


def test_keys_are_kept_hashed_logged_nowhere_and_refused_once_revoked(
    api: ApiDriver, binding: str, figures: Figures, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    api.set_time(datetime.now(UTC))
    api.add_user("ops", admin=True)
    api.add_user("alice")
    api.register_pet("alice", "dog", "Rex", 30)
    api.pair_tracker("alice", "TRK-KEYS", "Rex")
    cms, tracker_platform = issue(api, "content"), issue(api, "ingest")
    each_key_serves_its_purpose_only(api, binding, figures, cms, tracker_platform)
    revoked_keys_are_refused_at_once(api, binding, figures, cms, tracker_platform)

    secrets = {key.split("_", 2)[2]: key for key in (cms, tracker_platform)}
    stores = stored(api)
    # The scan sees the keys' records: each key's public prefix is there.
    for key in secrets.values():
        assert any(key.split("_")[1].encode() in data for data in stores.values()), stores.keys()
    for name, data in stores.items():
        kept = [key for secret, key in secrets.items() if secret.encode() in data]
        figures.record("api-keys", binding, held=not kept)
        assert not kept, f"{name} holds an API key in plaintext"
    logged = [_text(r) for r in caplog.records if any(s in _text(r) for s in secrets)]
    figures.record("api-keys", binding, held=not logged)
    assert caplog.records, "nothing was captured: the log scan would see nothing"
    assert not logged, f"logged: {[text[:200] for text in logged]}"


def each_key_serves_its_purpose_only(
    api: ApiDriver, binding: str, figures: Figures, cms: str, tracker_platform: str
) -> None:
    assert publish(api, cms, "before").status < 300
    assert ingest(api, tracker_platform, "TRK-KEYS", 100).status == 200
    crossed = (publish(api, tracker_platform, "crossed").status, ingest(api, cms, "TRK-KEYS", 1))
    held = crossed[0] == 401 and crossed[1].status == 401
    held = held and api.article_title("crossed") is None and steps_today(api) == 100
    figures.record("api-keys", binding, held=held, cases=2)
    assert held, f"a key served another purpose: {crossed}"


def revoked_keys_are_refused_at_once(
    api: ApiDriver, binding: str, figures: Figures, cms: str, tracker_platform: str
) -> None:
    """Refused on the very next request, which changes nothing."""
    revoke(api, cms)
    refused = publish(api, cms, "after").status
    held = refused == 401 and api.article_title("after") is None
    figures.record("api-keys", binding, held=held)
    assert held, f"a revoked CMS key answered {refused}"
    revoke(api, tracker_platform)
    refused = ingest(api, tracker_platform, "TRK-KEYS", 5000).status
    held = refused == 401 and steps_today(api) == 100
    figures.record("api-keys", binding, held=held)
    assert held, f"a revoked ingest key answered {refused}"


def _text(record: logging.LogRecord) -> str:
    """All a log handler could write of the record: message, arguments, exception, stack."""
    parts = [record.getMessage(), repr(record.args), record.exc_text or "", record.stack_info or ""]
    if record.exc_info and record.exc_info[1] is not None:
        parts.append(repr(record.exc_info[1]))
    return "\n".join(parts)
