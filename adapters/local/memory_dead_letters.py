from __future__ import annotations

import threading

from adapters.dead_letter_codec import letter_name
from application.ports.dead_letters import DeadLetter, DeadLetters


class InMemoryDeadLetters(DeadLetters):
    def __init__(self) -> None:
        self._letters: dict[str, DeadLetter] = {}
        self._lock = threading.Lock()

    def keep(self, letter: DeadLetter) -> str:
        name = letter_name(letter)
        with self._lock:
            self._letters[name] = letter
        return name

    def kept(self) -> list[DeadLetter]:
        with self._lock:
            return [self._letters[name] for name in sorted(self._letters)]
