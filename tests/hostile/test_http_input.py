"""Hostile input through each binding's own HTTP entrypoint (local server, Lambda behind API
Gateway, Azure Functions): every route that reads a body answers a body over the limit with
413, a body not sent as JSON with 415, and each class of malformed JSON with 400, always as a
problem+json whose detail names the problem, never with a 5xx.

Each case is one request; all are sent through one driver per binding (a driver per case
would provision the cloud testbed hundreds of times), each recorded before the verdict."""

from __future__ import annotations

import json
from typing import Any

from application.use_cases.issue_api_key import IssueApiKeyCommand
from tests.hostile.http_malformed import (
    BODY_ROUTES,
    CONTENTFUL,
    JSON,
    MALFORMED,
    NOT_JSON_TYPES,
    OVERSIZED,
    send_raw,
)
from tests.support.drivers.api import Answer, ApiDriver
from tests.support.drivers.operator import OPERATOR
from tests.support.figures import Figures

ROW = "malformed-inputs"


class Sender:
    """An owner with a pet and the machines' API keys, so that every route reaches its body."""

    def __init__(self, api: ApiDriver) -> None:
        self.api = api
        api.add_user("alice")
        api.register_pet("alice", "dog", "Rex", 20)
        container: Any = api.c  # type: ignore[attr-defined]
        issue = container.issue_api_key()
        self.keys = {
            purpose: issue(IssueApiKeyCommand(OPERATOR, purpose, f"{purpose} key")).plaintext
            for purpose in ("ingest", "content")
        }
        self.bearer = f"Bearer {api.token('alice')}"

    def send(
        self, route: tuple[str, str, str | None], body: bytes, content_type: str | None
    ) -> Answer:
        method, template, key = route
        headers = {"X-Api-Key": self.keys[key]} if key else {"Authorization": self.bearer}
        if key == "content":
            headers["X-Contentful-Topic"] = "ContentManagement.Entry.publish"
        if content_type is not None:
            headers["Content-Type"] = content_type
        path = template.replace("{pet}", self.api.pet("Rex")).replace("{app}", "some-app")
        return send_raw(self.api, method, path, headers, body)


def refusal_fault(answer: Answer, status: int, says: str) -> str | None:
    """What is wrong with the answer, or None when it is the problem expected."""
    if answer.status != status:
        return f"answered {answer.status}: {answer.body[:200]!r}"
    if answer.headers.get("content-type", "").split(";")[0] != "application/problem+json":
        return f"answered {answer.headers.get('content-type')}"
    problem = json.loads(answer.body)
    if problem.get("status") != status or not problem.get("title") or not problem.get("type"):
        return f"is no problem of status {status}: {problem}"
    if says not in problem.get("detail", ""):
        return f"detail {problem.get('detail')!r} does not name {says!r}"
    return None


def check(
    figures: Figures, binding: str, faults: list[str], case: str, answer: Answer, *expected: Any
) -> None:
    fault = refusal_fault(answer, *expected)
    figures.record(ROW, binding, held=fault is None)
    if fault is not None:
        faults.append(f"{case} {fault}")


def test_malformed_json_is_a_400_naming_the_problem(
    api: ApiDriver, binding: str, figures: Figures
) -> None:
    sender, faults = Sender(api), []
    for route in BODY_ROUTES:
        media = CONTENTFUL if route[2] == "content" else "application/json"
        for name, (body, says) in MALFORMED.items():
            answer = sender.send(route, body, media)
            check(figures, binding, faults, f"{route[:2]} {name}", answer, 400, says)
    assert not faults, "\n".join(faults)


def test_a_body_over_the_limit_is_a_413(api: ApiDriver, binding: str, figures: Figures) -> None:
    sender, faults = Sender(api), []
    for route in BODY_ROUTES:
        answer = sender.send(route, OVERSIZED, "application/json")
        check(figures, binding, faults, f"{route[:2]}", answer, 413, "at most")
    unauthenticated = send_raw(api, "POST", "/pets", JSON, OVERSIZED)
    check(figures, binding, faults, "without a token", unauthenticated, 413, "at most")
    assert not faults, "\n".join(faults)


def test_a_body_not_sent_as_json_is_a_415(api: ApiDriver, binding: str, figures: Figures) -> None:
    sender, faults = Sender(api), []
    for route in BODY_ROUTES:
        body = json.dumps({"name": "Rex", "species": "dog", "weight_kg": 20}).encode()
        for content_type in NOT_JSON_TYPES:
            answer = sender.send(route, body, content_type)
            check(
                figures,
                binding,
                faults,
                f"{route[:2]} {content_type}",
                answer,
                415,
                "application/json",
            )
    assert not faults, "\n".join(faults)
