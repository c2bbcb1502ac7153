"""Every list pages the same way: `limit`, and a sealed `cursor` good for its list and caller."""

from __future__ import annotations

from http_support import Api, problem

pytest_plugins = ["http_fixtures"]


def register(api: Api, owner: str, *names: str) -> None:
    for name in names:
        body = {"name": name, "species": "cat", "weight_kg": 4}
        api.ok("POST", "/pets", owner, json_body=body)


def pages(api: Api, owner: str, path: str, name: str, limit: int) -> list[list[str]]:
    found, query = [], {"limit": str(limit)}
    while True:
        page = api.ok("GET", path, owner, query=query)
        found.append([item["name"] for item in page[name]])
        if page["next_cursor"] is None:
            return found
        query = {"limit": str(limit), "cursor": page["next_cursor"]}


def test_pets_come_a_page_at_a_time_in_name_order(api: Api, alice: str) -> None:
    register(api, alice, "Mia", "Ada", "Zoe", "Bo", "Kit")
    assert pages(api, alice, "/pets", "pets", 2) == [["Ada", "Bo"], ["Kit", "Mia"], ["Zoe"]]
    assert pages(api, alice, "/pets", "pets", 5) == [["Ada", "Bo", "Kit", "Mia", "Zoe"]]


def test_a_cursor_is_good_for_its_own_list_and_caller_only(
    api: Api, alice: str, bob: str, ops: str
) -> None:
    register(api, alice, "Ada", "Bo", "Kit")
    register(api, bob, "Rex", "Max")
    cursor = api.ok("GET", "/pets", alice, query={"limit": "1"})["next_cursor"]
    assert cursor is not None
    assert (
        problem(api.call("GET", "/pets", bob, query={"cursor": cursor}), 422)["field"] == "cursor"
    )
    assert (
        problem(api.call("GET", "/users", ops, query={"cursor": cursor}), 422)["field"] == "cursor"
    )
    assert (
        problem(api.call("GET", "/grants", alice, query={"cursor": cursor}), 422)["field"]
        == "cursor"
    )


def test_a_cursor_cannot_be_made_up_or_altered(api: Api, alice: str) -> None:
    register(api, alice, "Ada", "Bo", "Kit")
    cursor = api.ok("GET", "/pets", alice, query={"limit": "1"})["next_cursor"]
    text, _, mac = cursor.partition(".")
    forged = [
        "nonsense",
        f"{text}.{'A' * len(mac)}",
        f"{text[:-2]}AA.{mac}",
        "W1wicGV0c1wiLFtcImFsaWNlXCIsbnVsbF0sW1wiQm9cIixcIngiXV0.",
        "",
    ]
    for made_up in forged:
        answer = api.call("GET", "/pets", alice, query={"cursor": made_up})
        assert problem(answer, 422)["field"] == "cursor", made_up


def test_a_limit_is_1_to_100(api: Api, alice: str) -> None:
    for limit in ("0", "101", "-1", "ten", "2.5"):
        answer = api.call("GET", "/pets", alice, query={"limit": limit})
        assert problem(answer, 422)["field"] == "limit", limit
    assert api.ok("GET", "/pets", alice, query={"limit": "100"}) == {
        "pets": [],
        "next_cursor": None,
    }
