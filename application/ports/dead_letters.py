"""Deliveries that could not be recorded after every retry, kept whole where the platform has no
dead-letter queue of its own (Event Hubs): an operator replays them, nothing is lost."""

from __future__ import annotations

import abc
from datetime import datetime

import attrs


@attrs.frozen
class DeadLetter:
    """A batch of messages as they came (`payloads`), where from, why they were kept, when."""

    source: str
    reason: str
    kept_at: datetime
    payloads: tuple[bytes, ...]


class DeadLetters(abc.ABC):
    @abc.abstractmethod
    def keep(self, letter: DeadLetter) -> str:
        """Keep the letter until an operator deletes it; the name it is kept under. Raises when
        it could not be kept (the caller must then not let the messages go)."""

    @abc.abstractmethod
    def kept(self) -> list[DeadLetter]:
        """Every letter kept, oldest first."""
