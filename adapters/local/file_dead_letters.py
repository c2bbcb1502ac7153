"""Dead letters as files of a directory (`.pawtrack/dead-letters/`), one JSON document each."""

from __future__ import annotations

from pathlib import Path

from adapters.dead_letter_codec import letter_json, letter_name, letter_of
from application.ports.dead_letters import DeadLetter, DeadLetters


class FileDeadLetters(DeadLetters):
    def __init__(self, directory: Path) -> None:
        self._directory = directory

    def keep(self, letter: DeadLetter) -> str:
        name = letter_name(letter)
        self._directory.mkdir(parents=True, exist_ok=True)
        partial = self._directory / f".{name}.partial"
        partial.write_bytes(letter_json(letter))
        partial.replace(self._directory / name)  # whole or not at all
        return name

    def kept(self) -> list[DeadLetter]:
        if not self._directory.exists():
            return []
        return [letter_of(path.read_bytes()) for path in sorted(self._directory.glob("*.json"))]
