"""DeadLetters: what could not be recorded is kept whole, as it came, for an operator."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from application.ports.dead_letters import DeadLetter, DeadLetters

AT = datetime(2026, 11, 21, 10, 0, 0, 123456, tzinfo=UTC)


def test_a_letter_is_kept_whole_with_its_payloads_as_they_came(dead_letters: DeadLetters) -> None:
    assert dead_letters.kept() == []
    letter = DeadLetter(
        "iot-hub", "ThrottledError: busy", AT, (b'{"readings": []}', b"\x00\xff not text", b"")
    )
    name = dead_letters.keep(letter)
    assert name and dead_letters.kept() == [letter]


def test_letters_come_back_oldest_first_and_none_is_lost(dead_letters: DeadLetters) -> None:
    letters = [
        DeadLetter("iot-hub", f"try {n}", AT + timedelta(seconds=10 - n), (bytes([n]),))
        for n in range(5)
    ]
    names = {dead_letters.keep(letter) for letter in letters}
    assert len(names) == len(letters)
    assert dead_letters.kept() == sorted(letters, key=lambda letter: letter.kept_at)
    twice = dead_letters.keep(letters[0])  # the same letter again is kept again, not lost
    assert twice not in names and len(dead_letters.kept()) == 6
