"""The callers with API keys: the CMS's Contentful webhook and the tracker platform's ingest."""

from __future__ import annotations

from typing import Any

import pytest
from http_support import NOW, Api, api_key, problem, webhook

from entrypoints.wiring import Container
from tests.support.drivers.api import entry_sys

pytest_plugins = ["http_fixtures"]


@pytest.fixture
def cms_key(container: Container) -> str:
    return api_key(container, "content")


def _revoked(api: Api, ops: str, key: str) -> str:
    assert api.call("DELETE", f"/api-keys/{key.split('_')[1]}", ops).status == 204
    return key


BAD_KEYS = {
    "no key": lambda api, ops, key: None,
    "wrong key": lambda api, ops, key: key[:-4] + "AAAA",
    "malformed key": lambda api, ops, key: "letmein",
    "ingest key": lambda api, ops, key: api_key(api.container, "ingest"),
    "revoked key": _revoked,
}


@pytest.mark.parametrize("make", BAD_KEYS.values(), ids=BAD_KEYS.keys())
def test_the_webhook_without_a_valid_key_is_401_and_stores_nothing(
    api: Api, ops: str, cms_key: str, make: Any
) -> None:
    refused = webhook(api, make(api, ops, cms_key))
    problem(refused, 401)
    problem(api.call("GET", "/articles/walk-more"), 404)


def test_a_published_entry_is_public_and_a_withdrawn_one_gone(api: Api, cms_key: str) -> None:
    assert webhook(api, cms_key).status == 200
    article = api.ok("GET", "/articles/walk-more")
    assert article == {
        "id": "walk-more",
        "title": "Walk more",
        "body": "Longer walks.",
        "tag": "more-exercise",
        "locale": "en-US",
    }
    unpublished = {"sys": entry_sys("walk-more", "DeletedEntry")}
    assert webhook(api, cms_key, "ContentManagement.Entry.unpublish", unpublished).status == 204
    problem(api.call("GET", "/articles/walk-more"), 404)


def test_plain_json_and_deletion_work_too(api: Api, cms_key: str) -> None:
    assert webhook(api, cms_key, media="application/json").status == 200
    deleted = {"sys": entry_sys("walk-more", "DeletedEntry")}
    assert webhook(api, cms_key, "ContentManagement.Entry.delete", deleted).status == 204
    problem(api.call("GET", "/articles/walk-more"), 404)


def test_other_topics_are_acknowledged_and_ignored(api: Api, cms_key: str) -> None:
    assert webhook(api, cms_key, "ContentManagement.Entry.save").status == 204
    problem(api.call("GET", "/articles/walk-more"), 404)


def test_an_entry_without_a_title_names_it(api: Api, cms_key: str) -> None:
    untitled = {"sys": entry_sys("x"), "fields": {"tag": {"en-US": "great-job"}}}
    assert problem(webhook(api, cms_key, body=untitled), 422)["field"] == "title"
    assert problem(webhook(api, cms_key, body={"fields": {}}), 422)["field"] == "sys"
    problem(webhook(api, cms_key, media="text/plain"), 415)


@pytest.fixture
def ingest(container: Container) -> dict[str, str]:
    return {"X-Api-Key": api_key(container, "ingest")}


def test_ingest_judges_each_reading_on_its_own(
    api: Api, alice: str, rex: str, ingest: dict[str, str]
) -> None:
    api.ok("PUT", f"/pets/{rex}/tracker", alice, json_body={"serial": "TRK-1"})
    readings = [
        {"time": "2026-11-20T08:00:00Z", "steps": 1200, "latitude": 52.52, "longitude": 13.405},
        {"time": "2026-11-20T08:10:00Z", "steps": "many"},
        "not a reading",
        {"time": "2026-11-20T08:00:00Z", "steps": 1200, "latitude": 52.52, "longitude": 13.405},
    ]
    report = api.ok(
        "POST",
        "/ingest/readings",
        headers=ingest,
        json_body={"tracker": "TRK-1", "readings": readings},
    )
    assert (report["accepted"], report["duplicates"], report["quarantined"]) == (1, 1, 0)
    assert [(r["position"], r["field"]) for r in report["rejected"]] == [
        (2, "steps"),
        (3, "reading"),
    ]
    assert api.ok("GET", f"/pets/{rex}/activity/2026-11-20", alice)["steps"] == 1200


def test_ingest_from_an_unpaired_tracker_is_quarantined(
    api: Api, ops: str, ingest: dict[str, str]
) -> None:
    body = {"tracker": "TRK-404", "readings": [{"time": "2026-11-21T09:00:00Z", "steps": 300}]}
    assert api.ok("POST", "/ingest/readings", headers=ingest, json_body=body)["quarantined"] == 1
    kept = api.ok("GET", "/quarantine", ops, query={"tracker": "TRK-404"})["readings"]
    assert [(k["payload"], k["field"], k["received_at"]) for k in kept] == [
        (
            {"time": "2026-11-21T09:00:00Z", "steps": 300},
            None,
            NOW.isoformat().replace("+00:00", "Z"),
        )
    ]
    assert api.ok("GET", "/quarantine", ops, query={"tracker": "TRK-1"})["readings"] == []


def test_ingest_needs_an_ingest_key(api: Api, container: Container) -> None:
    body = {"tracker": "TRK-1", "readings": []}
    problem(api.call("POST", "/ingest/readings", json_body=body), 401)
    content = {"X-Api-Key": api_key(container, "content")}
    problem(api.call("POST", "/ingest/readings", json_body=body, headers=content), 401)


def test_ingest_names_a_bad_delivery(api: Api, ingest: dict[str, str]) -> None:
    bad = {"tracker": "TRK-1", "readings": {"time": "x"}}
    assert (
        problem(api.call("POST", "/ingest/readings", headers=ingest, json_body=bad), 422)["field"]
        == "readings"
    )
    bad = {"tracker": "no spaces allowed", "readings": []}
    assert (
        problem(api.call("POST", "/ingest/readings", headers=ingest, json_body=bad), 422)["field"]
        == "tracker"
    )
