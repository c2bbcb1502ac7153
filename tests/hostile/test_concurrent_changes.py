"""Optimistic concurrency through each binding's HTTP entrypoint: a pet's version is its ETag,
a change sent with If-Match on a stale version is refused with 409 and changes nothing, and
20 owners' apps changing one pet at once lose no update when they retry their 409s."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta

import attrs

from tests.support.drivers.api import Answer, ApiDriver
from tests.support.figures import Figures

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
WRITERS = 20
MAX_ATTEMPTS = 200
JSON = {"Content-Type": "application/json"}


@attrs.frozen
class Owner:
    api: ApiDriver
    headers: dict[str, str]
    pet: str

    def send(self, method: str, path: str, body: object = None, **headers: str) -> Answer:
        sent = {**self.headers, **headers, **(JSON if body is not None else {})}
        data = json.dumps(body).encode() if body is not None else b""
        return self.api.send(method, path.replace("{pet}", self.pet), sent, data, {})


def owner_of_rex(api: ApiDriver) -> Owner:
    api.set_time(NOW)
    api.add_user("alice")
    api.register_pet("alice", "dog", "Rex", 20)
    return Owner(api, {"Authorization": f"Bearer {api.token('alice')}"}, api.pet("Rex"))


def refused_with(answer: Answer, status: int) -> dict[str, object]:
    assert answer.status == status, answer.body
    assert answer.headers["content-type"].startswith("application/problem+json")
    problem: dict[str, object] = json.loads(answer.body)
    assert problem["status"] == status and problem["detail"]
    return problem


def test_the_version_is_the_etag_and_a_stale_if_match_changes_nothing(api: ApiDriver) -> None:
    alice = owner_of_rex(api)
    read = alice.send("GET", "/pets/{pet}")
    assert read.status == 200 and read.headers["etag"] == '"1"'
    assert json.loads(read.body)["version"] == 1

    changed = alice.send("PATCH", "/pets/{pet}", {"daily_step_goal": 5000}, **{"If-Match": '"1"'})
    assert changed.status == 200 and changed.headers["etag"] == '"2"'
    stale = alice.send("PATCH", "/pets/{pet}", {"daily_step_goal": 10}, **{"If-Match": '"1"'})
    assert "version 2" in str(refused_with(stale, 409)["detail"])
    stale = alice.send("POST", "/pets/{pet}/weights", {"weight_kg": 30}, **{"If-Match": '"1"'})
    refused_with(stale, 409)
    for never_matches in ('W/"2"', '"02"', '"x"'):  # If-Match compares strongly
        answer = alice.send(
            "PATCH", "/pets/{pet}", {"daily_step_goal": 7}, **{"If-Match": never_matches}
        )
        refused_with(answer, 409)
    pet = json.loads(alice.send("GET", "/pets/{pet}").body)
    assert (pet["version"], pet["daily_step_goal"], len(pet["weights"])) == (2, 5000, 1)

    listed = alice.send(
        "PATCH", "/pets/{pet}", {"daily_step_goal": 6000}, **{"If-Match": '"9", "2"'}
    )
    assert listed.status == 200 and listed.headers["etag"] == '"3"'
    weighed = alice.send("POST", "/pets/{pet}/weights", {"weight_kg": 21}, **{"If-Match": "*"})
    assert weighed.status == 200 and weighed.headers["etag"] == '"4"'
    unconditional = alice.send("PATCH", "/pets/{pet}", {"daily_step_goal": 7000})
    assert unconditional.status == 200 and unconditional.headers["etag"] == '"5"'
    for garbled in ("5", '"5', "W/5", '"5" "5"'):  # no entity tags: they name no version
        answer = alice.send("PATCH", "/pets/{pet}", {"daily_step_goal": 1}, **{"If-Match": garbled})
        assert "at version 5" in str(refused_with(answer, 409)["detail"])


@attrs.define
class Writer:
    """Reads the pet, records its own day's weight with If-Match, and on 409 reads again."""

    owner: Owner
    day: date
    start: threading.Barrier
    conflicts: int = 0
    faults: list[str] = attrs.field(factory=list)

    def __call__(self) -> bool:
        self.start.wait()
        body = {"weight_kg": 10 + self.day.day / 10, "day": self.day.isoformat()}
        for _ in range(MAX_ATTEMPTS):
            tag = self.owner.send("GET", "/pets/{pet}").headers["etag"]
            answer = self.owner.send("POST", "/pets/{pet}/weights", body, **{"If-Match": tag})
            if answer.status == 200:
                return True
            if answer.status != 409:
                self.faults.append(f"{self.day} answered {answer.status}: {answer.body!r}")
                return False
            self.conflicts += 1
        self.faults.append(f"{self.day} got 409 {MAX_ATTEMPTS} times")
        return False


def test_twenty_concurrent_changes_lose_no_update(
    api: ApiDriver, binding: str, figures: Figures
) -> None:
    alice = owner_of_rex(api)
    alice.send("GET", "/pets/{pet}")  # builds the binding's clients before the threads share them
    start = threading.Barrier(WRITERS)
    writers = [Writer(alice, NOW.date() - timedelta(days=n), start) for n in range(1, WRITERS + 1)]
    with ThreadPoolExecutor(WRITERS) as pool:
        landed = list(pool.map(lambda writer: writer(), writers))

    pet = json.loads(alice.send("GET", "/pets/{pet}").body)
    recorded = {w["day"] for w in pet["weights"]}
    for writer in writers:
        figures.record("lost-updates", binding, held=writer.day.isoformat() in recorded)
    faults = [fault for writer in writers for fault in writer.faults]
    assert not faults, faults
    assert all(landed)
    assert recorded >= {writer.day.isoformat() for writer in writers}
    assert pet["version"] == 1 + WRITERS, "every landed change counts once in the version"
    print(f"{binding}: {sum(w.conflicts for w in writers)} conflicts retried")
