"""PageCursors: a sealed cursor opens to what was sealed; anything else opens to nothing."""

from __future__ import annotations

from application.ports.pages import PageCursors

CARRIED = '["pets",["alice",null],["Rex","5c64e8eb2d854f8fb5e157465cf4624d"]]'


def test_a_sealed_cursor_opens_to_what_it_carries(cursors: PageCursors) -> None:
    token = cursors.seal(CARRIED)
    assert cursors.open(token) == CARRIED
    assert "alice" not in token and "/" not in token and "+" not in token  # opaque, URL-safe
    assert cursors.open(cursors.seal("☃ é")) == "☃ é"


def test_an_altered_or_made_up_cursor_opens_to_nothing(cursors: PageCursors) -> None:
    token = cursors.seal(CARRIED)
    body, _, mac = token.partition(".")
    other = cursors.seal(CARRIED.replace("alice", "bob"))
    altered = [
        f"{other.partition('.')[0]}.{mac}",  # another text under this MAC
        f"{body}.{other.partition('.')[2]}",  # this text under another MAC
        f"{body}.{mac[:-2]}",
        f"{body[:-1]}.{mac}",
        f"{body}.",
        f".{mac}",
        body,
        "",
        "not a cursor at all",
        "%%%.%%%",
        "A" * 5000,
    ]
    for token in altered:
        assert cursors.open(token) is None, token


def test_a_cursor_of_another_deployment_opens_to_nothing(
    cursors: PageCursors, other_cursors: PageCursors
) -> None:
    assert other_cursors.open(cursors.seal(CARRIED)) is None
